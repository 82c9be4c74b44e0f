import { formatDuration, parseDuration } from '../../../src/access/duration.js';
import type { GroupPolicy } from '../../../src/access/policy/access-policy.js';

/** The usual durations, offered as they fit a group. */
export const DURATION_CHOICES = [1800, 3600, 7200, 14400, 28800, 43200, 86400, 259200, 604800];

const allows = (group: GroupPolicy, seconds: number) =>
  seconds >= group.minDurationSeconds && seconds <= group.maxDurationSeconds;

/**
 * The durations to offer: for a group, the usual ones it allows plus its default and its maximum
 * (so "up to the maximum" is always one click); without a group, all the usual ones.
 */
export function durationChoicesFor(group: GroupPolicy | undefined): number[] {
  if (!group) return DURATION_CHOICES;
  const offered = new Set(DURATION_CHOICES.filter((seconds) => allows(group, seconds)));
  offered.add(group.defaultDurationSeconds);
  offered.add(group.maxDurationSeconds);
  return [...offered].filter((seconds) => allows(group, seconds)).sort((a, b) => a - b);
}

/**
 * The typeahead answer for durations: those offered for the group whose label starts with what
 * was typed, and what was typed itself when it is a duration the group allows (`90m`, `5h`).
 */
export function durationsMatching(group: GroupPolicy | undefined, typed: string): number[] {
  const query = typed.trim().toLowerCase();
  const offered = durationChoicesFor(group);
  const matching = offered.filter((seconds) =>
    formatDuration(seconds).replace(/ /g, '').startsWith(query.replace(/ /g, '')),
  );
  const parsed = query === '' ? undefined : parseDuration(query);
  const typedFits = parsed !== undefined && (group === undefined || allows(group, parsed));
  if (typedFits && !matching.includes(parsed)) matching.unshift(parsed);
  return matching;
}
