import { z } from 'zod';
import { parseDuration } from '../duration.js';

/** The pieces of the policy file that name people, channels and durations (groups and actions alike). */
export const duration = z.string().transform((text, ctx) => {
  const seconds = parseDuration(text);
  if (seconds === undefined) {
    ctx.addIssue({ code: 'custom', message: `"${text}" is not a duration (use forms like 30m, 2h, 1d)` });
    return z.NEVER;
  }
  return seconds;
});

export const slackUserId = z
  .string()
  .regex(/^[UW][A-Z0-9]{2,}$/, 'must be a Slack user id such as U0123ABCD');
export const slackChannelId = z
  .string()
  .regex(/^[CGD][A-Z0-9]{2,}$/, 'must be a Slack channel id such as C0123ABCD');
export const teamsUser = z
  .email('must be the e-mail address of a Teams user')
  .transform((email) => email.toLowerCase());
export const teamsChannelId = z
  .string()
  .regex(/^19:\S+$/, 'must be a Teams conversation id such as 19:…@thread.tacv2');

/** People of the sandbox console (`npm run sandbox`), e.g. `requester`. */
export const sandboxUserId = z
  .string()
  .regex(/^[a-z][a-z0-9-]*$/, 'must be a sandbox user id such as requester');
export const sandboxChannelId = z
  .string()
  .regex(/^[a-z][a-z0-9-]*$/, 'must be a sandbox channel such as access-approvals');

/** A person by e-mail (their Databricks account user): the same entry on Slack and Teams. */
export const personEmail = z
  .email('must be the e-mail address of a person (their Databricks account user)')
  .transform((email) => email.toLowerCase());

export const people = {
  /** People named once for every platform, by e-mail. */
  people: z.array(personEmail).default([]),
  slack_users: z.array(slackUserId).default([]),
  teams_users: z.array(teamsUser).default([]),
  sandbox_users: z.array(sandboxUserId).default([]),
};
export const NOBODY = { people: [], slack_users: [], teams_users: [], sandbox_users: [] };

export const slackUserGroupId = z
  .string()
  .regex(/^S[A-Z0-9]{2,}$/, 'must be a Slack user group id such as S0123ABCD');

/**
 * Approvers named by group, resolved when a request is filed: members of Databricks account
 * groups (SCIM, by display name) and of Slack user groups (usergroups.users.list).
 */
export const approverGroups = {
  databricks_groups: z.array(z.string().min(1)).default([]),
  slack_usergroups: z.array(slackUserGroupId).default([]),
};
export const NO_APPROVERS = { ...NOBODY, databricks_groups: [], slack_usergroups: [] };
