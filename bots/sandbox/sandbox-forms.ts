import type { AccessPolicy } from '../../src/access/policy/access-policy.js';
import { formatDuration } from '../../src/access/duration.js';

/** A modal form, described neutrally for the console page. */
export interface SandboxForm {
  id: string;
  title: string;
  submitLabel: string;
  /** Handed back on submit (e.g. the request id being denied). */
  context: string;
  fields: {
    name: string;
    label: string;
    optional?: boolean;
    options?: { value: string; label: string }[];
  }[];
}

export const REQUEST_ACCESS_FORM = 'access.request-form';
export const DENY_FORM = 'access.deny-form';

export function requestAccessForm(policy: AccessPolicy): SandboxForm {
  return {
    id: REQUEST_ACCESS_FORM,
    title: 'Request Databricks access',
    submitLabel: 'Request',
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
    context: requestId,
    fields: [{ name: 'reason', label: 'Reason (optional)', optional: true }],
  };
}
