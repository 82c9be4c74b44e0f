import { z } from 'zod';
import {
  approverGroups,
  duration,
  NO_APPROVERS,
  people,
  personEmail,
  sandboxChannelId,
  slackChannelId,
  slackUserId,
  teamsChannelId,
  teamsUser,
} from './people-schema.js';
import { actionsPolicySchema, checkActionApprovers } from '../../actions/policy/action-policy-schema.js';

const requesters = z
  .object({ ...people, databricks_groups: z.array(z.string().min(1)).default([]) })
  .strict();

const autoApproveRule = z
  .object({
    max_duration: duration.optional(),
    requester_people: z.array(personEmail).optional(),
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
        ...approverGroups,
        slack_channel: slackChannelId.optional(),
        teams_channel: teamsChannelId.optional(),
        sandbox_channel: sandboxChannelId.optional(),
      })
      .strict()
      .default(NO_APPROVERS),
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

interface ApproverList {
  people: string[];
  slack_users: string[];
  teams_users: string[];
  sandbox_users: string[];
  databricks_groups: string[];
  slack_usergroups: string[];
}
const countPeople = (list: ApproverList) =>
  list.people.length + list.slack_users.length + list.teams_users.length + list.sandbox_users.length;
/** Groups' sizes are known only when a request is filed. */
const namesGroups = (list: ApproverList) => list.databricks_groups.length + list.slack_usergroups.length > 0;
const namesAnyone = (list: ApproverList) => countPeople(list) > 0 || namesGroups(list);
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

export const policyFileSchema = z
  .object({
    integration_owners: z
      .object({ ...people, ...approverGroups })
      .strict()
      .default(NO_APPROVERS),
    /** Show the requester's e-mail in approval and audit channels (it is always shown in DMs). */
    show_requester_email_in_channels: z.boolean().default(false),
    groups: z
      .record(
        z
          .string()
          .regex(/^[a-z0-9][a-z0-9_.-]*$/, 'group names are lower-case letters, digits, ".", "_", "-"'),
        groupPolicy,
      )
      .default({}),
    /** Who may request and approve remediation actions (src/actions). */
    actions: actionsPolicySchema,
    reviews: reviewSchedule.optional(),
  })
  .strict()
  .superRefine((file, ctx) => {
    checkActionApprovers(file, ctx);
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
      const list = namesAnyone(group.approvers) ? group.approvers : file.integration_owners;
      const approvers = countPeople(list);
      if (!namesAnyone(list) && group.auto_approve.length === 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['groups', key, 'approvers'],
          message:
            'no approvers: list approvers (people, slack_users, teams_users, databricks_groups, slack_usergroups) or integration_owners',
        });
      } else if (approvers > 0 && !namesGroups(list) && group.min_approvals > approvers) {
        ctx.addIssue({
          code: 'custom',
          path: ['groups', key, 'min_approvals'],
          message: `needs ${group.min_approvals} approvals but only ${approvers === 1 ? '1 approver is' : `${approvers} approvers are`} listed`,
        });
      }
    }
  });

export type PolicyFile = z.output<typeof policyFileSchema>;
