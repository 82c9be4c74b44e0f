import { randomUUID } from 'node:crypto';
import { addSeconds } from 'date-fns';
import type { Transaction } from 'kysely';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import type { Database } from '../db/database.js';
import type { AccessRequestRow } from '../db/tables/access-requests.js';
import { AccessDenied, Conflict, InvalidInput, NotFound, PolicyViolation } from '../errors/domain-errors.js';
import { formatChatUser, type ChatUser } from '../ports/chat-user.js';
import type { AccessDeps } from './access-deps.js';
import { announceFiledRequest } from './announce-filed-request.js';
import { rideOutDatabaseOutage } from '../db/database-outage.js';
import { findRequest } from './access-request-queries.js';
import { controlCharacterIn } from '../text/typed-text.js';
import { formatDuration } from './duration.js';
import { noSuchGroupText } from './policy/closest-group.js';
import { findGroupPolicy, type AccessPolicy, type GroupPolicy } from './policy/access-policy.js';
import { databricksGroupsNamedBy, isAutoApproved, mayRequest } from './policy/policy-decisions.js';
import { convertedToJustInTime } from './jit-conversions.js';
import { snapshotOf } from './policy-snapshot.js';
import { approversOfGroup } from './policy/approvers-of-group.js';
import { requestReference } from './request-reference.js';

export interface AccessRequestInput {
  requester: ChatUser;
  group: string;
  /** Seconds; the group's default when absent. */
  durationSeconds?: number;
  reason?: string;
  ticketUrl?: string;
  /** Set when this request extends an active grant. */
  extendsRequestId?: string;
  /**
   * The chat submission this comes from (e.g. `slack:<trigger id>`): the same submission files
   * one request however often it is retried.
   */
  submissionKey?: string;
}

const MAX_REASON_LENGTH = 1_000;
const UNIQUE_VIOLATION = '23505';

/**
 * The checks that need nothing but the policy: which group, how long, why. Front ends run them
 * first to point at the form field at fault; `requestAccess` runs them again.
 */
export function validateRequestInput(policy: AccessPolicy, input: AccessRequestInput) {
  const group = findGroupPolicy(policy, input.group);
  if (!group) {
    throw new NotFound(noSuchGroupText(policy, input.group), 'group');
  }
  const durationSeconds = input.durationSeconds ?? group.defaultDurationSeconds;
  if (!Number.isSafeInteger(durationSeconds) || durationSeconds < group.minDurationSeconds) {
    throw new InvalidInput(
      `A duration for ${group.key} is at least ${formatDuration(group.minDurationSeconds)} and at most ${formatDuration(group.maxDurationSeconds)}: use forms like 30m, 2h or 1d.`,
      'duration',
    );
  }
  if (durationSeconds > group.maxDurationSeconds) {
    throw new PolicyViolation(
      `${formatDuration(durationSeconds)} is longer than ${group.key} allows (at most ${formatDuration(group.maxDurationSeconds)}).`,
      'duration',
    );
  }
  const reason = (input.reason ?? '').trim();
  if (group.requireReason && reason === '') {
    throw new PolicyViolation(`${group.key} needs a reason: say what you need the access for.`, 'reason');
  }
  if (reason.length > MAX_REASON_LENGTH) {
    throw new InvalidInput(`The reason is too long (at most ${MAX_REASON_LENGTH} characters).`, 'reason');
  }
  const control = controlCharacterIn(reason);
  if (control !== undefined) {
    throw new InvalidInput(
      `The reason contains an invisible control character (${control}); retype it without pasting.`,
      'reason',
    );
  }
  const ticketUrl = validTicketUrl(input.ticketUrl);
  return { group, durationSeconds, reason, ticketUrl };
}

/**
 * Files a request for temporary membership of a group: checks the policy, maps the person to
 * their Databricks user, stores the request, and either approves it at once (auto-approve rule)
 * or sends it to the approvers. Every refusal happens before anything is stored.
 */
export async function requestAccess(deps: AccessDeps, input: AccessRequestInput): Promise<AccessRequestRow> {
  // A Postgres restart takes seconds: wait it out instead of turning the person away. Repeating is
  // safe: the submission key finds a request an attempt filed before its commit was answered.
  return rideOutDatabaseOutage(() => fileRequest(deps, input), {
    onRetry: (error, attempt) =>
      deps.log.warn({ err: error, attempt }, 'the database is out while filing a request; retrying'),
  });
}

