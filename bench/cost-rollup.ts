/**
 * Cost at account scale: 90 days × 20 workspaces × 1,000 daily jobs (about 1.8 M billing rows,
 * generated straight into Postgres). Times the incremental rollup after one 15-minute collector
 * batch (new runs, late rows and a correction on older days), a full evaluation of every kind of
 * alert rule, and a `cost` report from the rollups next to a plain SELECT sum(...) GROUP BY over
 * the raw rows.
 */
import { sql } from 'kysely';
import { parseCostConfigText } from '../src/cost/config/load-cost-config.js';
import type { CostDeps } from '../src/cost/cost-deps.js';
import { evaluateCostAlerts } from '../src/cost/alerts/evaluate-cost-alerts.js';
import { costReport } from '../src/cost/report/cost-report.js';
import { parseCostQuery } from '../src/cost/report/cost-query.js';
import { markUsageDates } from '../src/cost/rollups/mark-usage-dates.js';
import { refreshCostRollups } from '../src/cost/rollups/refresh-cost-rollups.js';
import { captureLogger } from '../test/support/capture-logger.js';
import { createRegion } from '../test/support/cost-fixture.js';
import { ManualClock } from '../test/support/manual-clock.js';
import { createTestDatabase } from '../test/support/test-database.js';
import {
  insertClusterUsage,
  insertJobUsage,
  insertPricesAndNames,
  type CostAccountShape,
} from './cost-account-data.js';
import { check, type BenchResult } from './report.js';

const RULES = `
contract: { discount_percent: 12, sku_families: { jobs: { match: "*JOBS*", discount_percent: 25 } } }
rollup_tags: [team, cost_center]
alerts:
  - { name: account-budget, kind: budget, scope: account, amount: 400000 }
  - { name: workspace-budgets, kind: budget, scope: "workspace:*", amount: 20000 }
  - { name: account-anomaly, kind: spend_anomaly, scope: account }
  - { name: workspace-anomalies, kind: spend_anomaly, scope: "workspace:*" }
  - { name: team-anomalies, kind: spend_anomaly, scope: "tag:team=*" }
  - { name: job-run-spikes, kind: job_run_cost_spike, scope: account }
  - { name: idle-clusters, kind: idle_compute, scope: account }
`;

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const result = await work();
  return [result, performance.now() - started];
}

