import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseCostConfigText } from '../src/cost/config/load-cost-config.js';
import { evaluateCostAlerts } from '../src/cost/alerts/evaluate-cost-alerts.js';
import { markUsageDates } from '../src/cost/rollups/mark-usage-dates.js';
import { refreshCostRollups } from '../src/cost/rollups/refresh-cost-rollups.js';
import { refreshCosts } from '../src/cost/refresh-costs.js';
import { formatAmount } from '../src/cost/money.js';
import { median } from '../src/cost/robust-stats.js';
import { snoozeCostAlert } from '../src/cost/alerts/snooze-cost-alert.js';
import {
  collectNodeMinutes,
  copyRows,
  insertSystemRows,
  insertUsage,
  nodeMinutes,
  recordCollectorRun,
  type ScenarioUsage,
} from './support/cost-fixture.js';
import { costOf, rawDailySpend, rawRows } from './support/cost-raw.js';
import {
  seedSystemTables,
  startCostHarness,
  type CostHarness,
  type SeededSystemTables,
} from './support/cost-harness.js';

/**
 * Each alert rule on the seeded account (weekday office-hours clusters and warehouses, daily
 * jobs, a serving endpoint all week: a week with a shape), silent on normal weeks and firing on
 * a scenario built for it. Expected figures are computed here from the raw rows.
 */
let tables: SeededSystemTables;
let cost: CostHarness;
let raw: Awaited<ReturnType<typeof rawRows>>;

const rules = (yaml: string) => parseCostConfigText(`alerts:\n${yaml}`).alerts;
const sum = (values: Iterable<number>) => [...values].reduce((a, b) => a + b, 0);
const text = (message: unknown) => JSON.stringify(message);

async function evaluateAt(at: string) {
  cost.clock.set(at);
  return evaluateCostAlerts(cost.deps);
}

async function addScenario(rows: ScenarioUsage[]) {
  await insertUsage(cost.db, cost.regionId, rows);
  await markUsageDates(
    cost.db,
    rows.map((r) => r.start),
    cost.clock.now(),
  );
  await refreshCostRollups(cost.deps);
}

const hoursFrom = (start: string, count: number, row: Omit<ScenarioUsage, 'start'>): ScenarioUsage[] =>
  Array.from({ length: count }, (_, h) => ({
    ...row,
    start: new Date(new Date(start).getTime() + h * 3_600_000),
  }));

beforeAll(async () => {
  tables = await seedSystemTables({ seed: 11, today: new Date('2026-06-01T00:00:00Z') });
  cost = await startCostHarness({ config: { rollupTags: ['team'] } });
  await cost.collect(tables);
  await refreshCostRollups(cost.deps);
  raw = await rawRows(tables.pool);
}, 120_000);

afterAll(async () => {
  await cost?.stop();
  await tables?.close();
});

beforeEach(() => {
  cost.alerts.length = 0;
  cost.updated.length = 0;
});

describe('on normal weeks', () => {
  it('no rule fires, day after day, weekends included', async () => {
    const monthly = sum(
      [...rawDailySpend(raw)].filter(([day]) => day.startsWith('2026-05')).map(([, v]) => v),
    );
    cost.deps.config.alerts = rules(`
  - { name: month-budget, kind: budget, scope: account, amount: ${Math.round(monthly * 2)} }
  - { name: account-anomaly, kind: spend_anomaly, scope: account }
  - { name: workspace-anomaly, kind: spend_anomaly, scope: "workspace:*" }
  - { name: team-anomaly, kind: spend_anomaly, scope: "tag:team=*", min_increase_amount: 20 }
  - { name: job-spikes, kind: job_run_cost_spike, scope: account, min_cost: 0.5 }
  - { name: idle-clusters, kind: idle_compute, scope: account }`);
    for (const day of [
      '2026-05-23',
      '2026-05-24',
      '2026-05-25',
      '2026-05-26',
      '2026-05-27',
      '2026-05-28',
      '2026-05-29',
      '2026-05-30',
      '2026-05-31',
    ]) {
      const result = await evaluateAt(`${day}T10:00:00Z`);
      expect(result.failed, day).toEqual([]);
    }
    expect(cost.alerts.map((a) => a.message.title)).toEqual([]);
    expect(await cost.db.selectFrom('cost_alerts').select('id').execute()).toEqual([]);
  });
});

