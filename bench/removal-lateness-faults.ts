/**
 * Removal lateness under faults: the fault suite's harness (own Postgres and Redis, web and
 * worker processes, fake Slack and a fake Databricks account at 2 PATCH/s) runs one round of
 * short auto-approved grants per fault, the fault injected just before the grants end. Lateness
 * is the time from a grant's end to the fake Databricks applying the PATCH that removed it.
 */
import { startFaultWorld, type FaultWorld } from '../test/faults/support/fault-world.js';
import { requestGrant } from '../test/faults/support/grant-requests.js';
import { membershipRemovals } from '../test/faults/support/removal-lateness.js';
import { waitUntil } from '../test/faults/support/wait.js';
import { check, type BenchResult, type Check } from './report.js';
import { ms, summarize, table } from './stats.js';

export interface FaultLatenessOptions {
  /** Grants per round (each from a different person, same group). */
  grants: number;
  /** Grant length; the round's grants end within `grants` seconds of each other. */
  seconds: number;
}

interface Round {
  name: string;
  goalMs: number;
  fault?: (world: FaultWorld) => Promise<void>;
}

const ROUNDS: Round[] = [
  { name: 'no fault', goalMs: 2_000 },
  { name: 'worker kill -9', goalMs: 30_000, fault: (w) => w.bots.killWorker() },
  { name: 'Postgres restart', goalMs: 30_000, fault: (w) => w.postgres.restart() },
  { name: 'Redis FLUSHALL', goalMs: 30_000, fault: (w) => w.redis.flushAll() },
];

export async function removalLatenessUnderFaults(options: FaultLatenessOptions): Promise<BenchResult> {
  const world = await startFaultWorld({ tag: 'BN', requesters: ROUNDS.length * options.grants });
  const rows: string[][] = [['after', 'n', 'p50', 'p99', 'max', 'goal (p99)', 'not removed']];
  const checks: Check[] = [];
  try {
    for (const [index, round] of ROUNDS.entries()) {
      const people = world.cast.requesters.slice(index * options.grants, (index + 1) * options.grants);
      const userIds = new Set(people.map((p) => world.cast.databricksIdOf.get(p.id)!));
      await Promise.all(people.map((p, i) => requestGrant(world, p.id, 'auto-c', options.seconds + i)));
      const mine = async () =>
        (await world.db.requests()).filter(
          (r) => userIds.has(r.databricks_user_id) && r.group_key === 'auto-c',
        );
      await waitUntil(
        `round "${round.name}": every grant active`,
        async () => (await mine()).every((r) => r.ends_at),
        120_000,
      );
      const ends = (await mine()).map((r) => r.ends_at!.getTime());
      if (round.fault) {
        await new Promise((resolve) =>
          setTimeout(resolve, Math.max(0, Math.min(...ends) - 1_000 - Date.now())),
        );
        await round.fault(world);
      }
      const removed = () => world.databricks.groupMemberIds('fault-c').every((id) => !userIds.has(id));
      await waitUntil(
        `round "${round.name}": removals`,
        removed,
        Math.max(...ends) + 60_000 - Date.now(),
      ).catch(() => undefined);
      const removals = membershipRemovals(
        await mine(),
        world.databricks,
        world.cast.groupIds,
        world.cast.standing,
      );
      const lateness = removals.flatMap((r) => (r.latenessMs === undefined ? [] : [r.latenessMs]));
      const missing = removals.length - lateness.length;
      const s = summarize(lateness);
      rows.push([
        round.name,
        String(s.count),
        ms(s.p50),
        ms(s.p99),
        ms(s.max),
        `≤ ${ms(round.goalMs)}`,
        String(missing),
      ]);
      checks.push(
        check(
          missing === 0 && s.p99 <= round.goalMs,
          `${round.name}: p99 removal lateness ${ms(s.p99)} ≤ ${ms(round.goalMs)}, ${missing} never removed`,
        ),
      );
    }
    const crashes = world.bots.crashes();
    checks.push(
      check(crashes.length === 0, `no role crashed (${crashes.map((c) => c.role).join(', ') || 'none'})`),
    );
    return {
      title: `Removal lateness under faults: ${options.grants} auto-approved grants of ~${options.seconds} s per round`,
      lines: [
        'Harness of npm run test:faults: own Postgres and Redis, web and worker as separate processes, fake',
        "Databricks account at 2 PATCH/s. Each fault is injected 1 s before the round's first grant ends;",
        "lateness = fake Databricks applying the removal PATCH - the grant's ends_at.",
        '',
        table(rows),
      ],
      checks,
    };
  } finally {
    await world.close();
  }
}
