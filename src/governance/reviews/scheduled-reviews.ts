import type { GovernanceDeps } from '../governance-deps.js';
import type { ReviewSchedule } from '../../access/policy/access-policy.js';
import { startReview, type StartedReview } from './start-review.js';

/** The first day (UTC) of the period `at` falls in, e.g. 2026-10-01 for a quarter. */
export function periodStart(every: ReviewSchedule['every'], at: Date): Date {
  const year = at.getUTCFullYear();
  const month = at.getUTCMonth();
  if (every === 'monthly') return new Date(Date.UTC(year, month, 1));
  if (every === 'quarterly') return new Date(Date.UTC(year, month - (month % 3), 1));
  return new Date(Date.UTC(year, 0, 1));
}

/**
 * Starts this period's campaign when the policy schedules reviews and none was started for the
 * period yet (the schedule key makes it once per period across replicas and restarts).
 */
export async function startScheduledReview(deps: GovernanceDeps): Promise<StartedReview | undefined> {
  const schedule = deps.policy.reviews;
  if (!schedule) return undefined;
  const start = periodStart(schedule.every, deps.clock.now());
  const scheduleKey = `${schedule.every}:${start.toISOString().slice(0, 10)}`;
  const exists = await deps.db
    .selectFrom('review_campaigns')
    .select('id')
    .where('schedule_key', '=', scheduleKey)
    .executeTakeFirst();
  if (exists) return undefined;
  try {
    return await startReview(deps, {
      actor: 'schedule',
      scope: schedule.groups,
      dueSeconds: schedule.dueSeconds,
      scheduleKey,
    });
  } catch (error) {
    deps.log.warn({ err: error, scheduleKey }, 'the scheduled access review could not start');
    return undefined;
  }
}
