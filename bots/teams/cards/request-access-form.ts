import { formatDuration } from '../../../src/access/duration.js';
import type { GroupPolicy } from '../../../src/access/policy/access-policy.js';
import { TEAMS_VERBS } from '../render/card-refresh.js';
import { adaptiveCard, cut, executeAction, textBlock, type AdaptiveCard } from '../render/render-card.js';

/** Durations offered in the form; the group's own maximum is checked when the form is sent. */
export const DURATION_CHOICES = [1800, 3600, 7200, 14400, 28800, 43200, 86400, 259200, 604800];

/** What the person typed into the form, as the card hands it back (every input is a string). */
export interface RequestFormValues {
  group?: string;
  duration?: string;
  reason?: string;
  ticket?: string;
}

/**
 * The request form: group (from the policy), duration, reason, optional ticket link. Shown again
 * with `problem` and everything the person typed when the request cannot be filed.
 */
export function requestAccessForm(
  groups: GroupPolicy[],
  values: RequestFormValues = {},
  problem?: string,
): AdaptiveCard {
  const body = [textBlock('Request access to a Databricks group', { weight: 'Bolder', size: 'Medium' })];
  if (problem) body.push(textBlock(problem, { color: 'Attention', weight: 'Bolder' }));
  body.push(
    {
      type: 'Input.ChoiceSet',
      id: 'group',
      label: 'Databricks group',
      isRequired: true,
      errorMessage: 'Pick a group',
      placeholder: 'Pick a requestable group',
      ...(values.group ? { value: values.group } : {}),
      choices: groups.slice(0, 100).map((group) => ({
        title: cut(`${group.key} (max ${formatDuration(group.maxDurationSeconds)})`, 100),
        value: group.key,
      })),
    },
    {
      type: 'Input.ChoiceSet',
      id: 'duration',
      label: 'For how long',
      isRequired: true,
      value: values.duration ?? '3600',
      choices: DURATION_CHOICES.map((seconds) => ({
        title: formatDuration(seconds),
        value: String(seconds),
      })),
    },
    {
      type: 'Input.Text',
      id: 'reason',
      label: 'Reason',
      placeholder: 'Required for most groups: say what you need the access for',
      isMultiline: true,
      maxLength: 1000,
      ...(values.reason ? { value: values.reason } : {}),
    },
    {
      type: 'Input.Text',
      id: 'ticket',
      label: 'Ticket link (optional)',
      style: 'Url',
      ...(values.ticket ? { value: values.ticket } : {}),
    },
  );
  const submit = executeAction(
    'Request',
    TEAMS_VERBS.requestForm,
    { action: TEAMS_VERBS.requestForm },
    'primary',
  );
  return adaptiveCard(body, [submit]);
}
