import { formatChatUser, type ChatUser } from '../../ports/chat-user.js';
import type { GroupPolicy } from './access-policy.js';

/** What the policy needs to know about the person asking. */
export interface RequesterFacts {
  user: ChatUser;
  /** Their e-mail (the Databricks account user), for policies that name people by e-mail. */
  email?: string;
  /** Display names of the Databricks groups the requester belongs to (among those the policy names). */
  databricksGroups: string[];
}

/** Same person and platform (Teams e-mails compare case-insensitively). */
export function sameUser(a: ChatUser, b: ChatUser): boolean {
  return formatChatUser(a).toLowerCase() === formatChatUser(b).toLowerCase();
}

const inList = (user: ChatUser, users: ChatUser[] | undefined) =>
  (users ?? []).some((listed) => sameUser(listed, user));

const inGroups = (facts: RequesterFacts, groups: string[] | undefined) =>
  (groups ?? []).some((group) => facts.databricksGroups.some((g) => g.toLowerCase() === group.toLowerCase()));

const byEmail = (facts: RequesterFacts, emails: string[] | undefined) =>
  facts.email !== undefined && (emails ?? []).includes(facts.email.toLowerCase());

export function mayRequest(group: GroupPolicy, facts: RequesterFacts): boolean {
  if (group.requesters === 'everyone') return true;
  return (
    inList(facts.user, group.requesters.users) ||
    byEmail(facts, group.requesters.emails) ||
    inGroups(facts, group.requesters.databricksGroups)
  );
}

/** True when any auto-approve rule matches (all conditions of a rule must hold). */
export function isAutoApproved(group: GroupPolicy, facts: RequesterFacts, durationSeconds: number): boolean {
  return group.autoApprove.some(
    (rule) =>
      (rule.maxDurationSeconds === undefined || durationSeconds <= rule.maxDurationSeconds) &&
      (rule.requesterUsers === undefined ||
        inList(facts.user, rule.requesterUsers) ||
        byEmail(facts, rule.requesterEmails)) &&
      (rule.requesterEmails === undefined ||
        byEmail(facts, rule.requesterEmails) ||
        inList(facts.user, rule.requesterUsers)) &&
      (rule.requesterDatabricksGroups === undefined || inGroups(facts, rule.requesterDatabricksGroups)),
  );
}

export function mayApprove(group: { approvers: ChatUser[] }, approver: ChatUser): boolean {
  return inList(approver, group.approvers);
}

/** The Databricks groups a policy decision may depend on, so only those are looked up. */
export function databricksGroupsNamedBy(group: GroupPolicy): string[] {
  const named = new Set<string>();
  if (group.requesters !== 'everyone') group.requesters.databricksGroups.forEach((g) => named.add(g));
  group.autoApprove.forEach((rule) => rule.requesterDatabricksGroups?.forEach((g) => named.add(g)));
  return [...named];
}
