/**
 * Idle compute at account scale: `workspaces` × `clusters` all-purpose clusters (one node each)
 * with `days` of system.compute.node_timeline minutes generated straight into Postgres, one in ten
 * clusters idling at 1% CPU. Times a full evaluation of an idle compute rule (it reads only its
 * window, plus a week of each idle cluster to find where its idle time began), an evaluation with
 * nothing new, and a plain read of every generated row once. On small shapes the evaluation's
 * fixed work (recording and announcing each alert) outweighs the read; it grows with the window,
 * the read with the days.
 */
import { sql } from 'kysely';
import { evaluateCostAlerts } from '../src/cost/alerts/evaluate-cost-alerts.js';
import { parseCostConfigText } from '../src/cost/config/load-cost-config.js';
import type { CostDeps } from '../src/cost/cost-deps.js';
import { captureLogger } from '../test/support/capture-logger.js';
import { createRegion } from '../test/support/cost-fixture.js';
import { ManualClock } from '../test/support/manual-clock.js';
import { createTestDatabase } from '../test/support/test-database.js';
import { check, type BenchResult } from './report.js';

export interface IdleComputeShape {
  workspaces: number;
  clusters: number;
  days: number;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

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
    const deps: CostDeps = {
      db,
      clock,
      log: captureLogger('warn').log,
      config: parseCostConfigText(
        'alerts:\n  - { name: idle, kind: idle_compute, scope: account, idle_for: 12h, warehouses: false, require_auto_termination: false }\n',
      ),
      outbox: { send: async () => {}, updateCopies: async () => {}, replyInThreads: async () => {} },
      jobs: { refreshSoon: async () => {} },
      publishAlert: async () => 1,
    };
    const [, generateMs] = await timed(async () => {
      for (let w = 0; w < shape.workspaces; w++) {
        await sql`
          insert into collected_node_timeline (region_id, workspace_id, cluster_id, instance_id, start_time,
            end_time, driver, cpu_user_percent, cpu_system_percent, mem_used_percent, collected_at)
          select ${regionId}::uuid, ${`ws-${w}`}, 'cluster-' || c, 'node-' || c, t, t + interval '1 minute', true,
            case when c % 10 = 0 then 0.7 else 30 + (c % 40) end, 0.3, 25, now()
          from generate_series(1, ${shape.clusters}) c,
            generate_series(${from}::timestamptz, ${until}::timestamptz - interval '1 minute', interval '1 minute') t`.execute(
          db,
        );
      }
      await sql`analyze collected_node_timeline`.execute(db);
    });
    const rows = Number(
      (await sql<{ n: string }>`select count(*)::text as n from collected_node_timeline`.execute(db)).rows[0]!
        .n,
    );
    const [full, fullMs] = await timed(() => evaluateCostAlerts(deps));
    clock.advance(5 * 60_000);
    const [quiet, quietMs] = await timed(() => evaluateCostAlerts(deps));
    const [, readAllMs] = await timed(() =>
      sql`select workspace_id, cluster_id, avg(cpu_user_percent + cpu_system_percent), avg(mem_used_percent)
          from collected_node_timeline group by 1, 2`.execute(db),
    );
    const expectedIdle = shape.workspaces * Math.floor(shape.clusters / 10);
    return {
      title: `Idle compute: ${shape.workspaces} workspaces × ${shape.clusters} clusters × ${shape.days} days of node_timeline minutes`,
      lines: [
        `node_timeline rows: ${rows.toLocaleString('en-US')} (generated in ${seconds(generateMs)}).`,
        `Full evaluation of the idle compute rule (12 h window): ${seconds(fullMs)}; ${full.announced} idle clusters announced.`,
        `Evaluation with nothing new (no recompute): ${seconds(quietMs)}.`,
        `Reading every row once (avg CPU and memory per cluster): ${seconds(readAllMs)}; the full evaluation took ${((fullMs / readAllMs) * 100).toFixed(1)}% of that.`,
      ],
      checks: [
        check(
          full.announced === expectedIdle,
          `every idle cluster and no busy one alerted (${full.announced} of ${expectedIdle})`,
        ),
        check(
          quiet.recomputed.length === 0 && quiet.announced === 0,
          'an evaluation with nothing new recomputes nothing',
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
