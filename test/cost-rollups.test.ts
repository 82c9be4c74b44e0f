import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { refreshCostRollups } from '../src/cost/rollups/refresh-cost-rollups.js';
import { markUsageDates } from '../src/cost/rollups/mark-usage-dates.js';
import { restate } from '../emulator/seed/usage-corrections.js';
import { copyRows } from './support/cost-fixture.js';
import { costOf, rawRows, type RawUsage } from './support/cost-raw.js';
import {
  seedSystemTables,
  startCostHarness,
  type CostHarness,
  type SeededSystemTables,
} from './support/cost-harness.js';

/**
 * Rollups on a seeded account (3 workspaces, 90 days, a price change, late rows, corrections),
 * checked against figures computed here, independently, from the raw system-table rows.
 */
let tables: SeededSystemTables;
let cost: CostHarness;

const KEY_OF: Record<string, (row: RawUsage) => string | null | undefined> = {
  workspace: (r) => r.workspace_id,
  sku: (r) => r.sku_name,
  product: (r) => r.billing_origin_product,
  job: (r) => r.usage_metadata.job_id,
  cluster: (r) => r.usage_metadata.cluster_id,
  warehouse: (r) => r.usage_metadata.warehouse_id,
  endpoint: (r) => r.usage_metadata.endpoint_name ?? r.usage_metadata.endpoint_id,
  run_as: (r) => r.identity_metadata.run_as ?? r.identity_metadata.owned_by,
  'tag:team': (r) => r.custom_tags?.team,
};

async function rolledUp(dimension: string, column: 'list_cost' | 'contract_cost' = 'list_cost') {
  const rows = await cost.db
    .selectFrom('cost_daily')
    .select(['key', sql<string>`sum(${sql.ref(column)})`.as('total')])
    .where('dimension', '=', dimension)
    .groupBy('key')
    .execute();
  return new Map(rows.map((row) => [row.key, Number(row.total)]));
}

beforeAll(async () => {
  tables = await seedSystemTables({ seed: 11, today: new Date('2026-06-01T00:00:00Z') });
  cost = await startCostHarness({ config: { rollupTags: ['team'] } });
  await cost.collect(tables);
  await refreshCostRollups(cost.deps);
}, 120_000);

afterAll(async () => {
  await cost?.stop();
  await tables?.close();
});

