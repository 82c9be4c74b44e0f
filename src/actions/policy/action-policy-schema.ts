import { z } from 'zod';
import { ACTION_KIND_NAMES } from '../action-kind.js';
import {
  duration,
  NOBODY,
  people,
  sandboxChannelId,
  sandboxUserId,
  slackChannelId,
  slackUserId,
  teamsChannelId,
  teamsUser,
} from '../../access/policy/people-schema.js';

const autoApproveRule = z
  .object({
    /** Terminating a cluster whose last activity is longer ago than this. */
    idle_for_more_than: duration.optional(),
    /** Only in these workspaces (their names, e.g. the dev workspaces). */
    workspaces: z.array(z.string().min(1)).optional(),
    requester_slack_users: z.array(slackUserId).optional(),
    requester_teams_users: z.array(teamsUser).optional(),
    requester_sandbox_users: z.array(sandboxUserId).optional(),
  })
  .strict()
  .refine((rule) => Object.values(rule).some((value) => value !== undefined), {
    message: 'an auto_approve rule needs at least one condition',
  });

const actionPolicy = z
  .object({
    description: z.string().optional(),
    requesters: z.union([z.literal('everyone'), z.object(people).strict()]).default('everyone'),
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
    approval_timeout: duration.default(24 * 3600),
    auto_approve: z.array(autoApproveRule).default([]),
  })
  .strict();

/**
 * The policy file's `actions:` section: one entry per action that may be requested at all (an
 * action not listed is refused), saying who may request it, who approves, how many approvals,
 * and when it is approved without waiting. An undo follows the rules of the action it undoes.
 */
export const actionsPolicySchema = z.partialRecord(z.enum(ACTION_KIND_NAMES), actionPolicy).default({});

export type ActionsPolicyFile = z.output<typeof actionsPolicySchema>;

const countPeople = (list: { slack_users: string[]; teams_users: string[]; sandbox_users: string[] }) =>
  list.slack_users.length + list.teams_users.length + list.sandbox_users.length;

/** Every action needs approvers (its own or the integration owners), unless only auto-approved. */
export function checkActionApprovers(
  file: { actions: ActionsPolicyFile; integration_owners: Parameters<typeof countPeople>[0] },
  ctx: z.RefinementCtx,
): void {
  for (const [key, action] of Object.entries(file.actions)) {
    if (!action) continue;
    const own = countPeople(action.approvers);
    const approvers = own > 0 ? own : countPeople(file.integration_owners);
    if (approvers === 0 && action.auto_approve.length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['actions', key, 'approvers'],
        message: 'no approvers: list approvers (slack_users, teams_users) or integration_owners',
      });
    } else if (approvers > 0 && action.min_approvals > approvers) {
      ctx.addIssue({
        code: 'custom',
        path: ['actions', key, 'min_approvals'],
        message: `needs ${action.min_approvals} approvals but only ${approvers} approver(s) are listed`,
      });
    }
  }
}