describe('budget', () => {
  const mayToDate = () =>
    sum([...rawDailySpend(raw)].filter(([d]) => d >= '2026-05-01' && d <= '2026-05-20').map(([, v]) => v));

  it('alerts at the thresholds reached, escalates, and says when the figures are provisional', async () => {
    const spent = mayToDate();
    cost.deps.config.alerts = rules(
      `  - { name: may-budget, kind: budget, scope: account, amount: ${(spent / 0.85).toFixed(2)} }`,
    );
    await evaluateAt('2026-05-20T10:00:00Z');
    expect(cost.alerts).toHaveLength(1);
    const first = cost.alerts[0]!;
    expect(first.message.title).toBe('The account has used 85% of its budget for May 2026');
    expect(text(first.message)).toContain('(85%)');
    expect(first.attributes).toEqual({ severity: 'warning' });
    expect(text(first.message)).toContain(formatAmount(spent, 'USD'));
    expect(text(first.message)).toContain('provisional');

    await evaluateAt('2026-05-20T11:00:00Z'); // same standing: nothing new
    expect(cost.alerts).toHaveLength(1);

    cost.deps.config.alerts = rules(
      `  - { name: may-budget, kind: budget, scope: account, amount: ${(spent * 0.95).toFixed(2)} }`,
    );
    await evaluateAt('2026-05-20T12:00:00Z');
    expect(cost.alerts).toHaveLength(2);
    const exceeded = cost.alerts[1]!;
    expect(exceeded.message.title).toBe(
      'The account has passed its budget for May 2026 (provisional figures)',
    );
    expect(exceeded.message.severity).toBe('critical');
    expect(text(exceeded.message)).toContain('not finally');
  });

  it('confirms a passed budget once the month’s figures are final, without a second announcement', async () => {
    const may = sum([...rawDailySpend(raw)].filter(([d]) => d.startsWith('2026-05')).map(([, v]) => v));
    cost.deps.config.alerts = rules(
      `  - { name: may-budget, kind: budget, scope: account, amount: ${(may * 0.95).toFixed(2)}, forecast: false }`,
    );
    await evaluateAt('2026-06-01T09:00:00Z');
    expect(cost.alerts).toEqual([]); // already announced at 100%
    await evaluateAt('2026-06-02T10:00:00Z');
    expect(cost.alerts).toEqual([]);
    const row = await cost.db
      .selectFrom('cost_alerts')
      .selectAll()
      .where('rule_name', '=', 'may-budget')
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ provisional: false, state: 'open', period_key: '2026-05' });
    expect(cost.updated.at(-1)?.message.title).toBe('The account has passed its budget for May 2026');
    expect(text(cost.updated.at(-1)?.message)).not.toContain('provisional');
  });

  it('warns early when the month-end forecast will pass the budget, saying when', async () => {
    const spent = mayToDate();
    cost.deps.config.alerts = rules(
      `  - { name: forecast-budget, kind: budget, scope: account, amount: ${(spent * 1.25).toFixed(2)}, thresholds: [80, 100] }`,
    );
    await evaluateAt('2026-05-20T10:00:00Z');
    expect(cost.alerts).toHaveLength(1);
    const title = cost.alerts[0]!.message.title;
    expect(title).toMatch(
      /^The account is on course to pass its budget for May 2026 on (2[1-9]|3[01]) May 2026$/,
    );
  });
});

