import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  startDatabricksEmulator,
  type DatabricksEmulator,
  type SeededAccount,
} from './databricks-emulator.js';
import { connectDriver, type DriverConnection } from './emulator-test-client.js';

const credentials = { clientId: 'collector-sp', clientSecret: 'collector-secret' };
let emulator: DatabricksEmulator;
let account: SeededAccount;
let connection: DriverConnection;

beforeAll(async () => {
  emulator = await startDatabricksEmulator(credentials);
  account = await emulator.seed({ seed: 11, days: 30, today: new Date('2026-03-01T00:00:00Z') });
  connection = await connectDriver(emulator, credentials);
});

afterAll(async () => {
  await connection?.close();
  await emulator?.close();
});

async function query(
  sql: string,
  options: Parameters<DriverConnection['session']['executeStatement']>[1] = {},
) {
  const operation = await connection.session.executeStatement(sql, options);
  try {
    return (await operation.fetchAll()) as Record<string, unknown>[];
  } finally {
    await operation.close();
  }
}

describe('SQL over the real driver', () => {
  test('billing.usage with explicit columns: structs and maps as objects, decimals as numbers', async () => {
    const rows = await query(`
      SELECT record_id, workspace_id, sku_name, usage_start_time, usage_date, usage_quantity,
             custom_tags, usage_metadata, identity_metadata, product_features, record_type, ingestion_date,
             usage_metadata.job_id
      FROM system.billing.usage
      WHERE ingestion_date >= '2026-02-20' AND record_type = 'ORIGINAL'
      ORDER BY ingestion_date, record_id`);
    const expected = await emulator.pool.query(
      `select count(*)::int as n from "system__billing"."usage" where ingestion_date >= '2026-02-20' and record_type = 'ORIGINAL'`,
    );
    expect(rows.length).toBe(expected.rows[0].n);
    const jobRow = rows.find((row) => row.job_id !== null) as Record<string, unknown>;
    expect(jobRow).toMatchObject({
      workspace_id: expect.stringMatching(/^\d{16}$/),
      sku_name: 'PREMIUM_JOBS_COMPUTE',
      usage_start_time: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)?$/),
      usage_date: expect.stringMatching(/^\d{4}-\d\d-\d\d$/),
      custom_tags: { team: expect.any(String), job: expect.any(String) },
      usage_metadata: expect.objectContaining({ job_id: jobRow.job_id, warehouse_id: null }),
      identity_metadata: { run_as: expect.stringContaining('@'), owned_by: null, created_by: null },
      product_features: expect.objectContaining({ is_serverless: false, jobs_tier: 'CLASSIC' }),
    });
    expect(typeof jobRow.usage_quantity).toBe('number');
    expect(jobRow.usage_quantity as number).toBeGreaterThan(0);
    const statement = emulator.statements.at(-1);
    expect(statement).toMatchObject({
      state: 'CLOSED',
      tables: ['system.billing.usage'],
      rowsFetched: rows.length,
    });
  });

  test('a probe SELECT 1 … LIMIT 1 answers one row named 1', async () => {
    expect(await query('SELECT 1 FROM system.billing.usage LIMIT 1')).toEqual([{ 1: 1 }]);
    expect(await query('select 1 from `system`.`lakeflow`.`job_run_timeline` limit 1')).toEqual([{ 1: 1 }]);
  });

  test('named parameters, INTERVAL, date_sub and timestampadd translate to Postgres', async () => {
    const rows = await query(
      `SELECT count(*) AS n, sum(usage_quantity) AS total FROM system.billing.usage u
       WHERE u.ingestion_date >= :since AND u.usage_start_time >= timestampadd(DAY, -3, TIMESTAMP '2026-03-01 00:00:00')
         AND u.usage_date > date_sub(DATE '2026-03-01', 10) AND u.usage_end_time < TIMESTAMP '2026-03-01' + INTERVAL 1 DAY`,
      { namedParameters: { since: '2026-02-25' } },
    );
    expect(rows[0]?.n).toBeGreaterThan(0);
    expect(typeof rows[0]?.total).toBe('number');
    expect(emulator.statements.at(-1)?.parameters).toEqual([
      { name: 'since', type: 'STRING', value: '2026-02-25' },
    ]);
  });

  test('list prices: struct fields, an explicit decimal cast and the price change', async () => {
    const rows = await query(`
      SELECT sku_name, price_start_time, price_end_time, cast(pricing.default AS decimal(38,18)) AS list_price, pricing
      FROM system.billing.list_prices WHERE sku_name = 'PREMIUM_ALL_PURPOSE_COMPUTE' ORDER BY price_start_time`);
    expect(rows).toHaveLength(2);
    expect(rows.map((r) => r.list_price)).toEqual([0.55, 0.6]);
    expect(rows[0]?.price_end_time).toBe(account.priceChange.at.replace('T', ' ').replace(/\.000Z$/, ''));
    expect(rows[1]?.pricing).toMatchObject({
      default: '0.600000000000000000',
      effective_list: { default: '0.600000000000000000' },
    });
  });

  test('clusters, jobs, run timeline, warehouses and workspaces are there with their real columns', async () => {
    const [workspaces, clusters, runs, events, history] = await Promise.all([
      query(
        'SELECT workspace_id, workspace_name, workspace_url, status FROM system.access.workspaces_latest ORDER BY workspace_name',
      ),
      query(
        "SELECT cluster_id, change_time, worker_count, tags FROM system.compute.clusters WHERE cluster_source = 'UI' ORDER BY cluster_id, change_time",
      ),
      query(
        'SELECT run_id, compute_ids, result_state, job_parameters FROM system.lakeflow.job_run_timeline WHERE result_state IS NOT NULL LIMIT 5',
      ),
      query(
        "SELECT warehouse_id, event_type, cluster_count FROM system.compute.warehouse_events WHERE event_type = 'RUNNING' LIMIT 1",
      ),
      query('SELECT statement_id, compute.warehouse_id, total_duration_ms FROM system.query.history LIMIT 1'),
    ]);
    expect(workspaces.map((w) => w.workspace_id).sort()).toEqual(
      account.workspaces.map((w) => w.workspaceId).sort(),
    );
    expect(clusters.length).toBe(2 * 2 * account.workspaces.length);
    expect(clusters[1]?.worker_count).toBe((clusters[0]?.worker_count as number) + 2);
    expect(runs[0]).toMatchObject({
      compute_ids: [expect.any(String)],
      job_parameters: { run_date: expect.any(String) },
    });
    expect(events[0]).toMatchObject({ event_type: 'RUNNING', cluster_count: 1 });
    expect(history[0]).toMatchObject({
      warehouse_id: expect.any(String),
      total_duration_ms: expect.any(Number),
    });
  });

  test('unsupported SQL and unknown tables fail with Databricks-style errors', async () => {
    await expect(
      query('SELECT * FROM system.billing.usage QUALIFY row_number() OVER (ORDER BY record_id) = 1'),
    ).rejects.toThrow(/\[UNSUPPORTED_FEATURE\.EMULATOR\].*QUALIFY/);
    await expect(query('SELECT 1 FROM system.billing.nope')).rejects.toThrow(
      /\[TABLE_OR_VIEW_NOT_FOUND\].*`system`\.`billing`\.`nope`/,
    );
    await expect(query('SELECT no_such_column FROM system.billing.usage')).rejects.toThrow(
      /\[UNRESOLVED_COLUMN/,
    );
    expect(emulator.statements.at(-1)).toMatchObject({
      state: 'FAILED',
      error: expect.stringContaining('UNRESOLVED_COLUMN'),
    });
  });
});
