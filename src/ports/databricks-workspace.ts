/** What the connector and collector domains need from one Databricks workspace. */
export interface SqlWarehouse {
  id: string;
  name: string;
  /** STARTING, RUNNING, STOPPING, STOPPED, DELETING, DELETED */
  state: string;
  /** The driver's HTTP path, `/sql/1.0/warehouses/<id>`. */
  httpPath: string;
}

export interface WorkspaceConnectionSettings {
  /** `https://<workspace-host>` */
  workspaceUrl: string;
  clientId: string;
  clientSecret: string;
}

export type SqlRow = Record<string, unknown>;

export interface StreamQueryOptions {
  /** Rows handed to `onBatch` at a time; memory stays bounded by it. */
  batchSize: number;
  /** Named parameters (`:name` in the statement). */
  parameters?: Record<string, string | number | boolean | Date | null>;
  onBatch(rows: SqlRow[]): Promise<void>;
}

export interface WorkspaceApi {
  /** A workspace OAuth M2M token (cached until shortly before expiry, shared by concurrent callers). */
  token(): Promise<string>;
  listWarehouses(): Promise<SqlWarehouse[]>;
  /** Runs one statement on a warehouse and streams its rows in batches. */
  streamQuery(warehouseId: string, statement: string, options: StreamQueryOptions): Promise<{ rows: number }>;
  close(): Promise<void>;
}

/** Opens workspace connections (tests point it at the emulator). */
export interface WorkspaceApiFactory {
  connect(settings: WorkspaceConnectionSettings): WorkspaceApi;
}

/** A statement failed on the warehouse; `permissionDenied` when the principal may not read a table. */
export class DatabricksSqlError extends Error {
  constructor(
    message: string,
    readonly permissionDenied: boolean,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'DatabricksSqlError';
  }
}
