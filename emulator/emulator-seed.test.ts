import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  startDatabricksEmulator,
  type DatabricksEmulator,
  type SeededAccount,
} from './databricks-emulator.js';
import { appendLateUsage, restate } from './seed/usage-corrections.js';

const credentials = { clientId: 'seed-sp', clientSecret: 'seed-secret' };
const today = new Date('2026-06-01T00:00:00Z');
let first: DatabricksEmulator;
let second: DatabricksEmulator;
let account: SeededAccount;
let seedMs = 0;

beforeAll(async () => {
  [first, second] = await Promise.all([
    startDatabricksEmulator(credentials),
    startDatabricksEmulator(credentials),
  ]);
  const started = performance.now();
  account = await first.seed({ seed: 42, today });
  seedMs = performance.now() - started;
  await second.seed({ seed: 42, today });
});

afterAll(async () => {
  await Promise.all([first?.close(), second?.close()]);
});

async function scalar<T>(emulator: DatabricksEmulator, sql: string): Promise<T> {
  const { rows } = await emulator.pool.query<{ value: T }>(sql);
  return rows[0]?.value as T;
}

const USAGE = '"system__billing"."usage"';

describe('seeded account', () => {
  test('90 days for three workspaces seed in seconds', () => {
    expect(account.workspaces).toHaveLength(3);
    expect(account.firstUsageDate).toBe('2026-03-03');
    expect(account.rowCounts['system.billing.usage']).toBeGreaterThan(10_000);
    expect(seedMs).toBeLessThan(10_000);
  });

  test('the same seed gives the same rows', async () => {
    for (const table of [
      USAGE,
      '"system__compute"."clusters"',
      '"system__lakeflow"."job_run_timeline"',
      '"system__query"."history"',
    ]) {
      const fingerprint = `select md5(string_agg(t::text, '|' order by t::text)) as value from ${table} t`;
      expect(await scalar<string>(first, fingerprint), table).toBe(await scalar<string>(second, fingerprint));
    }
  });

  test('usage spans the window across SKUs, with late-arriving rows', async () => {
    const skus = await scalar<number>(first, `select count(distinct sku_name)::int as value from ${USAGE}`);
    expect(skus).toBeGreaterThanOrEqual(4);
    expect(await scalar<string>(first, `select min(usage_date)::text as value from ${USAGE}`)).toBe(
      '2026-03-03',
    );
    const late = await scalar<number>(
      first,
      `select count(*)::int as value from ${USAGE} where ingestion_date >= usage_date + 2`,
    );
    expect(late).toBeGreaterThan(50);
    expect(await scalar<string>(first, `select max(ingestion_date)::text as value from ${USAGE}`)).toBe(
      '2026-06-01',
    );
  });

  test('corrections come as RETRACTION/RESTATEMENT pairs that net to the restated quantity', async () => {
    const { rows } = await first.pool.query<{
      retractions: number;
      restatements: number;
      unmatched: number;
    }>(`
      select count(*) filter (where record_type = 'RETRACTION')::int as retractions,
             count(*) filter (where record_type = 'RESTATEMENT')::int as restatements,
             count(*) filter (where record_type = 'RETRACTION' and not exists (
               select 1 from ${USAGE} o where o.record_type = 'ORIGINAL' and o.usage_quantity = -r.usage_quantity
                 and o.usage_start_time = r.usage_start_time and o.workspace_id = r.workspace_id))::int as unmatched
      from ${USAGE} r`);
    expect(rows[0]?.retractions).toBeGreaterThan(10);
    expect(rows[0]?.restatements).toBe(rows[0]?.retractions);
    expect(rows[0]?.unmatched).toBe(0);
  });

  test('list prices are in USD with one price change', async () => {
    const { rows } = await first.pool.query(
      `select sku_name, price_start_time, price_end_time, currency_code from "system__billing"."list_prices" where sku_name = $1 order by price_start_time`,
      [account.priceChange.skuName],
    );
    expect(rows).toHaveLength(2);
    expect(rows[0].price_end_time.toISOString()).toBe(account.priceChange.at);
    expect(rows[1]).toMatchObject({ price_end_time: null, currency_code: 'USD' });
  });

  test('appendLateUsage and restate add rows the way Databricks delivers them later', async () => {
    const late = await appendLateUsage(second.pool, {
      usageDate: '2026-05-20',
      ingestionDate: '2026-06-01',
      quantity: 3.25,
    });
    expect(late).toMatchObject({
      record_type: 'ORIGINAL',
      usage_date: '2026-05-20',
      ingestion_date: '2026-06-01',
    });
    const { retraction, restatement } = await restate(second.pool, String(late.record_id), 2.5, '2026-06-02');
    expect(retraction).toMatchObject({
      record_type: 'RETRACTION',
      usage_quantity: '-3.250000000000000000',
      ingestion_date: '2026-06-02',
    });
    expect(restatement).toMatchObject({ record_type: 'RESTATEMENT', usage_quantity: '2.500000000000000000' });
    const net = await scalar<string>(
      second,
      `select sum(usage_quantity)::text as value from ${USAGE} where record_id in ('${late.record_id}', '${retraction.record_id}', '${restatement.record_id}')`,
    );
    expect(Number(net)).toBe(2.5);
  });
});
