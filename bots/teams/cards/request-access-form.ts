import { formatDuration } from '../../../src/access/duration.js';
import { findGroupPolicy, type GroupPolicy } from '../../../src/access/policy/access-policy.js';
import { TEAMS_VERBS } from '../render/card-refresh.js';
import {
  adaptiveCard,
  cut,
  executeAction,
  textBlock,
  type AdaptiveCard,
  type CardElement,
} from '../render/render-card.js';
import { durationChoicesFor } from './request-form-durations.js';

/** The typeahead datasets of the form (`Data.Query`), answered by the `application/search` invoke. */
export const REQUEST_FORM_DATASETS = {
  groups: 'access.groups',
  durations: 'access.durations',
} as const;

/** What the person typed into the form, as the card hands it back (every input is a string). */
export interface RequestFormValues {
  group?: string;
  duration?: string;
  reason?: string;
  ticket?: string;
}

/** Why the form came back: the message, and the input it is about (shown under that input). */
export interface FormProblem {
  text: string;
  field?: string;
}

/** Groups listed in the card itself, for clients without typeahead; the rest are found by typing. */
const LISTED_GROUPS = 100;

const fieldError = (text: string) => textBlock(text, { color: 'Attention', size: 'Small', spacing: 'None' });

/**
 * The request form: group (typeahead over the policy), duration (only what the chosen group
 * allows), reason, optional ticket link. Shown again with the problem under the input at fault
 * and everything the person typed kept, when the request cannot be filed.
 */
export function requestAccessForm(
  groups: GroupPolicy[],
  values: RequestFormValues = {},
  problem?: FormProblem | string,
): AdaptiveCard {
  const issue = typeof problem === 'string' ? { text: problem } : problem;
  const group = values.group ? findGroupPolicy({ groups }, values.group) : undefined;
  const under = (field: string) => (issue?.field === field ? [fieldError(issue.text)] : []);
  const body: CardElement[] = [
    textBlock('Request access to a Databricks group', { weight: 'Bolder', size: 'Medium' }),
  ];
  const known = new Set(['group', 'duration', 'reason', 'ticket']);
  if (issue && !(issue.field && known.has(issue.field))) {
    body.push(textBlock(issue.text, { color: 'Attention', weight: 'Bolder' }));
  }
  body.push(
    {
      type: 'Input.ChoiceSet',
      id: 'group',
      label: 'Databricks group',
      isRequired: true,
      errorMessage: 'Pick a group',
      placeholder: 'Type to search the requestable groups',
      style: 'filtered',
      ...(values.group ? { value: values.group } : {}),
      choices: groups.slice(0, LISTED_GROUPS).map(groupChoice),
      'choices.data': { type: 'Data.Query', dataset: REQUEST_FORM_DATASETS.groups },
      // A new group may allow other durations: clear the duration so it is picked again.
      valueChangedAction: { type: 'Action.ResetInputs', targetInputIds: ['duration'] },
    },
    ...under('group'),
    durationInput(group, values.duration),
    ...under('duration'),
    {
      type: 'Input.Text',
      id: 'reason',
      label: 'Reason',
      placeholder: 'Required for most groups: say what you need the access for',
      isMultiline: true,
      maxLength: 1000,
      ...(values.reason ? { value: values.reason } : {}),
    },
    ...under('reason'),
    {
      type: 'Input.Text',
      id: 'ticket',
      label: 'Ticket link (optional)',
      style: 'Url',
      ...(values.ticket ? { value: values.ticket } : {}),
    },
    ...under('ticket'),
  );
  const submit = executeAction(
    'Request',
    TEAMS_VERBS.requestForm,
    { action: TEAMS_VERBS.requestForm },
    'primary',
  );
  return adaptiveCard(body, [submit]);
}

/** A group as a choice: its name and the longest grant it allows. */
export function groupChoice(group: GroupPolicy) {
  return {
    title: cut(`${group.key} (max ${formatDuration(group.maxDurationSeconds)})`, 100),
    value: group.key,
  };
}

/**
 * The duration picker: with a known group, only the durations it allows (the chosen one kept if
 * valid, else the group's default); without, every usual duration, narrowed by typeahead once a
 * group is picked (the group goes along with the query).
 */
function durationInput(group: GroupPolicy | undefined, chosen: string | undefined): CardElement {
  const offered = durationChoicesFor(group);
  const valid = chosen !== undefined && offered.includes(Number(chosen));
  const value = valid ? chosen : group ? String(group.defaultDurationSeconds) : chosen || '3600';
  return {
    type: 'Input.ChoiceSet',
    id: 'duration',
    label: group ? `For how long (at most ${formatDuration(group.maxDurationSeconds)})` : 'For how long',
    isRequired: true,
    errorMessage: 'Pick how long you need the access',
    style: 'filtered',
    value,
    choices: offered.map((seconds) => ({ title: formatDuration(seconds), value: String(seconds) })),
    'choices.data': {
      type: 'Data.Query',
      dataset: REQUEST_FORM_DATASETS.durations,
      associatedInputs: 'auto',
    },
  };
}
