/**
 * The grants a fault run asks for: approved and auto-approved ones, standing members asking for
 * a group they are already in, and overlapping grants (two policy groups granting the same
 * Databricks group; an extension of an active grant).
 */
import type { FaultWorld } from './fault-world.js';
import type { PolicyGroup } from './fault-cast.js';
import { extendGrant, requestGrant, type GrantAttempt } from './grant-requests.js';

export interface PlannedGrant {
  /** Index into the cast's requesters. */
  person: number;
  group: PolicyGroup;
  seconds: number;
  /** Click Extend once it is active (a second, overlapping grant). */
  extend?: boolean;
}

/** Requester 0 and 1 are standing members of these groups (pass to startFaultWorld). */
export const STANDING_IN = ['fault-a', 'fault-b'] as const;

const CYCLE: PolicyGroup[] = ['approved-a', 'auto-c', 'auto-b', 'approved-b', 'auto-c'];

/** Grants for requesters `from` .. `to - 1`, lasting `seconds` to `seconds + 10` (+10 for the overlapping one). */
export function grantMix(from: number, to: number, seconds: number): PlannedGrant[] {
  const plans: PlannedGrant[] = [];
  for (let person = from; person < to; person++) {
    const length = seconds + (person % 3) * 5;
    if (person === 0) plans.push({ person, group: 'approved-a', seconds: length });
    else if (person === 1) plans.push({ person, group: 'auto-b', seconds: length });
    else if (person === 2) {
      plans.push({ person, group: 'auto-b', seconds: length });
      plans.push({ person, group: 'approved-b', seconds: length + 10 });
    } else if (person === 3) plans.push({ person, group: 'auto-c', seconds: length, extend: true });
    else plans.push({ person, group: CYCLE[person % CYCLE.length]!, seconds: length });
  }
  return plans;
}

/** How many grants the plans make (an extension is a grant of its own). */
export const grantCount = (plans: readonly PlannedGrant[]) =>
  plans.reduce((sum, plan) => sum + (plan.extend ? 2 : 1), 0);

export const longestSeconds = (plans: readonly PlannedGrant[]) =>
  Math.max(...plans.map((plan) => plan.seconds * (plan.extend ? 2 : 1)));

/** Asks for every planned grant, `concurrency` people at a time; extensions once active. */
export async function requestAll(
  world: FaultWorld,
  plans: readonly PlannedGrant[],
  concurrency = 4,
): Promise<GrantAttempt[]> {
  const attempts: GrantAttempt[] = [];
  const extensions: Promise<void>[] = [];
  const queue = [...plans];
  const worker = async () => {
    for (let plan = queue.shift(); plan; plan = queue.shift()) {
      const userId = world.cast.requesters[plan.person]!.id;
      attempts.push(await requestGrant(world, userId, plan.group, plan.seconds));
      // A grant the faults keep from becoming active is not extended; the grant count shows it.
      if (plan.extend)
        extensions.push(
          extendGrant(world, userId, plan.group).catch((error: unknown) =>
            console.warn(`fault suite: no extension for ${userId}: ${String(error)}`),
          ),
        );
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  await Promise.all(extensions);
  return attempts;
}
