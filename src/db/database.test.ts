import { sql } from 'kysely';
import pg from 'pg';
import { afterEach, expect, it, vi } from 'vitest';
import { TEST_POSTGRES_URL } from '../../test/support/test-database.js';
import { createDb, type Db } from './database.js';

let db: Db | undefined;
afterEach(async () => {
  await db?.destroy();
});

it('survives Postgres closing an idle connection (restart, failover, admin kill) and reconnects', async () => {
  const onIdleError = vi.fn();
  db = createDb(TEST_POSTGRES_URL, { maxConnections: 1, onIdleError });
  const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(db);

  const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await admin.connect();
  try {
    await admin.query('select pg_terminate_backend($1)', [rows[0]!.pid]);
  } finally {
    await admin.end();
  }

  await vi.waitFor(() => expect(onIdleError).toHaveBeenCalledOnce(), { timeout: 5_000, interval: 25 });
  expect(String(onIdleError.mock.calls[0]![0])).toContain('terminating connection');
  const after = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(db);
  expect(after.rows[0]!.pid).not.toBe(rows[0]!.pid);
});