describe('cost rollups', () => {
  it('match totals computed from the raw rows, by every dimension', async () => {
    const { usage, prices } = await rawRows(tables.pool);
    expect(usage.some((row) => row.usage_quantity.startsWith('-'))).toBe(true); // corrections present
    let grand = 0;
    for (const row of usage) grand += costOf(row, prices);
    for (const [dimension, keyOf] of Object.entries(KEY_OF)) {
      const expected = new Map<string, number>();
      for (const row of usage) {
        const key = keyOf(row) ?? '';
        expected.set(key, (expected.get(key) ?? 0) + costOf(row, prices));
      }
      const actual = await rolledUp(dimension);
      expect([...actual.keys()].sort(), dimension).toEqual([...expected.keys()].sort());
      for (const [key, value] of expected)
        expect(actual.get(key), `${dimension} ${key}`).toBeCloseTo(value, 6);
      const total = [...actual.values()].reduce((a, b) => a + b, 0);
      expect(total, dimension).toBeCloseTo(grand, 6);
    }
  });

  it('keeps hourly rollups for the last 14 days in step with the daily ones, and prices usage at the price in effect', async () => {
    const { rows } = await sql<{ hourly: string; daily: string; first: string }>`
      select (select sum(list_cost) from cost_hourly where dimension = 'sku')::text as hourly,
             (select sum(list_cost) from cost_daily where dimension = 'sku' and usage_date >= '2026-05-18')::text as daily,
             (select min(usage_date)::text from cost_hourly) as first`.execute(cost.db);
    expect(rows[0]!.first).toBe('2026-05-18');
    expect(Number(rows[0]!.hourly)).toBeCloseTo(Number(rows[0]!.daily), 8);
    const { account } = tables;
    const change = account.priceChange.at.slice(0, 10);
    const pricePer = async (when: 'before' | 'after') => {
      const result = await sql<{ price: string }>`
        select (sum(list_cost) / sum(quantity))::text as price from cost_daily
        where dimension = 'sku' and key = ${account.priceChange.skuName}
          and ${when === 'before' ? sql`usage_date < ${change}::date` : sql`usage_date >= ${change}::date`}`.execute(
        cost.db,
      );
      return Number(result.rows[0]!.price);
    };
    expect(await pricePer('before')).toBeCloseTo(0.55, 10);
    expect(await pricePer('after')).toBeCloseTo(0.6, 10);
  });

  it('a RESTATEMENT collected after a run corrects the figure of that day only', async () => {
    const { rows } = await tables.pool.query<{
      record_id: string;
      usage_date: string;
      workspace_id: string;
      q: string;
    }>(
      `select record_id, usage_date::text, workspace_id, usage_quantity::text as q from "system__billing"."usage"
       where record_type = 'ORIGINAL' and sku_name = 'PREMIUM_JOBS_COMPUTE' and usage_date = '2026-05-10' limit 1`,
    );
    const original = rows[0]!;
    const dayTotal = async () => {
      const row = await cost.db
        .selectFrom('cost_daily')
        .select(sql<string>`sum(list_cost)::text`.as('total'))
        .where('dimension', '=', 'workspace')
        .where('key', '=', original.workspace_id)
        .where(sql<boolean>`usage_date = '2026-05-10'`)
        .executeTakeFirstOrThrow();
      return Number(row.total);
    };
    const otherDays = async () =>
      (await rolledUp('workspace')).get(original.workspace_id)! - (await dayTotal());
    const [before, othersBefore] = [await dayTotal(), await otherDays()];
    await restate(tables.pool, original.record_id, Number(original.q) + 10, '2026-06-01');
    await copyRows(
      tables.pool,
      cost.db,
      cost.regionId,
      'collected_billing_usage',
      'select * from "system__billing"."usage"',
    );
    expect(await dayTotal()).toBeCloseTo(before, 8); // not yet refreshed
    await markUsageDates(cost.db, ['2026-05-10'], cost.clock.now());
    expect(await refreshCostRollups(cost.deps)).toEqual(['2026-05-10']);
    expect(await dayTotal()).toBeCloseTo(before + 10 * 0.15, 8);
    expect(await otherDays()).toBeCloseTo(othersBefore, 8);
  });

  it('contract discounts change every figure consistently, and recompute every date once', async () => {
    const list = await rolledUp('sku');
    cost.deps.config = {
      ...cost.deps.config,
      basis: 'contract',
      contract: {
        flatDiscountPercent: 10,
        skuFamilies: [{ name: 'jobs', patterns: ['*JOBS*'], discountPercent: 30 }],
      },
    };
    const dates = await refreshCostRollups(cost.deps);
    expect(dates.length).toBeGreaterThanOrEqual(90);
    expect(await refreshCostRollups(cost.deps)).toEqual([]);
    const contract = await rolledUp('sku', 'contract_cost');
    for (const [sku, value] of list) {
      expect(contract.get(sku), sku).toBeCloseTo(value * (sku.includes('JOBS') ? 0.7 : 0.9), 6);
    }
    const byWorkspace = [...(await rolledUp('workspace', 'contract_cost')).values()].reduce(
      (a, b) => a + b,
      0,
    );
    expect(byWorkspace).toBeCloseTo(
      [...contract.values()].reduce((a, b) => a + b, 0),
      6,
    );
    expect([...(await rolledUp('sku')).values()].reduce((a, b) => a + b)).toBeCloseTo(
      [...list.values()].reduce((a, b) => a + b),
      6,
    );
  });
});
