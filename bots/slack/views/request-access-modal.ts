import type { types } from '@slack/bolt';
import { formatDuration } from '../../../src/access/duration.js';

export const REQUEST_ACCESS_MODAL = 'access.request_modal';
export const GROUP_SELECT = 'group';

/** Choices offered in the form; the group's own maximum is checked when the form is sent. */
export const DURATION_CHOICES = [1800, 3600, 7200, 14400, 28800, 43200, 86400, 259200, 604800];

const option = (seconds: number) => ({
  text: { type: 'plain_text' as const, text: formatDuration(seconds) },
  value: String(seconds),
});

/** The request form: group (searched as you type), duration, reason, optional ticket link. */
export function requestAccessModal(): types.ModalView {
  return {
    type: 'modal',
    callback_id: REQUEST_ACCESS_MODAL,
    title: { type: 'plain_text', text: 'Request access' },
    submit: { type: 'plain_text', text: 'Request' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      {
        type: 'input',
        block_id: 'group',
        label: { type: 'plain_text', text: 'Databricks group' },
        element: {
          type: 'external_select',
          action_id: GROUP_SELECT,
          min_query_length: 0,
          placeholder: { type: 'plain_text', text: 'Search requestable groups' },
        },
      },
      {
        type: 'input',
        block_id: 'duration',
        label: { type: 'plain_text', text: 'For how long' },
        element: {
          type: 'static_select',
          action_id: 'duration',
          initial_option: option(3600),
          options: DURATION_CHOICES.map(option),
        },
      },
      {
        type: 'input',
        block_id: 'reason',
        optional: true,
        label: { type: 'plain_text', text: 'Reason' },
        hint: { type: 'plain_text', text: 'Required for most groups: say what you need the access for.' },
        element: { type: 'plain_text_input', action_id: 'reason', multiline: true, max_length: 1000 },
      },
      {
        type: 'input',
        block_id: 'ticket',
        optional: true,
        label: { type: 'plain_text', text: 'Ticket link' },
        element: { type: 'url_text_input', action_id: 'ticket' },
      },
    ],
  };
}

export const DENY_MODAL = 'access.deny_modal';

/** Asks an approver for an optional reason before denying. */
export function denyModal(requestId: string, groupKey: string): types.ModalView {
  return {
    type: 'modal',
    callback_id: DENY_MODAL,
    private_metadata: requestId,
    title: { type: 'plain_text', text: 'Deny request' },
    submit: { type: 'plain_text', text: 'Deny' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      {
        type: 'input',
        block_id: 'reason',
        optional: true,
        label: { type: 'plain_text', text: `Why deny access to ${groupKey.slice(0, 100)}?` },
        element: { type: 'plain_text_input', action_id: 'reason', multiline: true, max_length: 1000 },
      },
    ],
  };
}
