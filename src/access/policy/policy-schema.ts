import { z } from 'zod';
import { parseDuration } from '../duration.js';

const duration = z.string().transform((text, ctx) => {
  const seconds = parseDuration(text);
  if (seconds === undefined) {
    ctx.addIssue({ code: 'custom', message: `"${text}" is not a duration (use forms like 30m, 2h, 1d)` });
    return z.NEVER;
  }
  return seconds;
});

const slackUserId = z.string().regex(/^[UW][A-Z0-9]{2,}$/, 'must be a Slack user id such as U0123ABCD');
const slackChannelId = z
  .string()
  .regex(/^[CGD][A-Z0-9]{2,}$/, 'must be a Slack channel id such as C0123ABCD');
const teamsUser = z
  .email('must be the e-mail address of a Teams user')
  .transform((email) => email.toLowerCase());
const teamsChannelId = z
  .string()
  .regex(/^19:\S+$/, 'must be a Teams conversation id such as 19:…@thread.tacv2');

/** People of the sandbox console (`npm run sandbox`), e.g. `requester`. */
const sandboxUserId = z.string().regex(/^[a-z][a-z0-9-]*$/, 'must be a sandbox user id such as requester');
const sandboxChannelId = z
  .string()
  .regex(/^[a-z][a-z0-9-]*$/, 'must be a sandbox channel such as access-approvals');

const people = {
  slack_users: z.array(slackUserId).default([]),
  teams_users: z.array(teamsUser).default([]),
  sandbox_users: z.array(sandboxUserId).default([]),
};
const NOBODY = { slack_users: [], teams_users: [], sandbox_users: [] };

const requesters = z
  .object({ ...people, databricks_groups: z.array(z.string().min(1)).default([]) })
  .strict();

const autoApproveRule = z
  .object({
    max_duration: duration.optional(),
    requester_slack_users: z.array(slackUserId).optional(),
    requester_teams_users: z.array(teamsUser).optional(),
    requester_databricks_groups: z.array(z.string().min(1)).optional(),
  })
  .strict()
  .refine((rule) => Object.values(rule).some((value) => value !== undefined), {
    message: 'an auto_approve rule needs at least one condition',
  });

const groupPolicy = z
  .object({
    databricks_group: z.string().min(1),
    description: z.string().optional(),
    requesters: z.union([z.literal('everyone'), requesters]).default('everyone'),
    approvers: z
      .object({
        ...people,
        slack_channel: slackChannelId.optional(),
        teams_channel: teamsChannelId.optional(),
        sandbox_channel: sandboxChannelId.optional(),
      })
      .strict()
      .default(NOBODY),
    min_approvals: z.number().int().min(1).max(10).default(1),
    max_duration: duration,
    /** The shortest grant anyone may ask for (default 1m). */
    min_duration: duration.default(60),
    default_duration: duration.optional(),
    require_reason: z.boolean().default(true),
    approval_timeout: duration.default(24 * 3600),
    auto_approve: z.array(autoApproveRule).default([]),
    /** Who reviews the group's standing members besides its approvers: a Databricks group's members. */
    owners: z
      .object({ databricks_group: z.string().min(1) })
      .strict()
      .optional(),
  })
  .strict()
  .superRefine((group, ctx) => {
    if (group.min_duration > group.max_duration) {
      ctx.addIssue({ code: 'custom', path: ['min_duration'], message: 'is longer than max_duration' });
    }
    if (group.default_duration !== undefined && group.default_duration > group.max_duration) {
      ctx.addIssue({ code: 'custom', path: ['default_duration'], message: 'is longer than max_duration' });
    }
  });

/** Access reviews on a schedule: a campaign starts at the beginning of each period. */
const reviewSchedule = z
  .object({
    every: z.enum(['monthly', 'quarterly', 'yearly']),
    due: duration.default(14 * 24 * 3600),
    remind_before: duration.default(3 * 24 * 3600),
    groups: z
      .union([z.literal('all-requestable'), z.array(z.string().min(1)).min(1)])
      .default('all-requestable'),
  })
  .strict();

const countPeople = (list: { slack_users: string[]; teams_users: string[]; sandbox_users: string[] }) =>
  list.slack_users.length + list.teams_users.length + list.sandbox_users.length;

export const policyFileSchema = z
  .object({
    integration_owners: z.object(people).strict().default(NOBODY),
    groups: z
      .record(
        z
          .string()
          .regex(/^[a-z0-9][a-z0-9_.-]*$/, 'group names are lower-case letters, digits, ".", "_", "-"'),
        groupPolicy,
      )
      .default({}),
    reviews: reviewSchedule.optional(),
  })
  .strict()
  .superRefine((file, ctx) => {
    if (file.reviews && file.reviews.groups !== 'all-requestable') {
      file.reviews.groups.forEach((key, index) => {
        if (!(key in file.groups)) {
          ctx.addIssue({
            code: 'custom',
            path: ['reviews', 'groups', index],
            message: `"${key}" is not a group of this policy`,
          });
        }
      });
    }
    for (const [key, group] of Object.entries(file.groups)) {
      const own = countPeople(group.approvers);
      const approvers = own > 0 ? own : countPeople(file.integration_owners);
      if (approvers === 0 && group.auto_approve.length === 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['groups', key, 'approvers'],
          message: 'no approvers: list approvers (slack_users, teams_users) or integration_owners',
        });
      } else if (approvers > 0 && group.min_approvals > approvers) {
        ctx.addIssue({
          code: 'custom',
          path: ['groups', key, 'min_approvals'],
          message: `needs ${group.min_approvals} approvals but only ${approvers} approver(s) are listed`,
        });
      }
    }
  });

export type PolicyFile = z.output<typeof policyFileSchema>;
