import { CONNECTOR_FIELDS, type NewConnectorInput } from '../../../src/connectors/connector-input.js';
import {
  adaptiveCard,
  executeAction,
  textBlock,
  type AdaptiveCard,
  type CardElement,
} from '../render/render-card.js';

export const CONNECT_FORM_VERB = 'connectors.connect_form';

/** What was typed into the form, without the secret (never sent back into a card). */
export type ConnectFormValues = Partial<Omit<NewConnectorInput, 'clientSecret'>>;

const field = (
  id: string,
  label: string,
  value: string | undefined,
  extra: CardElement = {},
): CardElement => ({
  type: 'Input.Text',
  id,
  label,
  ...(value ? { value } : {}),
  ...extra,
});

/**
 * The account connector form (admins). Shown again with `problem` and everything typed except
 * the secret when the connector cannot be saved.
 */
export function connectForm(values: ConnectFormValues = {}, problem?: string): AdaptiveCard {
  const body: CardElement[] = [
    textBlock('Connect a Databricks account', { weight: 'Bolder', size: 'Medium' }),
  ];
  if (problem) body.push(textBlock(problem, { color: 'Attention', weight: 'Bolder' }));
  body.push(
    textBlock(
      'A service principal with an OAuth secret and SELECT on the system tables. Every check is reported; nothing is saved unless the required ones pass.',
      { isSubtle: true, size: 'Small' },
    ),
    field(CONNECTOR_FIELDS.name, 'Connector name', values.name, {
      isRequired: true,
      placeholder: 'prod',
      maxLength: 63,
    }),
    field(CONNECTOR_FIELDS.workspaceUrl, 'Workspace URL', values.workspaceUrl, {
      isRequired: true,
      style: 'Url',
      placeholder: 'https://adb-1234567890123456.7.azuredatabricks.net',
    }),
    field(CONNECTOR_FIELDS.accountId, 'Databricks account id', values.accountId, {
      isRequired: true,
      maxLength: 36,
    }),
    field(CONNECTOR_FIELDS.clientId, 'OAuth client id', values.clientId, {
      isRequired: true,
      maxLength: 200,
    }),
    field(CONNECTOR_FIELDS.clientSecret, 'OAuth secret', undefined, {
      isRequired: true,
      style: 'Password',
      maxLength: 1000,
      placeholder: 'Stored encrypted; never shown again',
    }),
    field(CONNECTOR_FIELDS.warehouse, 'SQL warehouse (optional)', values.warehouse, {
      placeholder: 'Name or id; default: a running one',
    }),
  );
  const submit = executeAction(
    'Validate and save',
    CONNECT_FORM_VERB,
    { action: CONNECT_FORM_VERB },
    'primary',
  );
  return adaptiveCard(body, [submit]);
}
