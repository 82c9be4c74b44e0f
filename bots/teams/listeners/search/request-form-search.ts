import { formatDuration } from '../../../../src/access/duration.js';
import { findGroupPolicy, type GroupPolicy } from '../../../../src/access/policy/access-policy.js';
import type { Services } from '../../../../src/services.js';
import { groupChoice, REQUEST_FORM_DATASETS } from '../../cards/request-access-form.js';
import { durationsMatching } from '../../cards/request-form-durations.js';

/** What Teams sends with an `application/search` invoke from a `Data.Query` typeahead. */
export interface TypeaheadQuery {
  dataset?: unknown;
  queryText?: unknown;
  queryOptions?: { skip?: unknown; top?: unknown };
  /** The card's other inputs, when the query was authored with `associatedInputs: auto`. */
  data?: Record<string, unknown>;
}

export interface TypeaheadChoice {
  title: string;
  value: string;
}

/** Teams shows at most 15 options in a typeahead dropdown. */
const MAX_RESULTS = 15;

const count = (value: unknown, fallback: number, max: number) => {
  const number = typeof value === 'number' ? value : Number(value);
  return Number.isSafeInteger(number) && number >= 0 ? Math.min(number, max) : fallback;
};

/** Groups whose name starts with the text first, then those containing it (name, Databricks group, description). */
function groupsMatching(groups: GroupPolicy[], typed: string): GroupPolicy[] {
  const query = typed.trim().toLowerCase();
  if (query === '') return groups;
  const starts = groups.filter((group) => group.key.toLowerCase().startsWith(query));
  const contains = groups.filter(
    (group) =>
      !starts.includes(group) &&
      [group.key, group.databricksGroup, group.description ?? ''].some((text) =>
        text.toLowerCase().includes(query),
      ),
  );
  return [...starts, ...contains];
}

/**
 * Answers the request form's typeaheads: requestable groups matching what was typed, and the
 * durations the chosen group allows. Undefined for a dataset that is not ours.
 */
export function answerRequestFormSearch(
  services: Pick<Services, 'access'>,
  query: TypeaheadQuery,
): TypeaheadChoice[] | undefined {
  const typed = typeof query.queryText === 'string' ? query.queryText.slice(0, 100) : '';
  const skip = count(query.queryOptions?.skip, 0, 10_000);
  const top = count(query.queryOptions?.top, MAX_RESULTS, MAX_RESULTS) || MAX_RESULTS;
  const { groups } = services.access.policy;
  if (query.dataset === REQUEST_FORM_DATASETS.groups) {
    return groupsMatching(groups, typed)
      .slice(skip, skip + top)
      .map(groupChoice);
  }
  if (query.dataset === REQUEST_FORM_DATASETS.durations) {
    const chosen = query.data?.group;
    const group =
      typeof chosen === 'string' && chosen !== '' ? findGroupPolicy({ groups }, chosen) : undefined;
    return durationsMatching(group, typed)
      .slice(skip, skip + top)
      .map((seconds) => ({ title: formatDuration(seconds), value: String(seconds) }));
  }
  return undefined;
}
