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
import { arrowBatch, type ArrowBatch } from './arrow-result.js';

const CURSOR = 'databricks_emulator_cursor';
/** Every value comes back as Postgres text; result-columns.ts encodes it per Databricks type. */
const TEXT_VALUES = { getTypeParser: () => (value: string) => value } as unknown as pg.CustomTypesConfig;

type Rows = (string | null)[][];

export interface Page {
  rows: Rows;
  startRowOffset: number;
  hasMoreRows: boolean;
  /** In Arrow mode, the page's batch when it was built ahead (see `readAhead`). */
  arrowBatch?: ArrowBatch;
}

/** A page being read from Postgres (and in Arrow mode encoded) while the previous one travels. */
interface PageAhead {
  rows: Promise<Rows>;
  arrowBatch: Promise<ArrowBatch | undefined>;
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
  private buffered: Rows = [];
  private ahead: PageAhead | undefined;
  /** The rows read ahead last and their batch: used when they go out as one page unchanged. */
  private aheadTaken: { rows: Rows; arrowBatch: Promise<ArrowBatch | undefined> } | undefined;
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
   * (and in Arrow mode encoded) while this one travels to the client and is decoded there (one
   * page ahead, so memory stays bounded).
   */
  async fetch(maxRows: number): Promise<Page> {
    await this.ready;
    if (this.error) throw this.error;
    if (this.record.state !== 'FINISHED')
      throw new DatabricksSqlError('INVALID_STATE', `The operation is ${this.record.state}.`, '55000');
    const startRowOffset = this.delivered;
    if (this.exhausted || !this.client) return { rows: [], startRowOffset, hasMoreRows: false };
    const size = Math.max(1, Math.floor(maxRows));
    let rows: Rows = [];
    try {
      while (rows.length < size) {
        if (this.buffered.length === 0) {
          const ahead = this.ahead;
          this.ahead = undefined;
          if (ahead) {
            this.buffered = await ahead.rows;
            this.aheadTaken = { rows: this.buffered, arrowBatch: ahead.arrowBatch };
          } else if (this.cursorDone) break;
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
    const built = this.aheadTaken?.rows === rows ? await this.aheadTaken.arrowBatch : undefined;
    this.aheadTaken = undefined;
    this.delivered += rows.length;
    this.record.rowsFetched = this.delivered;
    this.record.fetchCalls += 1;
    if (this.cursorDone && this.buffered.length === 0 && !this.ahead) {
      this.exhausted = true;
      await this.release(true);
    } else if (!this.ahead && !this.cursorDone && this.buffered.length < size) {
      this.ahead = this.readAhead(size);
    }
    return { rows, startRowOffset, hasMoreRows: !this.exhausted, ...(built ? { arrowBatch: built } : {}) };
  }

  /**
   * Starts reading the next page. In Arrow mode its batch is built as soon as the rows are in,
   * on a later turn of the event loop than the reply being sent now; the client decodes that
   * reply meanwhile, so encoding and decoding overlap instead of taking turns.
   */
  private readAhead(size: number): PageAhead {
    const rows = this.readPage(size);
    rows.catch(() => undefined); // surfaces at the next fetch
    const arrow = this.arrow;
    const batch = rows.then(
      (page) => (arrow && page.length > 0 ? arrowBatch(this.columns, page) : undefined),
      () => undefined,
    );
    return { rows, arrowBatch: batch };
  }

  /** Reads up to `size` rows from the cursor; fewer means the cursor is done. */
  private async readPage(size: number): Promise<Rows> {
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
