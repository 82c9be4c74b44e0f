/** What the emulator records for assertions: every HTTP request and every SQL statement. */

export interface RecordedRequest {
  method: string;
  path: string;
  status: number;
  /** For SQL warehouse calls: the TCLIService method (`OpenSession`, `FetchResults`, …). */
  thriftMethod?: string;
  /** Arrival time, epoch milliseconds. */
  at: number;
}

/** A REST call the emulator has carried out, as a `beforeAnswering` hook sees it. */
export interface CarriedOutCall extends RecordedRequest {
  /** The request's JSON body (undefined when empty or not JSON). */
  body: unknown;
}

/**
 * Runs after a REST call was carried out and recorded, before its answer is sent: the answer
 * waits for it. The fault suite uses it to kill a client between Databricks doing something and
 * the client hearing of it; nothing in the emulator itself uses it.
 */
export type BeforeAnsweringHook = (call: CarriedOutCall) => Promise<void> | void;

export type StatementState = 'RUNNING' | 'FINISHED' | 'FAILED' | 'CANCELED' | 'CLOSED';

export interface RecordedStatement {
  /** Operation id (UUID) as the driver reports it (`operation.id`). */
  operationId: string;
  warehouseId: string;
  sessionId: string;
  /** The statement exactly as the client sent it. */
  sql: string;
  /** What ran on Postgres; absent when translation failed. */
  postgresSql?: string;
  /** Three-part names of the tables the statement reads. */
  tables: string[];
  /** Parameters bound by name (`:name`) or position, as sent. */
  parameters: { name?: string; type?: string; value?: string }[];
  state: StatementState;
  /** The Databricks-style error message when the statement failed. */
  error?: string;
  rowsFetched: number;
  fetchCalls: number;
  at: number;
}
