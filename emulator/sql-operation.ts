/**
 * One statement on the emulated warehouse: a read-only Postgres transaction holding a cursor
 * over the translated SQL, so rows are streamed page by page (memory bounded by the page size)
 * and the connection goes back to the pool as soon as the last row is read or the operation is
 * closed. A slow-statement fault keeps the status RUNNING for some polls or milliseconds.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type pg from 'pg';
import { DatabricksSqlError, fromPostgresError } from './databricks-errors.js';
import type { EmulatedCatalog } from './emulator-catalog.js';
import type { RecordedStatement, StatementState } from './emulator-recordings.js';
import { resultColumns, type ResultColumn } from './result-columns.js';

const CURSOR = 'databricks_emulator_cursor';
/** Every value comes back as Postgres text; result-columns.ts encodes it per Databricks type. */
const TEXT_VALUES = { getTypeParser: () => (value: string) => value } as unknown as pg.CustomTypesConfig;

export interface Page {
  rows: (string | null)[][];
  startRowOffset: number;
  hasMoreRows: boolean;
}

export class SqlOperation {
  readonly id = randomUUID();
  readonly guid = Buffer.from(this.id.replace(/-/g, ''), 'hex');
  readonly secret = randomBytes(16);
  columns: ResultColumn[] = [];
  error: DatabricksSqlError | undefined;
  /** Answer with Arrow batches (the emulator is in Arrow mode and the client can read them). */
  arrow = false;
  private client: pg.PoolClient | undefined;
  private readonly ready: Promise<void>;
  private delivered = 0;
  private exhausted = false;
  /** Rows read from the cursor but not delivered yet, and the page being read ahead. */
  private buffered: (string | null)[][] = [];
  private ahead: { rows: Promise<(string | null)[][]> } | undefined;
  private cursorDone = false;
  private holdPolls: number;
  private readonly holdUntil: number;

  constructor(
    readonly record: RecordedStatement,
    start: { pool: pg.Pool; catalog: EmulatedCatalog; postgresSql?: string; failure?: DatabricksSqlError },
    hold: { polls: number; untilMs: number } | undefined,
  ) {
    this.holdPolls = hold?.polls ?? 0;
    this.holdUntil = hold?.untilMs ?? 0;
    this.ready =
      start.failure || start.postgresSql === undefined
        ? Promise.resolve().then(() => {
            this.fail(start.failure ?? new DatabricksSqlError('INTERNAL_ERROR', 'No statement.', 'XX000'));
          })
        : this.open(start.pool, start.catalog, start.postgresSql);
  }

  get state(): StatementState {
    return this.record.state;
  }

  /** The state a GetOperationStatus poll reports (each poll uses up one held poll). */
  async poll(): Promise<StatementState> {
    if (this.holdPolls > 0 || Date.now() < this.holdUntil) {
      this.holdPolls = Math.max(0, this.holdPolls - 1);
      if (this.record.state !== 'CLOSED' && this.record.state !== 'CANCELED') return 'RUNNING';
    }
    await this.ready;
    return this.record.state;
  }

  /** True while a slow-statement fault still holds the statement RUNNING. */
  get held(): boolean {
    return this.holdPolls > 0 || Date.now() < this.holdUntil;
  }

  async finished(): Promise<void> {
    await this.ready;
  }

  /**
   * The next page of at most `maxRows` rows; an empty page once everything was delivered. Like a
   * warehouse whose result is ready before it is fetched, the page after it is read from Postgres
   * while this one travels to the client (one page ahead, so memory stays bounded).
   */
  async fetch(maxRows: number): Promise<Page> {
    await this.ready;
    if (this.error) throw this.error;
    if (this.record.state !== 'FINISHED')
      throw new DatabricksSqlError('INVALID_STATE', `The operation is ${this.record.state}.`, '55000');
    const startRowOffset = this.delivered;
    if (this.exhausted || !this.client) return { rows: [], startRowOffset, hasMoreRows: false };
    const size = Math.max(1, Math.floor(maxRows));
    let rows: (string | null)[][] = [];
    try {
      while (rows.length < size) {
        if (this.buffered.length === 0) {
          const ahead = this.ahead;
          this.ahead = undefined;
          if (ahead) this.buffered = await ahead.rows;
          else if (this.cursorDone) break;
          else this.buffered = await this.readPage(size - rows.length);
          if (this.buffered.length === 0) break;
          continue;
        }
        const take = Math.min(size - rows.length, this.buffered.length);
        rows =
          rows.length === 0 && take === this.buffered.length
            ? this.buffered
            : rows.concat(this.buffered.slice(0, take));
        this.buffered = this.buffered.slice(take);
      }
    } catch (error) {
      await this.release(false);
      throw this.fail(fromPostgresError(error));
    }
    this.delivered += rows.length;
    this.record.rowsFetched = this.delivered;
    this.record.fetchCalls += 1;
    if (this.cursorDone && this.buffered.length === 0 && !this.ahead) {
      this.exhausted = true;
      await this.release(true);
    } else if (!this.ahead && !this.cursorDone && this.buffered.length < size) {
      const ahead = this.readPage(size);
      ahead.catch(() => undefined); // surfaces at the next fetch
      this.ahead = { rows: ahead };
    }
    return { rows, startRowOffset, hasMoreRows: !this.exhausted };
  }

  /** Reads up to `size` rows from the cursor; fewer means the cursor is done. */
  private async readPage(size: number): Promise<(string | null)[][]> {
    const client = this.client;
    if (!client) return [];
    const result = await client.query<(string | null)[]>({
      text: `FETCH FORWARD ${size} FROM ${CURSOR}`,
      rowMode: 'array',
      types: TEXT_VALUES,
    });
    if (result.rows.length < size) this.cursorDone = true;
    return result.rows;
  }

  async close(state: 'CLOSED' | 'CANCELED' = 'CLOSED'): Promise<void> {
    await this.ready.catch(() => undefined);
    await this.release(false);
    if (this.record.state === 'FINISHED' || this.record.state === 'RUNNING') this.record.state = state;
  }

  private async open(pool: pg.Pool, catalog: EmulatedCatalog, sql: string): Promise<void> {
    let client: pg.PoolClient | undefined;
    try {
      client = await pool.connect();
      this.client = client;
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      await client.query(`DECLARE ${CURSOR} NO SCROLL CURSOR FOR ${sql}`);
      const probe = await client.query({ text: `FETCH FORWARD 0 FROM ${CURSOR}`, rowMode: 'array' });
      this.columns = resultColumns(probe.fields, catalog);
      this.record.state = 'FINISHED';
    } catch (error) {
      await this.release(false);
      this.fail(fromPostgresError(error));
    }
  }

  private fail(error: DatabricksSqlError): DatabricksSqlError {
    this.error = error;
    this.record.state = 'FAILED';
    this.record.error = error.message;
    return error;
  }

  private async release(commit: boolean): Promise<void> {
    const client = this.client;
    if (!client) return;
    this.client = undefined;
    // A page still being read ahead finishes first (pg runs one query at a time per client).
    await this.ahead?.rows.catch(() => undefined);
    this.ahead = undefined;
    try {
      await client.query(commit ? 'COMMIT' : 'ROLLBACK');
      client.release();
    } catch (error) {
      client.release(error instanceof Error ? error : true);
    }
  }
}
