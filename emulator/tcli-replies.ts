/**
 * TCLIService reply structures the emulated warehouse sends: statuses (success, error, invalid
 * handle), operation status and result-set metadata replies, and handle/int64 conversions.
 */
import type { SqlOperation } from './sql-operation.js';
import { arrowBatch, arrowSchema } from './arrow-result.js';
import { columnDescriptions, encodeRowSet } from './result-columns.js';
import type { Page } from './sql-operation.js';
import {
  ARROW_BASED_SET,
  COLUMN_BASED_SET,
  i64,
  TOperationState,
  TStatusCode,
  type TRowSet,
  type TStatus,
} from './thrift-wire.js';

export const OK: TStatus = { statusCode: TStatusCode.SUCCESS };
export const STATES = {
  RUNNING: TOperationState.RUNNING,
  FINISHED: TOperationState.FINISHED,
  FAILED: TOperationState.ERROR,
  CANCELED: TOperationState.CANCELED,
  CLOSED: TOperationState.CLOSED,
};

export function operationStatusReply(operation: SqlOperation, state: keyof typeof STATES): object {
  const error = state === 'FAILED' ? operation.error : undefined;
  return {
    status: OK,
    operationState: STATES[state],
    hasResultSet: true,
    ...(error
      ? {
          sqlState: error.sqlState,
          errorCode: 0,
          errorMessage: error.message,
          displayMessage: error.message,
        }
      : {}),
  };
}

export function resultSetMetadataReply(operation: SqlOperation): object {
  return {
    status: OK,
    schema: { columns: columnDescriptions(operation.columns) },
    resultFormat: operation.arrow ? ARROW_BASED_SET : COLUMN_BASED_SET,
    ...(operation.arrow ? { arrowSchema: arrowSchema(operation.columns) } : {}),
    lz4Compressed: false,
    isStagingOperation: false,
  };
}

/** A page as the TRowSet of a FetchResults (or direct results) reply. */
export function rowSetReply(operation: SqlOperation, page: Page): TRowSet {
  if (!operation.arrow) return encodeRowSet(operation.columns, page.rows, page.startRowOffset);
  return {
    startRowOffset: i64(page.startRowOffset),
    rows: [],
    arrowBatches: page.rows.length > 0 ? [page.arrowBatch ?? arrowBatch(operation.columns, page.rows)] : [],
  };
}

export function errorStatus(message: string, sqlState?: string): TStatus {
  return {
    statusCode: TStatusCode.ERROR,
    errorMessage: message,
    displayMessage: message,
    ...(sqlState ? { sqlState } : {}),
  };
}

export function invalidHandle(kind: 'Session' | 'Operation'): TStatus {
  return {
    statusCode: TStatusCode.INVALID_HANDLE,
    errorMessage: `Invalid ${kind}Handle: the ${kind.toLowerCase()} does not exist or was closed.`,
  };
}

export function guidOf(uuid: string): Buffer {
  return Buffer.from(uuid.replace(/-/g, ''), 'hex');
}

export function uuidOf(guid: Buffer | undefined): string {
  if (!guid || guid.length !== 16) return '';
  const hex = guid.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Thrift i64 values arrive as node-int64 objects. */
export function toNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  const int64 = value as { toNumber?: (allowImprecise?: boolean) => number } | null | undefined;
  return int64?.toNumber ? int64.toNumber(true) : 100_000;
}
