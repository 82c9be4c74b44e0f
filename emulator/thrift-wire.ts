/**
 * The Thrift side of the emulated SQL warehouse, borrowed from the `@databricks/sql` driver itself:
 * its generated `TCLIService` (Processor) and `TCLIService_types`, and the `thrift` runtime it
 * uses, so the emulator speaks exactly the structures the driver reads. The driver ships no usable
 * TypeScript types for these, so the few shapes the emulator builds are declared here.
 */
import { createRequire } from 'node:module';

const requireFromHere = createRequire(import.meta.url);
const requireFromDriver = createRequire(requireFromHere.resolve('@databricks/sql'));

interface ThriftTransport {
  commitPosition(): void;
}
interface ThriftProtocol {
  readMessageBegin(): { fname: string; mtype: number; rseqid: number };
}
interface ThriftRuntime {
  TBufferedTransport: {
    new (buffer: undefined, onFlush: (message: Buffer) => void): ThriftTransport;
    receiver(callback: (transport: ThriftTransport) => void, seqid?: number): (data: Buffer) => void;
  };
  TBinaryProtocol: new (transport: ThriftTransport) => ThriftProtocol;
}

interface ThriftProcessor {
  process(input: ThriftProtocol, output: ThriftProtocol): void;
}

const thrift = requireFromDriver('thrift') as ThriftRuntime;
const service = requireFromDriver('@databricks/sql/thrift/TCLIService.js') as {
  Processor: new (handler: object) => ThriftProcessor;
};
const types = requireFromDriver('@databricks/sql/thrift/TCLIService_types.js') as {
  TTypeId: Record<string, number>;
  TStatusCode: Record<string, number>;
  TOperationState: Record<string, number>;
  TOperationType: Record<string, number>;
  TFetchOrientation: Record<string, number>;
  TSparkRowSetType: Record<string, number>;
  TProtocolVersion: Record<string, number>;
};

function enumValue(table: Record<string, number>, name: string): number {
  const value = table[name];
  if (value === undefined) throw new Error(`TCLIService_types has no ${name}`);
  return value;
}

export const TTypeId = {
  BOOLEAN: enumValue(types.TTypeId, 'BOOLEAN_TYPE'),
  TINYINT: enumValue(types.TTypeId, 'TINYINT_TYPE'),
  SMALLINT: enumValue(types.TTypeId, 'SMALLINT_TYPE'),
  INT: enumValue(types.TTypeId, 'INT_TYPE'),
  BIGINT: enumValue(types.TTypeId, 'BIGINT_TYPE'),
  FLOAT: enumValue(types.TTypeId, 'FLOAT_TYPE'),
  DOUBLE: enumValue(types.TTypeId, 'DOUBLE_TYPE'),
  STRING: enumValue(types.TTypeId, 'STRING_TYPE'),
  TIMESTAMP: enumValue(types.TTypeId, 'TIMESTAMP_TYPE'),
  BINARY: enumValue(types.TTypeId, 'BINARY_TYPE'),
  ARRAY: enumValue(types.TTypeId, 'ARRAY_TYPE'),
  MAP: enumValue(types.TTypeId, 'MAP_TYPE'),
  STRUCT: enumValue(types.TTypeId, 'STRUCT_TYPE'),
  DECIMAL: enumValue(types.TTypeId, 'DECIMAL_TYPE'),
  DATE: enumValue(types.TTypeId, 'DATE_TYPE'),
  INTERVAL_DAY_TIME: enumValue(types.TTypeId, 'INTERVAL_DAY_TIME_TYPE'),
} as const;

export const TStatusCode = {
  SUCCESS: enumValue(types.TStatusCode, 'SUCCESS_STATUS'),
  ERROR: enumValue(types.TStatusCode, 'ERROR_STATUS'),
  INVALID_HANDLE: enumValue(types.TStatusCode, 'INVALID_HANDLE_STATUS'),
} as const;

