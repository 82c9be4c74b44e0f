import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseCostConfigText } from '../src/cost/config/load-cost-config.js';
import { evaluateCostAlerts } from '../src/cost/alerts/evaluate-cost-alerts.js';
import { markUsageDates } from '../src/cost/rollups/mark-usage-dates.js';
import { refreshCostRollups } from '../src/cost/rollups/refresh-cost-rollups.js';
import { formatAmount } from '../src/cost/money.js';
import { median } from '../src/cost/robust-stats.js';
import { insertUsage, type ScenarioUsage } from './support/cost-fixture.js';
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

describe('idle or runaway compute', () => {
  it('fires for a cluster running too long and one without auto-termination, and resolves when they stop', async () => {
    const workspace = tables.account.workspaces[2]!;
    await cost.db
      .insertInto('collected_clusters')
      .values(
        ['runaway-cluster', 'no-autostop-cluster'].map((id) => ({
          region_id: cost.regionId,
          workspace_id: workspace.workspaceId,
          cluster_id: id,
          cluster_name: id.replace('-cluster', ''),
          owned_by: 'ana@example.com',
          auto_termination_minutes: id === 'runaway-cluster' ? 120 : 0,
          cluster_source: 'UI',
          change_time: new Date('2026-05-01T00:00:00Z'),
          collected_at: new Date(),
        })),
      )
      .execute();
    const allPurpose = (cluster: string) => ({
      workspaceId: workspace.workspaceId,
      skuName: 'PREMIUM_ALL_PURPOSE_COMPUTE',
      product: 'ALL_PURPOSE',
      quantity: 4,
      metadata: { cluster_id: cluster },
    });
    await addScenario([
      ...hoursFrom('2026-05-30T20:00:00Z', 28, allPurpose('runaway-cluster')),
      ...hoursFrom('2026-05-31T21:00:00Z', 3, allPurpose('no-autostop-cluster')),
    ]);
    cost.deps.config.alerts = rules(
      `  - { name: idle-clusters, kind: idle_compute, scope: account, max_running_hours: 12 }`,
    );
    await evaluateAt('2026-06-01T09:00:00Z');
    expect(cost.alerts.map((a) => a.message.title).sort()).toEqual([
      'All-purpose cluster no-autostop (no-autostop-cluster) is running without auto-termination',
      'All-purpose cluster runaway (runaway-cluster) has been running for more than 12 hours',
    ]);
    expect(text(cost.alerts.find((a) => a.message.title.includes('runaway'))?.message)).toContain(
      'running for 28 hours',
    );

    // Newer usage arrives (the serving endpoint after midnight), without either cluster: both stopped.
    await addScenario(
      hoursFrom('2026-06-01T00:00:00Z', 4, {
        workspaceId: workspace.workspaceId,
        skuName: 'PREMIUM_JOBS_COMPUTE',
        product: 'JOBS',
        quantity: 1,
        metadata: { job_id: 'other' },
      }),
    );
    await evaluateAt('2026-06-01T10:00:00Z');
    expect(
      cost.alerts
        .slice(2)
        .map((a) => a.message.title)
        .sort(),
    ).toEqual([
      'Resolved: all-purpose cluster no-autostop (no-autostop-cluster) is no longer running without auto-termination',
      'Resolved: all-purpose cluster runaway (runaway-cluster) is no longer running non-stop',
    ]);
    const states = await cost.db
      .selectFrom('cost_alerts')
      .select('state')
      .where('rule_name', '=', 'idle-clusters')
      .execute();
    expect(states.map((s) => s.state)).toEqual(['resolved', 'resolved']);
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
    const allPurpose = (workspaceId: string) => ({
      workspaceId,
      skuName: 'PREMIUM_ALL_PURPOSE_COMPUTE',
      product: 'ALL_PURPOSE',
      quantity: 4,
      metadata: { cluster_id: '0601-shared' },
    });
    // The first workspace's cluster runs 20 hours on end; the second's only 2.
    await addScenario([
      ...hoursFrom('2026-06-02T04:00:00Z', 20, allPurpose(first.workspaceId)),
      ...hoursFrom('2026-06-02T22:00:00Z', 2, allPurpose(second.workspaceId)),
    ]);
    cost.deps.config.alerts = rules(
      `  - { name: shared-idle, kind: idle_compute, scope: account, max_running_hours: 12 }`,
    );
    await evaluateAt('2026-06-03T09:00:00Z');
    expect(cost.alerts.map((a) => a.message.title)).toEqual([
      `All-purpose cluster shared (0601-shared) in ${first.name} has been running for more than 12 hours`,
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
