/**
 * The TCLIService handler of the emulated SQL warehouses: sessions, statements (translated to
 * Postgres and run through SqlOperation), status polls, result metadata, paged fetches and
 * closes, answered with the structures of the driver's own generated Thrift service. A call
 * for an unknown warehouse, session or operation answers with an error status.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { RecordedList } from './recorded-list.js';
import { DatabricksSqlError } from './databricks-errors.js';
import type { EmulatorFaults } from './emulator-faults.js';
import type { RecordedStatement } from './emulator-recordings.js';
import { encodeRowSet } from './result-columns.js';
import { SqlOperation } from './sql-operation.js';
import { prepareStatement } from './statement-preparation.js';
import {
  errorStatus,
  guidOf,
  invalidHandle,
  OK,
  operationStatusReply,
  resultSetMetadataReply,
  rowSetReply,
  toNumber,
  uuidOf,
} from './tcli-replies.js';
import {
  EXECUTE_STATEMENT,
  FETCH_FIRST,
  SERVER_PROTOCOL_VERSION,
  type TOperationHandle,
} from './thrift-wire.js';

export interface WarehouseLookup {
  /** The warehouse for an id, started if it was stopped (a connection starts a warehouse). */
  connect(warehouseId: string): boolean;
}

export interface WarehouseSqlServiceOptions {
  pool: pg.Pool;
  faults: EmulatorFaults;
  statements: RecordedList<RecordedStatement>;
  warehouses: WarehouseLookup;
  /** Answer ExecuteStatement with status, metadata and the first page when the driver asks. */
  directResults: boolean;
  /** Upper bound of rows per page, whatever the client asks for. */
  maxPageRows: number;
  /** `arrow`: answer clients that can read Arrow with Arrow batches, as real warehouses do. */
  resultFormat?: 'column' | 'arrow';
}

interface Session {
  id: string;
  warehouseId: string;
  catalog: string;
  schema: string;
  operations: Set<string>;
}

type Request = Record<string, unknown> & {
  sessionHandle?: { sessionId?: { guid?: Buffer } };
  operationHandle?: { operationId?: { guid?: Buffer } };
};

const METADATA_CALLS = [
  'GetTypeInfo',
  'GetCatalogs',
  'GetSchemas',
  'GetTables',
  'GetTableTypes',
  'GetColumns',
  'GetFunctions',
  'GetPrimaryKeys',
  'GetCrossReference',
  'GetDelegationToken',
  'CancelDelegationToken',
  'RenewDelegationToken',
];

export class WarehouseSqlService {
  private readonly sessions = new Map<string, Session>();
  private readonly operations = new Map<string, { operation: SqlOperation; session: Session }>();

  constructor(private readonly options: WarehouseSqlServiceOptions) {}

