import { sql } from 'kysely';
import pg from 'pg';
import { afterEach, expect, it, vi } from 'vitest';
import { TEST_POSTGRES_URL } from '../../test/support/test-database.js';
import { createDb, type Db } from './database.js';

let db: Db | undefined;
afterEach(async () => {
  await db?.destroy();
});

async function terminate(pid: number): Promise<void> {
  const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await admin.connect();
  try {
    await admin.query('select pg_terminate_backend($1)', [pid]);
  } finally {
    await admin.end();
  }
}

it('survives Postgres closing an idle connection (restart, failover, admin kill) and reconnects', async () => {
  const onConnectionError = vi.fn();
  db = createDb(TEST_POSTGRES_URL, { maxConnections: 1, onConnectionError });
  const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(db);

  await terminate(rows[0]!.pid);

  await vi.waitFor(() => expect(onConnectionError).toHaveBeenCalledOnce(), { timeout: 5_000, interval: 25 });
  expect(String(onConnectionError.mock.calls[0]![0])).toContain('terminating connection');
  const after = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(db);
  expect(after.rows[0]!.pid).not.toBe(rows[0]!.pid);
});

it('survives Postgres terminating a connection in the middle of a transaction: the query fails, the process lives', async () => {
  const onConnectionError = vi.fn();
  db = createDb(TEST_POSTGRES_URL, { maxConnections: 1, onConnectionError });
  let pid = 0;
  const busy = db
    .transaction()
    .execute(async (trx) => {
      pid = (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx)).rows[0]!.pid;
      await sql`select pg_sleep(10)`.execute(trx);
    })
    .then(
      () => undefined,
      (error: unknown) => error,
    );
  await vi.waitFor(() => expect(pid).toBeGreaterThan(0), { timeout: 5_000, interval: 10 });

  await terminate(pid);

  expect(String(await busy)).toMatch(/terminat|Connection/i);
  await vi.waitFor(() => expect(onConnectionError).toHaveBeenCalled(), { timeout: 5_000, interval: 25 });
  const after = await sql<{ one: number }>`select 1 as one`.execute(db);
  expect(after.rows[0]!.one).toBe(1);
});
