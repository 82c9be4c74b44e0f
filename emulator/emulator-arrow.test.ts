import { afterAll, beforeAll, expect, test } from 'vitest';
import { startDatabricksEmulator, type DatabricksEmulator } from './databricks-emulator.js';
import { connectDriver, type DriverConnection } from './emulator-test-client.js';

const credentials = { clientId: 'collector-sp', clientSecret: 'collector-secret' };
let emulator: DatabricksEmulator;
let connection: DriverConnection;

beforeAll(async () => {
  emulator = await startDatabricksEmulator({ ...credentials, resultFormat: 'arrow', maxPageRows: 50 });
  await emulator.seed({ seed: 3, days: 5, workspaces: 1, today: new Date('2026-03-01T00:00:00Z') });
  connection = await connectDriver(emulator, credentials);
});

afterAll(async () => {
  await connection?.close();
  await emulator?.close();
});

test('in Arrow mode timestamps and dates reach the caller as Dates, as from a real warehouse', async () => {
  const operation = await connection.session.executeStatement(
    `SELECT record_id, usage_start_time, usage_date, usage_quantity, custom_tags, usage_metadata, usage_metadata.job_id
     FROM system.billing.usage WHERE usage_metadata.job_id IS NOT NULL ORDER BY usage_start_time LIMIT 1`,
  );
  const [row] = (await operation.fetchAll()) as Record<string, unknown>[];
  await operation.close();
  const expected = await emulator.pool.query(
    `select usage_start_time, usage_date::text as usage_date from "system__billing"."usage" where record_id = $1`,
    [row?.record_id],
  );
  expect(row?.usage_start_time).toEqual(expected.rows[0].usage_start_time);
  expect(row?.usage_date).toEqual(new Date(`${expected.rows[0].usage_date}T00:00:00Z`));
  expect(typeof row?.usage_quantity).toBe('number');
  expect(row?.custom_tags).toMatchObject({ team: expect.any(String) });
  expect(row?.usage_metadata).toMatchObject({ job_id: row?.job_id });
});

test('Arrow pages stream like column pages, with nulls', async () => {
  const operation = await connection.session.executeStatement(
    'SELECT run_id, result_state, period_end_time FROM system.lakeflow.job_run_timeline ORDER BY period_start_time',
  );
  const rows = (await operation.fetchAll()) as { result_state: string | null; period_end_time: Date }[];
  await operation.close();
  const { rows: count } = await emulator.pool.query(
    'select count(*)::int as n from "system__lakeflow"."job_run_timeline"',
  );
  expect(rows).toHaveLength(count[0].n);
  expect(rows.some((r) => r.result_state === null)).toBe(true);
  expect(rows.every((r) => r.period_end_time instanceof Date)).toBe(true);
  expect(emulator.statements.at(-1)?.fetchCalls).toBeGreaterThan(1);
});
