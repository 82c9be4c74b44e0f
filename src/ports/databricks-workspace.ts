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

/**
 * A STRUCT, MAP or ARRAY value as the warehouse's JSON text, unparsed (see
 * `StreamQueryOptions.complexTypesAsJsonText`). Serializes to JSON as the value it spells.
 */
export class JsonText {
  constructor(readonly text: string) {}

  toJSON(): unknown {
    return JSON.parse(this.text);
  }
}

export interface StreamQueryOptions {
  /** Rows handed to `onBatch` at a time; memory stays bounded by it. */
  batchSize: number;
  /** Named parameters (`:name` in the statement). */
  parameters?: Record<string, string | number | boolean | Date | null>;
  /**
   * STRUCT, MAP and ARRAY values as `JsonText` rather than parsed objects, where the results
   * carry them as JSON text (Arrow results read column by column): for a caller that stores them
   * as JSON again, parsing and re-serializing every value would be most of its work.
   */
  complexTypesAsJsonText?: boolean;
  onBatch(rows: SqlRow[]): Promise<void>;
}

/** One entity an endpoint serves: a Unity Catalog model version, a foundation model or an external model. */
export interface ServedEntity {
  name?: string;
  /** UC model (`catalog.schema.model`) or foundation/external model name. */
  entityName?: string;
  entityVersion?: string;
}

/** A model serving endpoint, as `GET /api/2.0/serving-endpoints` describes it (the fields the bot reads). */
export interface ServingEndpoint {
  name: string;
  id?: string;
  /** `agent/v1/chat`, `agent/v2/chat`, `agent/v1/responses`, `llm/v1/chat`, … */
  task?: string;
  servedEntities: ServedEntity[];
  /** AI Gateway inference table (`<catalog>.<schema>.<prefix>_payload`), when configured. */
  inferenceTable?: { catalog: string; schema: string; prefix: string; enabled: boolean };
  tags: Record<string, string>;
}

/** A Unity Catalog registered model or function (an agent, or a tool agents call). */
export interface RegisteredAsset {
  kind: 'registered model' | 'function';
  /** `catalog.schema.name` */
  fullName: string;
  comment?: string;
}

export interface WorkspaceApi {
  /** A workspace OAuth M2M token (cached until shortly before expiry, shared by concurrent callers). */
  token(): Promise<string>;
  listWarehouses(): Promise<SqlWarehouse[]>;
  /** `GET /api/2.0/serving-endpoints`: every serving endpoint of the workspace. */
  listServingEndpoints(): Promise<ServingEndpoint[]>;
  /** Registered models and functions in one Unity Catalog schema (every page). */
  listRegisteredAssets(catalog: string, schema: string): Promise<RegisteredAsset[]>;
  /**
   * A workspace REST call (`GET /api/2.1/clusters/get?cluster_id=…`, `POST /api/2.1/clusters/delete`)
   * as the service principal: JSON in and out, 429/5xx retried within limits (honouring
   * Retry-After); any other failure is a DatabricksApiError with the REST `error_code`.
   */
  rest(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<Record<string, unknown>>;
  /** Runs one statement on a warehouse and streams its rows in batches. */
  streamQuery(warehouseId: string, statement: string, options: StreamQueryOptions): Promise<{ rows: number }>;
  close(): Promise<void>;
}

/** Opens workspace connections (tests point it at the emulator). */
export interface WorkspaceApiFactory {
  connect(settings: WorkspaceConnectionSettings): WorkspaceApi;
}

/**
 * A statement failed on the warehouse; `permissionDenied` when the principal may not read a table.
 * `errorClass` is the Databricks error class when the message carries one (`TABLE_OR_VIEW_NOT_FOUND`,
 * `INSUFFICIENT_PERMISSIONS`, `PARSE_SYNTAX_ERROR`, …).
 */
export class DatabricksSqlError extends Error {
  constructor(
    message: string,
    readonly permissionDenied: boolean,
    readonly retryable: boolean,
    readonly errorClass?: string,
  ) {
    super(message);
    this.name = 'DatabricksSqlError';
  }
}