export async function costRollupBench(shape: CostAccountShape): Promise<BenchResult> {
  const database = await createTestDatabase('bench_cost');
  const db = database.db;
  try {
    const regionId = await createRegion(db);
    const today = new Date('2026-11-23T00:00:00Z');
    const now = new Date('2026-11-23T10:05:00Z');
    const from = new Date(today.getTime() - shape.days * 86_400_000);
    const clock = new ManualClock(now);
    const deps: CostDeps = {
      db,
      clock,
      log: captureLogger('warn').log,
      config: parseCostConfigText(RULES),
      outbox: { send: async () => {}, updateCopies: async () => {}, replyInThreads: async () => {} },
      jobs: { refreshSoon: async () => {} },
      publishAlert: async () => 0,
    };
    await insertPricesAndNames(db, regionId, shape);
    const [, generateMs] = await timed(async () => {
      await insertJobUsage(db, regionId, shape, from, today, undefined);
      await insertJobUsage(db, regionId, shape, today, new Date(today.getTime() + 86_400_000), {
        from: today,
        to: new Date('2026-11-23T10:00:00Z'),
      });
      await insertClusterUsage(db, regionId, shape, from, new Date('2026-11-23T10:00:00Z'));
      await sql`analyze collected_billing_usage`.execute(db);
    });
    const rows = Number(
      (await sql<{ n: string }>`select count(*)::text as n from collected_billing_usage`.execute(db)).rows[0]!
        .n,
    );
    const allDates = (
      await sql<{ d: string }>`select distinct usage_date::text as d from collected_billing_usage`.execute(db)
    ).rows.map((r) => r.d);
    await markUsageDates(db, allDates, now);
    const [, fullMs] = await timed(() => refreshCostRollups(deps));
    await sql`analyze cost_hourly; analyze cost_daily; analyze cost_job_run_days`.execute(db);

    // One 15-minute collector batch: runs that started 10:00–10:15, late rows for yesterday, a correction 5 days back.
    await insertJobUsage(db, regionId, shape, today, new Date(today.getTime() + 86_400_000), {
      from: new Date('2026-11-23T10:00:00Z'),
      to: new Date('2026-11-23T10:15:00Z'),
    });
    const late = await sql`
      insert into collected_billing_usage
      select region_id, md5(record_id || 'late'), account_id, workspace_id, sku_name, cloud, usage_start_time, usage_end_time,
        usage_date, custom_tags, usage_unit, usage_quantity / 2, usage_metadata, identity_metadata, 'ORIGINAL',
        '2026-11-23', billing_origin_product, product_features, usage_type, now()
      from collected_billing_usage where usage_date = '2026-11-22' limit 300`.execute(db);
    await sql`
      insert into collected_billing_usage
      select region_id, md5(record_id || kind), account_id, workspace_id, sku_name, cloud, usage_start_time, usage_end_time,
        usage_date, custom_tags, usage_unit, case when kind = 'RETRACTION' then -usage_quantity else usage_quantity * 1.1 end,
        usage_metadata, identity_metadata, kind, '2026-11-23', billing_origin_product, product_features, usage_type, now()
      from collected_billing_usage, (values ('RETRACTION'), ('RESTATEMENT')) k(kind)
      where usage_date = '2026-11-18' and record_type = 'ORIGINAL' limit 100`.execute(db);
    const [dates, incrementalMs] = await timed(async () => {
      await markUsageDates(db, ['2026-11-23', '2026-11-22', '2026-11-18'], clock.now());
      return refreshCostRollups(deps);
    });
    // A one-day change: corrections for a single past date.
    await sql`
      insert into collected_billing_usage
      select region_id, md5(record_id || 'one-day'), account_id, workspace_id, sku_name, cloud, usage_start_time,
        usage_end_time, usage_date, custom_tags, usage_unit, -usage_quantity, usage_metadata, identity_metadata,
        'RETRACTION', '2026-11-23', billing_origin_product, product_features, usage_type, now()
      from collected_billing_usage where usage_date = '2026-11-10' and record_type = 'ORIGINAL' limit 50`.execute(
      db,
    );
    const [oneDay, oneDayMs] = await timed(async () => {
      await markUsageDates(db, ['2026-11-10'], clock.now());
      return refreshCostRollups(deps);
    });
    clock.set('2026-11-23T10:20:00Z');
    const [evaluation, alertsMs] = await timed(() => evaluateCostAlerts(deps));
    const [report, reportMs] = await timed(() =>
      costReport(
        deps,
        parseCostQuery(['30d', 'by', 'workspace'], deps.config.rollupTags, clock.now()) as never,
      ),
    );
    const [plain, plainMs] = await timed(() =>
      sql<{ workspace_id: string; total: string }>`
        select u.workspace_id, sum(u.usage_quantity * p.price_effective_list)::text as total
        from collected_billing_usage u join collected_list_prices p using (sku_name)
        where u.usage_date >= '2026-10-25' group by u.workspace_id`.execute(db),
    );
    const [, plainAllMs] = await timed(() =>
      sql`select workspace_id, sum(usage_quantity) from collected_billing_usage group by workspace_id`.execute(
        db,
      ),
    );
    const rollupRows = Number(
      (
        await sql<{
          n: string;
        }>`select (select count(*) from cost_hourly) + (select count(*) from cost_daily) as n`.execute(db)
      ).rows[0]!.n,
    );
    const plainTotal = plain.rows.reduce((sum, row) => sum + Number(row.total), 0);
    const rolledUpList = Number(
      (
        await sql<{ total: string }>`
          select sum(list_cost)::text as total from cost_daily
          where dimension = 'workspace' and usage_date >= '2026-10-25'`.execute(db)
      ).rows[0]!.total,
    );
    return {
      title: `Cost rollups and alerts: ${shape.days} days × ${shape.workspaces} workspaces × ${shape.jobsPerWorkspace} jobs`,
      lines: [
        `Billing rows: ${rows.toLocaleString('en-US')} (generated in ${seconds(generateMs)}); rollup rows: ${rollupRows.toLocaleString('en-US')}.`,
        `Full rollup of ${allDates.length} usage dates (once, or after a contract change): ${seconds(fullMs)}.`,
        `Incremental rollup after a 15-minute batch (${Number(late.numAffectedRows ?? 0) + 200} late and corrected rows plus the new runs, ${dates.length} dates touched): ${seconds(incrementalMs)}.`,
        `Incremental rollup after a one-day change (a correction of 2026-11-10): ${seconds(oneDayMs)} = ${((oneDayMs / fullMs) * 100).toFixed(1)}% of the full rollup.`,
        `Full alert evaluation (${deps.config.alerts.length} rules: budgets, anomalies per workspace and team, run-cost spikes over ${(shape.workspaces * shape.jobsPerWorkspace).toLocaleString('en-US')} jobs, idle clusters): ${seconds(alertsMs)}; ${evaluation.announced} announced.`,
        `  by rule: ${Object.entries(evaluation.tookMs)
          .map(([rule, ms]) => `${rule} ${seconds(ms)}`)
          .join(', ')}.`,
        `\`cost 30d by workspace\` from the rollups (with the previous 30 days): ${seconds(reportMs)}.`,
        `Plain SELECT sum(quantity × price) GROUP BY workspace over the raw rows, 30 days: ${seconds(plainMs)}; all ${shape.days} days, quantity only: ${seconds(plainAllMs)}.`,
      ],
      checks: [
        check(
          dates.length === 3,
          `the batch recomputed only the 3 usage dates it touched (${dates.join(', ')})`,
        ),
        check(incrementalMs < 30_000, `incremental rollup under 30 s (${seconds(incrementalMs)})`),
        check(
          oneDay.length === 1 && oneDayMs <= fullMs * 0.1,
          `a one-day change refreshes in at most 10% of a full recompute (${((oneDayMs / fullMs) * 100).toFixed(1)}%)`,
        ),
        check(
          alertsMs < 60_000 && evaluation.failed.length === 0,
          `every rule evaluated, under 60 s (${seconds(alertsMs)})`,
        ),
        check(
          Math.abs(rolledUpList - plainTotal) < 0.01,
          `the rollups' 30-day list total equals the plain query's (${rolledUpList.toFixed(2)} vs ${plainTotal.toFixed(2)})`,
        ),
        check(
          report.total > 0 && report.total < rolledUpList,
          'the report is at contract prices, below list',
        ),
      ],
    };
  } finally {
    await database.drop();
  }
}
