import type { types } from '@slack/bolt';
import { CONNECTOR_FIELDS } from '../../../src/connectors/connector-input.js';

export const CONNECT_MODAL = 'connectors.connect_modal';

const input = (
  blockId: string,
  label: string,
  element: Record<string, unknown>,
  extra: { hint?: string; optional?: boolean } = {},
): types.InputBlock =>
  ({
    type: 'input',
    block_id: blockId,
    label: { type: 'plain_text', text: label },
    ...(extra.optional ? { optional: true } : {}),
    ...(extra.hint ? { hint: { type: 'plain_text', text: extra.hint } } : {}),
    element: { action_id: blockId, ...element },
  }) as types.InputBlock;

const text = (placeholder: string, maxLength = 200) => ({
  type: 'plain_text_input',
  max_length: maxLength,
  placeholder: { type: 'plain_text', text: placeholder },
});

/**
 * The account connector form. Block ids are the connector fields, so a refusal naming a field
 * lands under it. The secret field is never filled in by the bot.
 */
export function connectModal(): types.ModalView {
  return {
    type: 'modal',
    callback_id: CONNECT_MODAL,
    title: { type: 'plain_text', text: 'Connect Databricks' },
    submit: { type: 'plain_text', text: 'Validate and save' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      {
        type: 'context',
        elements: [
          {
            type: 'mrkdwn',
            text:
              'A service principal with an OAuth secret and SELECT on the system tables. ' +
              'Every check is reported to you; nothing is saved unless the required ones pass.',
          },
        ],
      },
      input(CONNECTOR_FIELDS.name, 'Connector name', text('prod', 63), {
        hint: 'Letters, digits, - and _; used in commands.',
      }),
      input(CONNECTOR_FIELDS.workspaceUrl, 'Workspace URL', {
        type: 'url_text_input',
        placeholder: { type: 'plain_text', text: 'https://adb-1234567890123456.7.azuredatabricks.net' },
      }),
      input(
        CONNECTOR_FIELDS.accountId,
        'Databricks account id',
        text('xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx', 36),
      ),
      input(CONNECTOR_FIELDS.clientId, 'OAuth client id', text("The service principal's application id")),
      input(CONNECTOR_FIELDS.clientSecret, 'OAuth secret', text('Stored encrypted; never shown again', 1000)),
      input(CONNECTOR_FIELDS.warehouse, 'SQL warehouse', text('Name or id; default: a running one'), {
        optional: true,
      }),
    ],
  };
}