describe('spend anomaly', () => {
  it('fires for a Thursday far above the usual Thursdays, naming the top contributor', async () => {
    const workspace = tables.account.workspaces[1]!;
    const scenario = hoursFrom('2026-05-28T08:00:00Z', 10, {
      workspaceId: workspace.workspaceId,
      skuName: 'PREMIUM_ALL_PURPOSE_COMPUTE',
      product: 'ALL_PURPOSE',
      quantity: 200,
      metadata: { cluster_id: '0528-big-cluster' },
    });
    await addScenario(scenario);
    cost.deps.config.alerts = rules(
      `  - { name: workspace-anomaly, kind: spend_anomaly, scope: "workspace:*" }`,
    );
    await evaluateAt('2026-05-29T10:00:00Z');
    expect(cost.alerts.map((a) => a.message.title)).toEqual([
      `Unusual spend in workspace ${workspace.name} on Thursday 28 May 2026`,
    ]);
    const spend = rawDailySpend(raw, workspace.workspaceId);
    const thursday = (spend.get('2026-05-28') ?? 0) + 2000 * 0.6;
    const usual = median(
      [1, 2, 3, 4, 5, 6].map(
        (w) =>
          spend.get(new Date(Date.parse('2026-05-28') - w * 7 * 86_400_000).toISOString().slice(0, 10)) ?? 0,
      ),
    );
    const message = text(cost.alerts[0]!.message);
    expect(message).toContain(
      // One precision in the message (whole dollars, as some amounts pass $1,000); the day is over,
      // so its figures are provisional but not "so far".
      `${formatAmount(thursday, 'USD', 0)} (provisional) against a usual ${formatAmount(usual, 'USD', 0)} on Thursdays`,
    );
    expect(message).not.toContain('so far');
    expect(message).not.toMatch(/\$\d+\.\d\d/);
    expect(message).toContain('Top contributors: cluster 0528-big-cluster $1,200');
    expect(cost.alerts[0]!.attributes.workspace).toBe(workspace.name);
  });
});

describe('job run cost spike', () => {
  it('fires for a run costing far more than the median of the job’s last runs', async () => {
    const workspace = tables.account.workspaces[0]!;
    const jobId = workspace.jobIds[0]!;
    const runs = new Map<string, { start: string; cost: number }>();
    for (const row of raw.usage.filter((r) => r.usage_metadata.job_id === jobId)) {
      const run = runs.get(row.usage_metadata.job_run_id!) ?? { start: row.usage_start_time, cost: 0 };
      run.cost += costOf(row, raw.prices);
      if (row.usage_start_time < run.start) run.start = row.usage_start_time;
      runs.set(row.usage_metadata.job_run_id!, run);
    }
    const lastTen = [...runs.values()]
      .filter((r) => r.start < '2026-05-31T23')
      .sort((a, b) => b.start.localeCompare(a.start))
      .slice(0, 10);
    await addScenario(
      hoursFrom('2026-05-31T23:00:00Z', 1, {
        workspaceId: workspace.workspaceId,
        skuName: 'PREMIUM_JOBS_COMPUTE',
        product: 'JOBS',
        quantity: 300,
        metadata: { job_id: jobId, job_run_id: 'spike-run-1' },
      }),
    );
    cost.deps.config.alerts = rules(`  - { name: job-spikes, kind: job_run_cost_spike, scope: account }`);
    await evaluateAt('2026-06-01T09:00:00Z');
    expect(cost.alerts).toHaveLength(1);
    const message = text(cost.alerts[0]!.message);
    expect(cost.alerts[0]!.message.title).toMatch(/^A run of job \S+ \(\d+\) cost \d+\.\d× its usual$/);
    expect(message).toContain('Run `spike-run-1` cost $45.00 so far (provisional)');
    expect(message).toContain(
      `median of the job's last 10 runs (${formatAmount(median(lastTen.map((r) => r.cost)), 'USD')})`,
    );
  });
});