async function fileRequest(deps: AccessDeps, input: AccessRequestInput): Promise<AccessRequestRow> {
  const { group, durationSeconds, reason, ticketUrl } = validateRequestInput(deps.policy, input);
  const extended = input.extendsRequestId ? await extendedGrant(deps, input, group) : undefined;

  const email = await deps.directory.emailOf(input.requester);
  if (!email) {
    throw new AccessDenied(
      'I could not read your e-mail address from your chat profile, so I cannot find your Databricks user.',
    );
  }
  const user = await deps.databricks.findUserByEmail(email);
  if (!user || !user.active) {
    throw new NotFound(
      `No active Databricks account user has the e-mail ${email}. Ask a Databricks account admin to add you; nothing was requested.`,
    );
  }
  const facts = {
    user: input.requester,
    email,
    databricksGroups: await requesterGroups(deps, group, user.id),
  };
  if (!mayRequest(group, facts) && !(await convertedToJustInTime(deps.db, group.databricksGroup, user.id))) {
    throw new AccessDenied(
      `You are not allowed to request ${group.key}. The \`policies\` command lists what you can request.`,
    );
  }
  const autoApproved = isAutoApproved(group, facts, durationSeconds);
  const approvers = await approversOfGroup(deps, group);
  const others = approvers.filter((approver) => formatChatUser(approver) !== formatChatUser(input.requester));
  if (!autoApproved && others.length < group.minApprovals) {
    // Approver groups can shrink: the request is filed anyway and times out unless the policy changes.
    deps.log.warn(
      { group: group.key, approvers: others.length, minApprovals: group.minApprovals },
      'fewer approvers than approvals needed',
    );
  }
  const now = deps.clock.now();
  const requester = formatChatUser(input.requester);

  let request: AccessRequestRow;
  try {
    // An auto-approved request is stored approved, with both audit events, in one transaction:
    // no crash or pool time-out can leave it pending without a timeout job.
    request = await deps.db.transaction().execute(async (trx) => {
      const filed = input.submissionKey ? await findSubmission(trx, input.submissionKey) : undefined;
      if (filed) return filed;
      if (extended) await assertNotExtendedYet(trx, extended);
      const row = await trx
        .insertInto('access_requests')
        .values({
          id: randomUUID(),
          group_key: group.key,
          databricks_group: group.databricksGroup,
          requester,
          requester_email: email,
          databricks_user_id: user.id,
          duration_seconds: durationSeconds,
          reason,
          ticket_url: ticketUrl ?? null,
          state: autoApproved ? 'approved' : 'pending',
          min_approvals: group.minApprovals,
          policy: JSON.stringify(snapshotOf(group, autoApproved, approvers)),
          auto_approved: autoApproved,
          extends_request_id: extended?.id ?? null,
          submission_key: input.submissionKey ?? null,
          created_at: now,
          approval_deadline: addSeconds(now, group.approvalTimeoutSeconds),
          ...(autoApproved ? { decided_at: now, decided_by: AUTO_APPROVER } : {}),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await recordAuditEvent(trx, {
        actor: requester,
        action: 'access.requested',
        subjectType: 'access_request',
        subjectId: row.id,
        after: { state: 'pending', group: group.key, durationSeconds, extends: extended?.id },
        at: now,
      });
      if (autoApproved) await recordAutoApproval(trx, row.id, now);
      return row;
    });
  } catch (error) {
    if ((error as { code?: string }).code === UNIQUE_VIOLATION) {
      throw new Conflict(
        `You already have an open request for ${group.key}. The \`access\` command shows it.`,
      );
    }
    throw error;
  }
  deps.log.info({ requestId: request.id, group: group.key, autoApproved }, 'access requested');
  // Filed is filed: the person's answer is the confirmation even when telling the others fails
  // now (the sweeper tells them once it can).
  await announceFiledRequest(deps, request).catch((error: unknown) =>
    deps.log.warn(
      { err: error, requestId: request.id },
      'request filed, but approvers and channels could not be told yet; the sweeper will',
    ),
  );
  return request;
}

async function findSubmission(
  trx: Transaction<Database>,
  submissionKey: string,
): Promise<AccessRequestRow | undefined> {
  return trx
    .selectFrom('access_requests')
    .selectAll()
    .where('submission_key', '=', submissionKey)
    .executeTakeFirst();
}

const AUTO_APPROVER = 'system:auto-approve';

async function recordAutoApproval(trx: Transaction<Database>, requestId: string, at: Date): Promise<void> {
  await recordAuditEvent(trx, {
    actor: AUTO_APPROVER,
    action: 'access.approved',
    subjectType: 'access_request',
    subjectId: requestId,
    before: { state: 'pending' },
    after: { state: 'approved' },
    details: { rule: 'auto_approve' },
    at,
  });
}

/** The Databricks groups (named by the policy) that the requester is a direct member of. */
async function requesterGroups(deps: AccessDeps, group: GroupPolicy, userId: string): Promise<string[]> {
  const member: string[] = [];
  for (const name of databricksGroupsNamedBy(group)) {
    const found = await deps.databricks.findGroupByName(name);
    if (found?.memberIds.includes(userId)) member.push(name);
  }
  return member;
}

async function extendedGrant(deps: AccessDeps, input: AccessRequestInput, group: GroupPolicy) {
  const grant = await findRequest(deps.db, input.extendsRequestId!);
  if (!grant || grant.requester !== formatChatUser(input.requester) || grant.group_key !== group.key) {
    throw new NotFound('That grant is not yours to extend.');
  }
  if (grant.state !== 'active')
    throw new Conflict(`That grant is ${grant.state.replace('_', ' ')}; request access again instead.`);
  return grant;
}

/**
 * One extension per grant: the grant row is locked, so two clicks on Extend (or two processes)
 * file one extension request and the other is refused.
 */
async function assertNotExtendedYet(trx: Transaction<Database>, grant: AccessRequestRow): Promise<void> {
  await trx.selectFrom('access_requests').select('id').where('id', '=', grant.id).forUpdate().execute();
  const extension = await trx
    .selectFrom('access_requests')
    .select(['id', 'number', 'state'])
    .where('extends_request_id', '=', grant.id)
    .where('state', 'in', ['pending', 'approved', 'active'])
    .executeTakeFirst();
  if (extension) {
    throw new Conflict(
      `You already asked to extend this grant of ${grant.group_key} (${requestReference(extension)} is ${extension.state}).`,
    );
  }
}

function validTicketUrl(text: string | undefined): string | undefined {
  const value = text?.trim();
  if (!value) return undefined;
  try {
    const url = new URL(value);
    if (url.protocol === 'https:' || url.protocol === 'http:') return url.toString();
  } catch {
    // fall through to the error below
  }
  throw new InvalidInput('The ticket link must be an http(s) URL.', 'ticket');
}