  /** A handler object for the driver's generated Processor, for calls on one warehouse path. */
  handlerFor(warehouseId: string): object {
    const handler: Record<string, (req: Request) => Promise<object>> = {
      OpenSession: async (req) => this.openSession(warehouseId, req),
      CloseSession: async (req) => this.closeSession(warehouseId, req),
      GetInfo: async (req) =>
        this.session(warehouseId, req)
          ? { status: OK, infoValue: { stringValue: 'Databricks SQL (emulated)' } }
          : { status: invalidHandle('Session') },
      ExecuteStatement: async (req) => this.executeStatement(warehouseId, req),
      GetOperationStatus: async (req) => this.operationStatus(warehouseId, req),
      GetResultSetMetadata: async (req) => this.resultSetMetadata(warehouseId, req),
      FetchResults: async (req) => this.fetchResults(warehouseId, req),
      CancelOperation: async (req) => this.closeOperation(warehouseId, req, 'CANCELED'),
      CloseOperation: async (req) => this.closeOperation(warehouseId, req, 'CLOSED'),
    };
    for (const name of METADATA_CALLS) {
      handler[name] = async (_req) => ({
        status: errorStatus(`${name} is not supported by the Databricks workspace emulator.`),
      });
    }
    return handler;
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.operations.values()].map(({ operation }) => operation.close()));
    this.operations.clear();
    this.sessions.clear();
  }

  private openSession(warehouseId: string, req: Request): object {
    if (!this.options.warehouses.connect(warehouseId)) {
      const status = errorStatus(
        `[RESOURCE_DOES_NOT_EXIST] SQL warehouse ${warehouseId} does not exist.`,
        '42704',
      );
      return { status, serverProtocolVersion: SERVER_PROTOCOL_VERSION };
    }
    const id = randomUUID();
    const namespace = req.initialNamespace as { catalogName?: string; schemaName?: string } | undefined;
    const session: Session = {
      id,
      warehouseId,
      catalog: namespace?.catalogName ?? 'main',
      schema: namespace?.schemaName ?? 'default',
      operations: new Set(),
    };
    this.sessions.set(id, session);
    return {
      status: OK,
      serverProtocolVersion: SERVER_PROTOCOL_VERSION,
      sessionHandle: { sessionId: { guid: guidOf(id), secret: randomBytes(16) } },
      configuration: {},
      canUseMultipleCatalogs: true,
    };
  }

  private async closeSession(warehouseId: string, req: Request): Promise<object> {
    const session = this.session(warehouseId, req);
    if (!session) return { status: invalidHandle('Session') };
    for (const id of session.operations) {
      await this.operations.get(id)?.operation.close();
      this.operations.delete(id);
    }
    this.sessions.delete(session.id);
    return { status: OK };
  }

  private async executeStatement(warehouseId: string, req: Request): Promise<object> {
    const session = this.session(warehouseId, req);
    if (!session) return { status: invalidHandle('Session') };
    const sql = String(req.statement ?? '');
    const { pool, faults } = this.options;
    const { record, catalog, postgresSql, failure } = await prepareStatement({
      sql,
      parameters: req.parameters,
      warehouseId,
      session,
      pool,
      faults,
    });
    const hold = this.options.faults.takeSlowness(sql);
    const operation = new SqlOperation(
      record,
      { pool, catalog, ...(postgresSql ? { postgresSql } : {}), ...(failure ? { failure } : {}) },
      hold,
    );
    record.operationId = operation.id;
    operation.arrow = this.options.resultFormat === 'arrow' && req.canReadArrowResult === true;
    this.options.statements.record(record);
    this.operations.set(operation.id, { operation, session });
    session.operations.add(operation.id);
    const operationHandle: TOperationHandle = {
      operationId: { guid: operation.guid, secret: operation.secret },
      operationType: EXECUTE_STATEMENT,
      hasResultSet: true,
    };
    const direct = req.getDirectResults as { maxRows?: unknown } | undefined;
    if (!this.options.directResults || !direct || operation.held) return { status: OK, operationHandle };
    return {
      status: OK,
      operationHandle,
      directResults: await this.directResults(operation, toNumber(direct.maxRows)),
    };
  }

  private async directResults(operation: SqlOperation, maxRows: number): Promise<object> {
    await operation.finished();
    const operationStatus = operationStatusReply(operation, operation.state);
    if (operation.state !== 'FINISHED') return { operationStatus };
    const resultSetMetadata = resultSetMetadataReply(operation);
    const page = await operation.fetch(Math.min(maxRows, this.options.maxPageRows));
    const resultSet = {
      status: OK,
      hasMoreRows: page.hasMoreRows,
      results: rowSetReply(operation, page),
    };
    if (page.hasMoreRows) return { operationStatus, resultSetMetadata, resultSet };
    await this.forget(operation, 'CLOSED');
    return { operationStatus, resultSetMetadata, resultSet, closeOperation: { status: OK } };
  }

  private async operationStatus(warehouseId: string, req: Request): Promise<object> {
    const operation = this.operation(warehouseId, req);
    if (!operation) return { status: invalidHandle('Operation') };
    return operationStatusReply(operation, await operation.poll());
  }

  private async resultSetMetadata(warehouseId: string, req: Request): Promise<object> {
    const operation = this.operation(warehouseId, req);
    if (!operation) return { status: invalidHandle('Operation') };
    await operation.finished();
    if (operation.error) return { status: errorStatus(operation.error.message, operation.error.sqlState) };
    return resultSetMetadataReply(operation);
  }

  private async fetchResults(warehouseId: string, req: Request): Promise<object> {
    const operation = this.operation(warehouseId, req);
    if (!operation) return { status: invalidHandle('Operation') };
    if (req.fetchType === 1) return { status: OK, hasMoreRows: false, results: encodeRowSet([], [], 0) };
    if (req.orientation === FETCH_FIRST && operation.record.rowsFetched > 0) {
      return {
        status: errorStatus(
          'FETCH_FIRST after rows were fetched is not supported by the Databricks workspace emulator.',
        ),
      };
    }
    try {
      const page = await operation.fetch(Math.min(toNumber(req.maxRows), this.options.maxPageRows));
      return {
        status: OK,
        hasMoreRows: page.hasMoreRows,
        results: rowSetReply(operation, page),
      };
    } catch (error) {
      if (!(error instanceof DatabricksSqlError)) throw error;
      return { status: errorStatus(error.message, error.sqlState) };
    }
  }

  private async closeOperation(
    warehouseId: string,
    req: Request,
    state: 'CLOSED' | 'CANCELED',
  ): Promise<object> {
    const operation = this.operation(warehouseId, req);
    if (!operation) return { status: invalidHandle('Operation') };
    await this.forget(operation, state);
    return { status: OK };
  }

  private async forget(operation: SqlOperation, state: 'CLOSED' | 'CANCELED'): Promise<void> {
    await operation.close(state);
    this.operations.get(operation.id)?.session.operations.delete(operation.id);
    this.operations.delete(operation.id);
  }

  private session(warehouseId: string, req: Request): Session | undefined {
    const session = this.sessions.get(uuidOf(req.sessionHandle?.sessionId?.guid));
    return session?.warehouseId === warehouseId ? session : undefined;
  }

  private operation(warehouseId: string, req: Request): SqlOperation | undefined {
    const entry = this.operations.get(uuidOf(req.operationHandle?.operationId?.guid));
    return entry?.session.warehouseId === warehouseId ? entry.operation : undefined;
  }
}
