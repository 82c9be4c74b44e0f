/**
 * Idle compute at account scale: `workspaces` × `clusters` all-purpose clusters (one node each)
 * with `days` of system.compute.node_timeline, one in ten clusters idling at 1% CPU. The
 * collector rolls minutes up per node and hour as it stores them (collected_node_hours), so the
 * node hours are generated straight into Postgres: at 20 × 500 × 30 days, 7.2 M hour rows that
 * stand for 432 M node-minutes. Times a full evaluation of an idle compute rule (it reads only its
 * window, plus a week of each idle cluster to find where its idle time began) that announces
 * every idle cluster, an evaluation with nothing new, one after the next collector run (the
 * alerts already open), and a plain read of every stored row once.
 */
import { sql } from 'kysely';
import { evaluateCostAlerts } from '../src/cost/alerts/evaluate-cost-alerts.js';
import { parseCostConfigText } from '../src/cost/config/load-cost-config.js';
import type { CostDeps } from '../src/cost/cost-deps.js';
import type { Db } from '../src/db/database.js';
import { captureLogger } from '../test/support/capture-logger.js';
import { createRegion, recordCollectorRun } from '../test/support/cost-fixture.js';
import { ManualClock } from '../test/support/manual-clock.js';
import { createTestDatabase } from '../test/support/test-database.js';
import { check, type BenchResult } from './report.js';

export interface IdleComputeShape {
  workspaces: number;
  clusters: number;
  days: number;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const count = (n: number) => n.toLocaleString('en-US');
const ratio = (ms: number, baseMs: number) => `${(ms / baseMs).toFixed(2)}×`;
/** Every minute of an hour counted (bits 0–59). */
const WHOLE_HOUR_MASK = ((1n << 60n) - 1n).toString();

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const result = await work();
  return [result, performance.now() - started];
}

export async function idleComputeBench(shape: IdleComputeShape): Promise<BenchResult> {
  const database = await createTestDatabase('bench_idle');
  const db = database.db;
  try {
    const regionId = await createRegion(db);
    const until = new Date('2026-11-23T10:00:00Z');
    const from = new Date(until.getTime() - shape.days * 86_400_000);
    const clock = new ManualClock(new Date(until.getTime() + 5 * 60_000));
    const logs = captureLogger('warn');
    const deps: CostDeps = {
      db,
      clock,
      log: logs.log,
      config: parseCostConfigText(
        'alerts:\n  - { name: idle, kind: idle_compute, scope: account, idle_for: 12h, warehouses: false, require_auto_termination: false }\n',
      ),
      outbox: { send: async () => {}, updateCopies: async () => {}, replyInThreads: async () => {} },
      jobs: { refreshSoon: async () => {} },
      publishAlert: async () => 1,
    };
    const [, generateMs] = await timed(() => generateNodeHours(db, regionId, shape, from, until));
    const { rows, minutes, bytes } = (
      await sql<{ rows: number; minutes: number; bytes: number }>`
        select count(*)::int as rows, sum(minutes_seen)::float8 as minutes,
          pg_total_relation_size('collected_node_hours')::float8 as bytes
        from collected_node_hours`.execute(db)
    ).rows[0]!;
    const [full, fullMs] = await timed(() => evaluateCostAlerts(deps));
    clock.advance(5 * 60_000);
    const [quiet, quietMs] = await timed(() => evaluateCostAlerts(deps));
    // A collector run finished: the rule is recomputed, its 1 in 10 clusters' alerts already open.
    clock.advance(5 * 60_000);
    await recordCollectorRun(db, regionId, clock.now(), ['system.compute.node_timeline']);
    const [again, againMs] = await timed(() => evaluateCostAlerts(deps));
    const [readAll, readAllMs] = await timed(() =>
      sql`select workspace_id, cluster_id, sum(cpu_percent_sum) / sum(minutes_seen) as cpu,
            sum(memory_percent_sum) / sum(minutes_seen) as memory
          from collected_node_hours group by 1, 2`.execute(db),
    );
    const expectedIdle = shape.workspaces * Math.floor(shape.clusters / 10);
    const expectedRows = shape.workspaces * shape.clusters * shape.days * 24;
    return {
      title: `Idle compute: ${shape.workspaces} workspaces × ${shape.clusters} clusters × ${shape.days} days of node_timeline`,
      lines: [
        `Node hours stored: ${count(rows)} rows (${(bytes / 2 ** 30).toFixed(2)} GiB with indexes), standing for ${count(minutes)} node_timeline minutes rolled up per node and hour at collection; generated straight into Postgres in ${seconds(generateMs)}.`,
        `Full evaluation of the idle compute rule (12 h window): ${seconds(fullMs)}; ${full.announced} idle clusters announced.`,
        `Evaluation with nothing new (no recompute): ${seconds(quietMs)}.`,
        `Evaluation after the next collector run (recomputed; the ${full.announced} alerts already open, ${again.announced} announced): ${seconds(againMs)}.`,
        `Reading every stored row once (avg CPU and memory per cluster, ${count(readAll.rows.length)} clusters): ${seconds(readAllMs)}. Against that: the first full evaluation ${ratio(fullMs, readAllMs)}, after the next run ${ratio(againMs, readAllMs)}, with nothing new ${ratio(quietMs, readAllMs)}.`,
        ...logs
          .lines()
          .map((line) => `Logged: ${String(line.msg)} ${JSON.stringify(line.err ?? '')}`.slice(0, 600)),
      ],
      checks: [
        check(
          rows === expectedRows && minutes === expectedRows * 60,
          `one row per node and hour (${count(rows)} of ${count(expectedRows)}), 60 minutes each`,
        ),
        check(
          full.announced === expectedIdle,
          `every idle cluster and no busy one alerted (${full.announced} of ${expectedIdle})`,
        ),
        check(
          quiet.recomputed.length === 0 && quiet.announced === 0,
          'an evaluation with nothing new recomputes nothing',
        ),
        check(
          again.recomputed.length === 1 && again.announced === 0 && again.failed.length === 0,
          'after the next collector run the rule is recomputed and announces nothing twice',
        ),
        check(
          fullMs < 60_000 && full.failed.length === 0,
          `the rule evaluated, under 60 s (${seconds(fullMs)})`,
        ),
      ],
    };
  } finally {
    await database.drop();
  }
}

