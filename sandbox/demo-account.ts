import type { SandboxUser } from '../bots/sandbox/sandbox-inbox.js';

/** The demo people of the sandbox console and their Databricks account users. */
export const DEMO_USERS: readonly SandboxUser[] = [
  { id: 'requester', name: 'Riley Requester', email: 'riley@demo.example', role: 'requester' },
  { id: 'approver', name: 'Avery Approver', email: 'avery@demo.example', role: 'approver' },
  { id: 'admin', name: 'Ada Admin', email: 'ada@demo.example', role: 'admin' },
];

export const DEMO_CHANNELS = ['access-approvals', 'finops', 'security'] as const;

export const DEMO_ACCOUNT_ID = '00000000-0000-4000-8000-00000000de00';

/** Account groups in the demo account (Databricks-managed, so the bot may change their members). */
export const DEMO_GROUPS = [
  'data-analysts',
  'prod-workspace-admins',
  'platform-engineers',
  'finance-readers',
  'ml-engineers',
] as const;

/**
 * Account users who are not chat people: standing members of the demo groups, granted outside
 * the bot long ago, for `groups`, `group` and access reviews to show.
 */
export const DEMO_STANDING_MEMBERS: readonly {
  userName: string;
  displayName: string;
  groups: readonly (typeof DEMO_GROUPS)[number][];
}[] = [
  { userName: 'sam@demo.example', displayName: 'Sam Standing', groups: ['data-analysts', 'finance-readers'] },
  {
    userName: 'lee@demo.example',
    displayName: 'Lee Longtime',
    groups: ['data-analysts', 'prod-workspace-admins', 'ml-engineers'],
  },
  { userName: 'jo@demo.example', displayName: 'Jo Contractor', groups: ['data-analysts', 'ml-engineers'] },
];

/** The demo policy file: approvers are sandbox users, approval cards also go to #access-approvals. */
export const DEMO_POLICY = `# Written by npm run sandbox: the demo account's requestable groups.
integration_owners:
  sandbox_users: [admin]

groups:
  analysts:
    databricks_group: data-analysts
    description: Read access to the analytics schemas
    approvers:
      sandbox_users: [approver]
      sandbox_channel: access-approvals
    min_approvals: 1
    max_duration: 8h
    default_duration: 2h
    require_reason: true
    approval_timeout: 24h

  prod-admins:
    databricks_group: prod-workspace-admins
    description: Admin of the production workspace
    approvers:
      sandbox_users: [approver, admin]
      sandbox_channel: access-approvals
    min_approvals: 2
    max_duration: 4h
    default_duration: 1h
    require_reason: true
    approval_timeout: 2h

# Remediation actions on the demo workspace (its connector has write access turned on).
actions:
  terminate-cluster:
    description: Terminate an idle all-purpose cluster (Undo starts it again)
    approvers:
      sandbox_users: [approver, admin]
      sandbox_channel: access-approvals
    min_approvals: 1
  stop-warehouse:
    approvers:
      sandbox_users: [approver, admin]
  pause-job-schedule:
    approvers:
      sandbox_users: [approver, admin]
  cancel-run:
    approvers:
      sandbox_users: [approver, admin]
  add-guardrails:
    approvers:
      sandbox_users: [approver, admin]
`;