describe('idle compute', () => {
  const clusterRow = (workspaceId: string, id: string, autoTermination: number) => ({
    region_id: cost.regionId,
    workspace_id: workspaceId,
    cluster_id: id,
    cluster_name: id.replace('-cluster', ''),
    owned_by: 'ana@example.com',
    auto_termination_minutes: autoTermination,
    cluster_source: 'UI',
    change_time: new Date('2026-05-01T00:00:00Z'),
    collected_at: new Date(),
  });
  /** As the collector would: node_timeline rows in the emulator, collected into node hours. */
  async function nodeTimeline(rows: Record<string, unknown>[]) {
    await insertSystemRows(tables.pool, 'system.compute.node_timeline', rows);
    const ids = [...new Set(rows.map((r) => `'${String(r.cluster_id)}'`))].join(', ');
    await collectNodeMinutes(tables.pool, cost.db, cost.regionId, `cluster_id in (${ids})`);
    await recordCollectorRun(cost.db, cost.regionId, cost.clock.now(), ['system.compute.node_timeline']);
  }

  it('alerts for a cluster idle for the window with its utilisation, idle cost, owner and auto-termination; not for a busy one or one idle for less', async () => {
    const workspace = tables.account.workspaces[2]!;
    const ws = workspace.workspaceId;
    await cost.db
      .insertInto('collected_clusters')
      .values([
        clusterRow(ws, 'idle-cluster', 120),
        clusterRow(ws, 'busy-cluster', 120),
        clusterRow(ws, 'short-idle-cluster', 120),
      ])
      .execute();
    const from = new Date('2026-05-31T03:00:00Z');
    const at = (hours: number) => new Date(from.getTime() + hours * 3_600_000);
    const minutes = (clusterId: string, start: Date, hours: number, cpuPercent: number) =>
      nodeMinutes({
        workspaceId: ws,
        clusterId,
        nodes: 2,
        from: start,
        minutes: hours * 60,
        cpuPercent,
        memoryPercent: 20,
      });
    // 30 hours each: at 1% CPU; at 60%; at 60% for 22 hours, then 8 hours at 1%.
    await nodeTimeline([
      ...minutes('idle-cluster', from, 30, 1),
      ...minutes('busy-cluster', from, 30, 60),
      ...minutes('short-idle-cluster', from, 22, 60),
      ...minutes('short-idle-cluster', at(22), 8, 1),
    ]);
    const billing = ['idle-cluster', 'busy-cluster'].flatMap((cluster) =>
      hoursFrom(from.toISOString(), 30, {
        workspaceId: ws,
        skuName: 'PREMIUM_ALL_PURPOSE_COMPUTE',
        product: 'ALL_PURPOSE',
        quantity: 4,
        metadata: { cluster_id: cluster },
      }),
    );
    await addScenario(billing);
    cost.deps.config.alerts = rules(
      `  - { name: idle-clusters, kind: idle_compute, scope: account, idle_for: 12h, max_cpu_percent: 5, max_memory_percent: 50 }`,
    );
    await evaluateAt('2026-06-01T09:30:00Z');
    expect(cost.alerts.map((a) => a.message.title)).toEqual([
      'All-purpose cluster idle (idle-cluster) has been idle for 30 hours',
    ]);
    const idleCost = sum(
      billing
        .filter((row) => row.metadata!.cluster_id === 'idle-cluster')
        .map((row) =>
          costOf(
            {
              ...row,
              record_id: '',
              workspace_id: ws,
              sku_name: row.skuName,
              cloud: 'AWS',
              usage_unit: 'DBU',
              usage_start_time: row.start.toISOString(),
              usage_date: '',
              usage_quantity: String(row.quantity),
              billing_origin_product: row.product,
              custom_tags: null,
              usage_metadata: {},
              identity_metadata: {},
            },
            raw.prices,
          ),
        ),
    );
    const fields = Object.fromEntries(cost.alerts[0]!.message.fields!.map((f) => [f.label, f.value]));
    expect(fields).toMatchObject({
      Utilisation: 'CPU 1.0% on average (peak hour 1.0%), memory 20% (peak 20%), busiest node',
      'Idle since': '2026-05-31 03:00 UTC',
      'Idle cost': `${formatAmount(idleCost, 'USD')} (billing for the latest hours may still arrive)`,
      Owner: 'ana@example.com',
      'Auto-termination': '120 min',
    });
    expect(cost.alerts[0]!.attributes).toEqual({ workspace: workspace.name, severity: 'warning' });

    // An hour later the cluster is busy again: resolved.
    await nodeTimeline(minutes('idle-cluster', at(30), 1, 70));
    await evaluateAt('2026-06-01T10:30:00Z');
    expect(cost.alerts.slice(1).map((a) => a.message.title)).toEqual([
      'Resolved: all-purpose cluster idle (idle-cluster) is no longer idle',
    ]);
  });

  it('alerts for a SQL warehouse running without a query, not for one that runs queries', async () => {
    const workspace = tables.account.workspaces[2]!;
    const ws = workspace.workspaceId;
    const events = ['wh-idle', 'wh-busy'].flatMap((warehouse) => [
      {
        account_id: 'acct',
        workspace_id: ws,
        warehouse_id: warehouse,
        event_type: 'STARTING',
        cluster_count: 0,
        event_time: '2026-06-01T20:00:00Z',
      },
      {
        account_id: 'acct',
        workspace_id: ws,
        warehouse_id: warehouse,
        event_type: 'RUNNING',
        cluster_count: 1,
        event_time: '2026-06-01T20:01:00Z',
      },
    ]);
    const query = (warehouse: string, start: string, n: number) => ({
      account_id: 'acct',
      workspace_id: ws,
      statement_id: `${warehouse}-${n}`,
      execution_status: 'FINISHED',
      compute: { type: 'WAREHOUSE', cluster_id: null, warehouse_id: warehouse },
      start_time: start,
      end_time: new Date(Date.parse(start) + 60_000).toISOString(),
      update_time: new Date(Date.parse(start) + 60_000).toISOString(),
    });
    const queries = [
      query('wh-idle', '2026-06-01T20:05:00Z', 0),
      ...Array.from({ length: 14 }, (_, h) =>
        query('wh-busy', new Date(Date.parse('2026-06-01T20:30:00Z') + h * 3_600_000).toISOString(), h),
      ),
    ];
    await insertSystemRows(tables.pool, 'system.compute.warehouse_events', events);
    await insertSystemRows(tables.pool, 'system.query.history', queries);
    const wanted = `warehouse_id in ('wh-idle', 'wh-busy')`;
    await copyRows(
      tables.pool,
      cost.db,
      cost.regionId,
      'collected_warehouse_events',
      `select * from "system__compute"."warehouse_events" where ${wanted}`,
    );
    await copyRows(
      tables.pool,
      cost.db,
      cost.regionId,
      'collected_query_history',
      `select * from "system__query"."history" where compute ->> 'warehouse_id' in ('wh-idle', 'wh-busy')`,
    );
    await addScenario(
      hoursFrom('2026-06-01T20:00:00Z', 14, {
        workspaceId: ws,
        skuName: 'PREMIUM_SQL_PRO_COMPUTE',
        product: 'SQL',
        quantity: 10,
        metadata: { warehouse_id: 'wh-idle' },
        identity: { owned_by: 'bo@example.com' },
      }),
    );
    const collectedAt = async (at: string) =>
      recordCollectorRun(cost.db, cost.regionId, new Date(at), ['system.query.history']);
    cost.deps.config.alerts = rules(
      `  - { name: idle-warehouses, kind: idle_compute, scope: account, idle_for: 12h, require_auto_termination: false }`,
    );
    await collectedAt('2026-06-02T07:00:00Z');
    await evaluateAt('2026-06-02T07:05:00Z'); // 10 h 55 without a query: not yet
    expect(cost.alerts).toEqual([]);
    await evaluateAt('2026-06-02T10:30:00Z'); // nothing collected since: still not
    expect(cost.alerts).toEqual([]);
    await collectedAt('2026-06-02T10:00:00Z');
    await evaluateAt('2026-06-02T10:30:00Z'); // 13 h 55 without a query
    expect(cost.alerts.map((a) => a.message.title)).toEqual([
      expect.stringMatching(/^SQL warehouse \S+ has been running for 13 hours without a query$/),
    ]);
    const fields = Object.fromEntries(cost.alerts[0]!.message.fields!.map((f) => [f.label, f.value]));
    expect(fields).toMatchObject({
      Utilisation: 'no queries, 1 cluster running',
      'Idle since': '2026-06-01 20:06 UTC',
      Owner: 'bo@example.com',
    });
    expect(fields['Idle cost']).toMatch(/^\$[\d,]+\.\d\d \(billing/);
  });
});

describe('job scopes when two workspaces have a job with the same id', () => {
  it('`job:<id>` watches the job in each workspace on its own; `job:<workspace>/<id>` only there', async () => {
    const [first, second] = [tables.account.workspaces[0]!, tables.account.workspaces[1]!];
    await cost.db
      .insertInto('collected_jobs')
      .values(
        [first, second].map((workspace) => ({
          region_id: cost.regionId,
          workspace_id: workspace.workspaceId,
          job_id: '4242',
          name: 'ingest',
          change_time: new Date('2026-05-01T00:00:00Z'),
          collected_at: new Date(),
        })),
      )
      .execute();
    const jobRun = (workspaceId: string, quantity: number) =>
      hoursFrom('2026-05-10T03:00:00Z', 1, {
        workspaceId,
        skuName: 'PREMIUM_JOBS_COMPUTE',
        product: 'JOBS',
        quantity,
        metadata: { job_id: '4242', job_run_id: `4242-${workspaceId}` },
      });
    await addScenario([...jobRun(first.workspaceId, 100), ...jobRun(second.workspaceId, 20)]);

    // $15 in the first workspace, $3 in the second: only the first passes a $10 budget.
    cost.deps.config.alerts = rules(
      `  - { name: ingest-budget, kind: budget, scope: "job:4242", amount: 10 }`,
    );
    await evaluateAt('2026-05-20T10:00:00Z');
    expect(cost.alerts.map((a) => a.message.title)).toEqual([
      `Job ingest (4242) in ${first.name} has passed its budget for May 2026 (provisional figures)`,
    ]);
    expect(cost.alerts[0]!.attributes.workspace).toBe(first.name);
    expect(text(cost.alerts[0]!.message)).toContain(formatAmount(15, 'USD'));
    const scopes = await cost.db
      .selectFrom('cost_alerts')
      .select(['scope_key', 'level'])
      .where('rule_name', '=', 'ingest-budget')
      .execute();
    expect(scopes).toEqual([{ scope_key: `job:${first.workspaceId}/4242`, level: expect.any(Number) }]);

    // Named with its workspace, the second job is watched alone, against its own $3.
    cost.alerts.length = 0;
    cost.deps.config.alerts = rules(
      `  - { name: second-ingest-budget, kind: budget, scope: "job:${second.name}/4242", amount: 2 }`,
    );
    await evaluateAt('2026-05-20T11:00:00Z');
    expect(cost.alerts.map((a) => a.message.title)).toEqual([
      `Job ingest (4242) in ${second.name} has passed its budget for May 2026 (provisional figures)`,
    ]);
    expect(text(cost.alerts[0]!.message)).toContain(formatAmount(3, 'USD'));
  });
});

describe('cluster ids shared by two workspaces', () => {
  it('an idle compute rule judges each workspace’s cluster on its own and names its workspace', async () => {
    const [first, second] = [tables.account.workspaces[0]!, tables.account.workspaces[1]!];
    await cost.db
      .insertInto('collected_clusters')
      .values(
        [first, second].map((workspace) => ({
          region_id: cost.regionId,
          workspace_id: workspace.workspaceId,
          cluster_id: '0601-shared',
          cluster_name: 'shared',
          owned_by: 'ana@example.com',
          auto_termination_minutes: 60,
          cluster_source: 'UI',
          change_time: new Date('2026-05-01T00:00:00Z'),
          collected_at: new Date(),
        })),
      )
      .execute();
    const node = (workspaceId: string, from: string, hours: number, cpuPercent: number) =>
      nodeMinutes({
        workspaceId,
        clusterId: '0601-shared',
        nodes: 1,
        from: new Date(from),
        minutes: hours * 60,
        cpuPercent,
        memoryPercent: 10,
      });
    // The first workspace's cluster idles 20 hours on end; the second's was busy until 2 hours ago.
    await insertSystemRows(tables.pool, 'system.compute.node_timeline', [
      ...node(first.workspaceId, '2026-06-03T04:00:00Z', 20, 2),
      ...node(second.workspaceId, '2026-06-03T04:00:00Z', 18, 50),
      ...node(second.workspaceId, '2026-06-03T22:00:00Z', 2, 2),
    ]);
    await collectNodeMinutes(tables.pool, cost.db, cost.regionId, `cluster_id = '0601-shared'`);
    await recordCollectorRun(cost.db, cost.regionId, new Date('2026-06-04T00:05:00Z'));
    cost.deps.config.alerts = rules(
      `  - { name: shared-idle, kind: idle_compute, scope: account, idle_for: 12h, warehouses: false }`,
    );
    await evaluateAt('2026-06-04T00:30:00Z');
    expect(cost.alerts.map((a) => a.message.title)).toEqual([
      `All-purpose cluster shared (0601-shared) in ${first.name} has been idle for 20 hours`,
    ]);
    expect(cost.alerts[0]!.attributes.workspace).toBe(first.name);
    const scopes = await cost.db
      .selectFrom('cost_alerts')
      .select('scope_key')
      .where('rule_name', '=', 'shared-idle')
      .execute();
    expect(scopes).toEqual([{ scope_key: `cluster:${first.workspaceId}/0601-shared` }]);
  });
});

describe('escalation across a month boundary', () => {
  it('last month’s passed budget does not silence this month’s forecast warning or its step to passed', async () => {
    const workspace = tables.account.workspaces[2]!;
    const run = (day: string, quantity: number) =>
      hoursFrom(`${day}T02:00:00Z`, 1, {
        workspaceId: workspace.workspaceId,
        skuName: 'PREMIUM_JOBS_COMPUTE',
        product: 'JOBS',
        quantity,
        metadata: { job_id: '7777', job_run_id: `7777-${day}` },
      });
    // $6 a day through May: $168 against a $100 budget.
    const may = Array.from({ length: 28 }, (_, i) => `2026-05-${String(i + 4).padStart(2, '0')}`);
    await addScenario(may.flatMap((day) => run(day, 40)));
    cost.deps.config.alerts = rules(
      `  - { name: etl-budget, kind: budget, scope: "job:${workspace.name}/7777", amount: 100, thresholds: [100], cooldown: 3d }`,
    );
    await evaluateAt('2026-05-31T12:00:00Z');
    expect(cost.alerts.map((a) => a.message.title)).toEqual([
      expect.stringMatching(/has passed its budget for May 2026/),
    ]);

    // 1 June: $6 so far, on course for ~$180. May (still evaluated, unchanged) stays quiet.
    await addScenario(run('2026-06-01', 40));
    await evaluateAt('2026-06-01T10:00:00Z');
    expect(cost.alerts.slice(1).map((a) => a.message.title)).toEqual([
      expect.stringMatching(/is on course to pass its budget for June 2026/),
    ]);

    // Later that day June passes too: worse than June's warning, announced within the cooldown.
    await addScenario(hoursFrom('2026-06-01T05:00:00Z', 1, { ...run('2026-06-01', 800)[0]! }));
    await evaluateAt('2026-06-01T11:00:00Z');
    expect(cost.alerts.slice(2).map((a) => a.message.title)).toEqual([
      expect.stringMatching(/has passed its budget for June 2026 \(provisional figures\)/),
    ]);
    const rows = await cost.db
      .selectFrom('cost_alerts')
      .select(['period_key', 'notified_level'])
      .where('rule_name', '=', 'etl-budget')
      .orderBy('period_key')
      .execute();
    expect(rows).toEqual([
      { period_key: '2026-05', notified_level: 101 },
      { period_key: '2026-06', notified_level: 101 },
    ]);
  });
});

describe('a rule added mid-month', () => {
  const lateRule = (name: string, backfill: boolean) =>
    rules(
      `  - { name: ${name}, kind: budget, scope: "job:${tables.account.workspaces[2]!.name}/7777", amount: 100, thresholds: [100], forecast: false, backfill: ${backfill} }`,
    );

  it('starts with the current period: no alert about last month unless asked to backfill', async () => {
    // On 2 June May's figures are still evaluated, and job 7777 passed $100 in May and in June.
    cost.deps.config.alerts = lateRule('late-budget', false);
    await evaluateAt('2026-06-02T10:00:00Z');
    expect(cost.alerts.map((a) => a.message.title)).toEqual([
      expect.stringMatching(/has passed its budget for June 2026/),
    ]);
    cost.alerts.length = 0;
    cost.deps.config.alerts = lateRule('late-budget-backfill', true);
    await evaluateAt('2026-06-02T10:00:00Z');
    expect(cost.alerts.map((a) => a.message.title).sort()).toEqual([
      expect.stringMatching(/has passed its budget for June 2026/),
      expect.stringMatching(/has passed its budget for May 2026/),
    ]);
  });
});

describe('evaluation when nothing changed', () => {
  it('recomputes nothing, and re-announces an alert whose snooze ran out in a quiet account', async () => {
    const alert = await cost.db
      .selectFrom('cost_alerts')
      .selectAll()
      .where('rule_name', '=', 'late-budget')
      .executeTakeFirstOrThrow();
    cost.clock.set('2026-06-02T10:00:00Z');
    await snoozeCostAlert(cost.deps, alert.id, { platform: 'slack', id: 'U0FINOPS' }, 3600);
    cost.deps.config.alerts = rules(
      `  - { name: late-budget, kind: budget, scope: "job:${tables.account.workspaces[2]!.name}/7777", amount: 100, thresholds: [100], forecast: false, cooldown: 30m }`,
    );
    // Its settings changed (the cooldown): evaluated in full, still snoozed.
    expect(await evaluateAt('2026-06-02T10:20:00Z')).toMatchObject({
      recomputed: ['late-budget'],
      announced: 0,
    });
    expect(await evaluateAt('2026-06-02T10:40:00Z')).toMatchObject({ recomputed: [], announced: 0 });
    expect(cost.alerts).toEqual([]);

    // The snooze ends at 11:00; nothing new arrived, yet the next evaluation announces it again.
    expect(await evaluateAt('2026-06-02T11:05:00Z')).toMatchObject({ recomputed: [], announced: 1 });
    expect(cost.alerts.map((a) => a.message.title)).toEqual([
      expect.stringMatching(/has passed its budget for June 2026/),
    ]);
    expect(await evaluateAt('2026-06-02T11:10:00Z')).toMatchObject({ recomputed: [], announced: 0 });

    // New usage: evaluated in full.
    await addScenario(hoursFrom('2026-06-02T03:00:00Z', 1, await oneJobRow()));
    expect(await evaluateAt('2026-06-02T11:15:00Z')).toMatchObject({ recomputed: ['late-budget'] });
  });
});

async function oneJobRow(): Promise<Omit<ScenarioUsage, 'start'>> {
  return {
    workspaceId: tables.account.workspaces[2]!.workspaceId,
    skuName: 'PREMIUM_JOBS_COMPUTE',
    product: 'JOBS',
    quantity: 1,
    metadata: { job_id: '7777', job_run_id: '7777-late' },
  };
}

describe('node utilisation retention', () => {
  it('a refresh drops node utilisation hours older than idle rules can read', async () => {
    const count = async () =>
      Number(
        (
          await cost.db
            .selectFrom('collected_node_hours')
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    expect(before).toBeGreaterThan(0);
    cost.clock.set('2026-06-11T00:00:00Z'); // 8 days after 3 June: the first clusters' hours go
    await refreshCosts(cost.deps, { evaluate: 'if-changed' });
    const kept = await count();
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThan(before);
    const oldest = await cost.db
      .selectFrom('collected_node_hours')
      .select((eb) => eb.fn.min('hour').as('at'))
      .executeTakeFirstOrThrow();
    expect(new Date(oldest.at as Date).getTime()).toBeGreaterThanOrEqual(Date.parse('2026-06-03T00:00:00Z'));
  });
});
