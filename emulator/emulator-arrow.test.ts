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

test('Arrow columns carry every value kind as the driver reads it: nulls, non-ASCII text, 64-bit, fractions', async () => {
  const operation = await connection.session.executeStatement(
    `SELECT * FROM (VALUES
       (true, CAST(-7 AS TINYINT), CAST(-300 AS SMALLINT), 70000, CAST(9007199254740991 AS BIGINT), 1.5,
        'héllo wörld ✓ 𝄞', CAST('1969-07-20' AS DATE), CAST('2026-11-10 12:34:56.789123' AS TIMESTAMP)),
       (false, NULL, NULL, NULL, NULL, NULL, '', NULL, CAST('1965-01-01 00:00:00.5' AS TIMESTAMP)),
       (NULL, CAST(0 AS TINYINT), CAST(0 AS SMALLINT), -1, CAST(-42 AS BIGINT), -0.25, NULL,
        CAST('2026-02-28' AS DATE), NULL)
     ) AS t(b, tiny, small, i, big, d, s, day, ts)`,
  );
  const rows = await operation.fetchAll();
  await operation.close();
  expect(rows).toEqual([
    {
      b: true,
      tiny: -7,
      small: -300,
      i: 70000,
      big: 9007199254740991,
      d: 1.5,
      s: 'héllo wörld ✓ 𝄞',
      day: new Date('1969-07-20T00:00:00Z'),
      ts: new Date('2026-11-10T12:34:56.789Z'),
    },
    {
      b: false,
      tiny: null,
      small: null,
      i: null,
      big: null,
      d: null,
      s: '',
      day: null,
      ts: new Date('1965-01-01T00:00:00.500Z'),
    },
    {
      b: null,
      tiny: 0,
      small: 0,
      i: -1,
      big: -42,
      d: -0.25,
      s: null,
      day: new Date('2026-02-28T00:00:00Z'),
      ts: null,
    },
  ]);
});