export const TOperationState = {
  RUNNING: enumValue(types.TOperationState, 'RUNNING_STATE'),
  FINISHED: enumValue(types.TOperationState, 'FINISHED_STATE'),
  CANCELED: enumValue(types.TOperationState, 'CANCELED_STATE'),
  CLOSED: enumValue(types.TOperationState, 'CLOSED_STATE'),
  ERROR: enumValue(types.TOperationState, 'ERROR_STATE'),
} as const;

export const EXECUTE_STATEMENT = enumValue(types.TOperationType, 'EXECUTE_STATEMENT');
export const FETCH_FIRST = enumValue(types.TFetchOrientation, 'FETCH_FIRST');
export const COLUMN_BASED_SET = enumValue(types.TSparkRowSetType, 'COLUMN_BASED_SET');
export const ARROW_BASED_SET = enumValue(types.TSparkRowSetType, 'ARROW_BASED_SET');
/** What the emulator answers to OpenSession: the version driver 2.1 asks for. */
export const SERVER_PROTOCOL_VERSION = enumValue(types.TProtocolVersion, 'SPARK_CLI_SERVICE_PROTOCOL_V8');

export interface TStatus {
  statusCode: number;
  errorMessage?: string;
  sqlState?: string;
  errorCode?: number;
  displayMessage?: string;
}
export interface THandleIdentifier {
  guid: Buffer;
  secret: Buffer;
}
export interface TOperationHandle {
  operationId: THandleIdentifier;
  operationType: number;
  hasResultSet: boolean;
}
export interface TSessionHandle {
  sessionId: THandleIdentifier;
}
/** A 64-bit value as the thrift runtime writes it: eight big-endian bytes. */
export interface I64Value {
  buffer: Buffer;
}
export interface TColumn {
  boolVal?: { values: boolean[]; nulls: Buffer };
  byteVal?: { values: number[]; nulls: Buffer };
  i16Val?: { values: number[]; nulls: Buffer };
  i32Val?: { values: number[]; nulls: Buffer };
  i64Val?: { values: I64Value[]; nulls: Buffer };
  doubleVal?: { values: number[]; nulls: Buffer };
  stringVal?: { values: string[]; nulls: Buffer };
}
export interface TRowSet {
  startRowOffset: I64Value;
  rows: never[];
  columns?: TColumn[];
  arrowBatches?: { batch: Buffer; rowCount: I64Value }[];
}
export interface TColumnDesc {
  columnName: string;
  typeDesc: { types: { primitiveEntry: { type: number; typeQualifiers?: unknown } }[] };
  position: number;
  comment?: string;
}
export interface TResultSetMetadata {
  status: TStatus;
  schema: { columns: TColumnDesc[] };
  resultFormat: number;
  lz4Compressed: boolean;
}

export function i64(value: number | bigint): I64Value {
  const buffer = Buffer.alloc(8);
  buffer.writeBigInt64BE(BigInt(value));
  return { buffer };
}

/** Feeds one HTTP body to the driver's generated Processor and resolves with the reply bytes. */
export function processThriftMessage(body: Buffer, handler: object): Promise<Buffer> {
  const processor = new service.Processor(handler);
  return new Promise((resolve, reject) => {
    const receive = thrift.TBufferedTransport.receiver((transport) => {
      const input = new thrift.TBinaryProtocol(transport);
      const output = new thrift.TBinaryProtocol(new thrift.TBufferedTransport(undefined, resolve));
      try {
        processor.process(input, output);
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
    receive(body);
  });
}

/** The TCLIService method a request body calls (e.g. `ExecuteStatement`), or undefined if unreadable. */
export function thriftMethodName(body: Buffer): string | undefined {
  let name: string | undefined;
  try {
    thrift.TBufferedTransport.receiver((transport) => {
      name = new thrift.TBinaryProtocol(transport).readMessageBegin().fname;
    })(body);
  } catch {
    return undefined;
  }
  return name;
}