/**
 * What the collector would have stored for every node's minutes: one row per node and hour with
 * all 60 minutes counted; one cluster in ten at 1% CPU, the others at 30–70%. The indexes are
 * built once after the load (faster than maintaining them row by row), as they were before.
 */
async function generateNodeHours(
  db: Db,
  regionId: string,
  shape: IdleComputeShape,
  from: Date,
  until: Date,
): Promise<void> {
  const indexes = (
    await sql<{ definition: string; name: string }>`
      select indexname as name, indexdef as definition from pg_indexes
      where tablename = 'collected_node_hours' and indexname not like '%_pkey'`.execute(db)
  ).rows;
  for (const index of indexes) await sql`drop index ${sql.id(index.name)}`.execute(db);
  // A throwaway database: no WAL for the load (reads, which are what is timed, are the same).
  await sql`alter table collected_node_hours set unlogged`.execute(db);
  for (let w = 0; w < shape.workspaces; w++) {
    await sql`
      insert into collected_node_hours (region_id, account_id, workspace_id, cluster_id, instance_id, hour,
        minutes_seen, minute_mask, cpu_percent_sum, cpu_percent_max, memory_percent_sum, memory_percent_max,
        last_minute_start, seen_until, driver, node_type, collected_at)
      select ${regionId}::uuid, 'acct', ${`ws-${w}`}, 'cluster-' || c, 'node-' || c, h,
        60, ${WHOLE_HOUR_MASK}::bigint, 60 * cpu, cpu + 0.5, 60 * 25, 26,
        h + interval '59 minutes', h + interval '1 hour', true, 'm5d.xlarge', now()
      from generate_series(1, ${shape.clusters}) c
        cross join lateral (select case when c % 10 = 0 then 1.0 else 30 + (c % 40) end as cpu) u,
        generate_series(${from}::timestamptz, ${until}::timestamptz - interval '1 hour', interval '1 hour') h`.execute(
      db,
    );
  }
  for (const index of indexes) await sql.raw(index.definition).execute(db);
  await sql`analyze collected_node_hours`.execute(db);
}
