import pg from 'pg';
import type { Logger } from '../logging/logger.js';

/**
 * Leadership among processes through a Postgres session advisory lock on a connection of its
 * own: at most one holder at a time, and a holder that dies (or loses its connection) lets
 * another take over at its next try. Not a data lock: nothing waits on it.
 */
export class LeaderLock {
  #client: pg.Client | undefined;
  #held = false;

  constructor(
    private readonly databaseUrl: string,
    private readonly name: string,
    private readonly log: Logger,
  ) {}

  /** True while this process leads; takes the lead when nobody holds it. */
  async tryLead(): Promise<boolean> {
    if (this.#held && this.#client) return true;
    const client = this.#client ?? (await this.#connect());
    const result = await client.query<{ leads: boolean }>(
      'select pg_try_advisory_lock(hashtext($1)) as leads',
      [this.name],
    );
    this.#held = result.rows[0]?.leads === true;
    if (this.#held) this.log.info({ lock: this.name }, 'this process now leads');
    return this.#held;
  }

  async release(): Promise<void> {
    const client = this.#client;
    this.#client = undefined;
    this.#held = false;
    await client?.end().catch(() => undefined);
  }

  async #connect(): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: this.databaseUrl, connectionTimeoutMillis: 3_000 });
    // A dropped connection (Postgres restart) ends the lead; the next try reconnects.
    client.on('error', (error) => {
      this.log.warn({ err: error, lock: this.name }, 'leader connection lost');
      if (this.#client === client) {
        this.#client = undefined;
        this.#held = false;
      }
      client.end().catch(() => undefined);
    });
    try {
      await client.connect();
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    this.#client = client;
    return client;
  }
}
