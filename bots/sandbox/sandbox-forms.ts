import type { AccessPolicy } from '../../src/access/policy/access-policy.js';
import { formatDuration } from '../../src/access/duration.js';
import { CONNECTOR_FIELDS } from '../../src/connectors/connector-input.js';

/** A modal form, described neutrally for the console page. */
export interface SandboxForm {
  id: string;
  title: string;
  submitLabel: string;
  /** The submit button's colour: green for going ahead, red for refusing or removing. */
  submitStyle: 'primary' | 'danger';
  /** Handed back on submit (e.g. the request id being denied). */
  context: string;
  fields: {
    name: string;
    label: string;
    optional?: boolean;
    /** Typed into a password field and never sent back to the page. */
    secret?: boolean;
    options?: { value: string; label: string }[];
  }[];
  /** What was typed, when the form is shown again after a refusal (secrets left out). */
  values?: Record<string, string>;
}

export const REQUEST_ACCESS_FORM = 'access.request-form';
export const DENY_FORM = 'access.deny-form';
export const CONNECT_FORM = 'connectors.connect-form';

export function requestAccessForm(policy: AccessPolicy): SandboxForm {
  return {
    id: REQUEST_ACCESS_FORM,
    title: 'Request Databricks access',
    submitLabel: 'Request',
    submitStyle: 'primary',
    context: '',
    fields: [
      {
        name: 'group',
        label: 'Group',
        options: policy.groups.map((g) => ({
          value: g.key,
          label: `${g.key} (up to ${formatDuration(g.maxDurationSeconds)})`,
        })),
      },
      { name: 'duration', label: 'Duration (e.g. 30m, 2h)', optional: true },
      { name: 'reason', label: 'Reason' },
      { name: 'ticket', label: 'Ticket URL', optional: true },
    ],
  };
}

export function denyForm(requestId: string, groupKey: string): SandboxForm {
  return {
    id: DENY_FORM,
    title: `Deny access to ${groupKey}`,
    submitLabel: 'Deny',
    submitStyle: 'danger',
    context: requestId,
    fields: [{ name: 'reason', label: 'Reason (optional)', optional: true }],
  };
}

/** The account connector form (as Slack's modal and Teams' card): every check is reported. */
export function connectForm(): SandboxForm {
  return {
    id: CONNECT_FORM,
    title: 'Connect Databricks',
    submitLabel: 'Validate and save',
    submitStyle: 'primary',
    context: '',
    fields: [
      { name: CONNECTOR_FIELDS.name, label: 'Connector name (letters, digits, - and _)' },
      { name: CONNECTOR_FIELDS.workspaceUrl, label: 'Workspace URL' },
      { name: CONNECTOR_FIELDS.accountId, label: 'Databricks account id' },
      { name: CONNECTOR_FIELDS.clientId, label: 'OAuth client id' },
      { name: CONNECTOR_FIELDS.clientSecret, label: 'OAuth secret', secret: true },
      { name: CONNECTOR_FIELDS.warehouse, label: 'SQL warehouse (default: a running one)', optional: true },
    ],
  };
}
