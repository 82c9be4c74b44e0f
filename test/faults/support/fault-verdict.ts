/**
 * The acceptance criteria of issue 11, judged from what can be observed from outside the bot:
 * the fake Databricks account (memberships and every PATCH), the fake Slack (answers), the
 * bot's database (requests and audit rows) and the exits of its processes. Each list holds one
 * line of evidence per violation, so a failing assertion says which grant and which record.
 */
import type { AuditRecord, RequestRecord } from './bot-database.js';
import { DATABRICKS_GROUPS } from './fault-cast.js';
import type { FaultWorld } from './fault-world.js';
import { membershipRemovals, type MembershipRemoval } from './removal-lateness.js';
import { CHECK_AFTER_END_MS } from './settle.js';

export interface FaultVerdict {
  requests: RequestRecord[];
  removals: MembershipRemoval[];
  leftovers: string[];
  lateRemovals: string[];
  standingRemoved: string[];
  duplicateAdds: string[];
  unanswered: string[];
  notAcknowledged: string[];
  crashes: string[];
  notEnded: string[];
  auditMismatches: string[];
  duplicatePosts: string[];
}

const APOLOGY = /something went wrong on my side/;

export async function judge(world: FaultWorld): Promise<FaultVerdict> {
  const requests = await world.db.requests();
  const audits = await world.db.auditEvents();
  const { cast, databricks } = world;
  const groupName = new Map([...cast.groupIds].map(([name, id]) => [id, name]));
  const who = (databricksId: string) => describeUser(world, databricksId);
  const grantsOf = (user: string, group: string) =>
    requests.filter((r) => r.databricks_user_id === user && r.databricks_group === group);

  const leftovers = DATABRICKS_GROUPS.flatMap((group) =>
    databricks
      .groupMemberIds(group)
      .filter((id) => !cast.standing.get(group)?.has(id))
      .map((id) => `${who(id)} is still in ${group}; ${grantsOf(id, group).map(describeGrant).join('; ')}`),
  );
  const removals = membershipRemovals(requests, databricks, cast.groupIds, cast.standing);
  const lateRemovals = removals
    .filter((r) => r.latenessMs !== undefined && r.latenessMs > CHECK_AFTER_END_MS)
    .map(
      (r) => `${who(r.databricksUserId)} removed from ${r.group} ${r.latenessMs} ms after its grants ended`,
    );
  const standingRemoved = databricks.patches.flatMap((patch) => {
    const group = groupName.get(patch.groupId) ?? patch.groupId;
    return patch.removed
      .filter((id) => cast.standing.get(group)?.has(id))
      .map((id) => `standing member ${who(id)} removed from ${group} at ${iso(patch.at)}`);
  });
  const duplicateAdds = databricks.patches.flatMap((patch) =>
    patch.alreadyMembers.map(
      (id) =>
        `add PATCH for ${who(id)} to ${groupName.get(patch.groupId)} at ${iso(patch.at)}: already a member`,
    ),
  );
  const acknowledged = world.front.commands.filter((c) => c.status === 200);
  const unanswered = acknowledged
    .filter((c) => !answered(world, c.id, c.userId, c.sentAt))
    .map((c) => `${c.id} "${c.text}" from ${c.userId}, acknowledged at ${iso(c.ackedAt ?? 0)}: no answer`);
  const notAcknowledged = world.front.commands
    .filter((c) => c.status !== 200)
    .map((c) => `${c.id} "${c.text}" from ${c.userId}: HTTP ${c.status || 'no answer'}`);
  const crashes = world.bots
    .crashes()
    .map(
      (exit) =>
        `${exit.role} (pid ${exit.pid}) exited with ${exit.signal ?? `code ${exit.code}`} at ${iso(exit.at)}: ${lastErrors(exit.logTail)}`,
    );
  const notEnded = requests
    .filter((r) => r.state !== 'expired' && r.state !== 'revoked')
    .map((r) => `${describeGrant(r)} was never ended`);
  // Still in the group although not a member from before the bot: the bot's access outlived it.
  const outlived = (r: RequestRecord) =>
    databricks.groupMemberIds(r.databricks_group).includes(r.databricks_user_id) &&
    !cast.standing.get(r.databricks_group)?.has(r.databricks_user_id);
  const auditMismatches = auditProblems(requests, audits, outlived);
  return {
    duplicatePosts: duplicatePosts(world),
    requests,
    removals,
    leftovers,
    lateRemovals,
    standingRemoved,
    duplicateAdds,
    unanswered,
    notAcknowledged,
    crashes,
    notEnded,
    auditMismatches,
  };
}

/** A response_url answer that is not the generic apology, or a chat message to the person. */
function answered(world: FaultWorld, commandId: string, userId: string, sentAt: number): boolean {
  const replied = world.slack.responses.some(
    (r) => r.id === commandId && !APOLOGY.test(JSON.stringify(r.body)),
  );
  const dm = world.slack.dmChannelFor(userId);
  const told = world.slack
    .callsTo('chat.postMessage')
    .some((call) => call.at >= sentAt && (call.params.channel === userId || call.params.channel === dm));
  return replied || told;
}

/** Outbox posts Slack accepted more than once: each carries its outbox key in its metadata. */
export function duplicatePosts(world: FaultWorld): string[] {
  const accepted = new Map<string, number[]>();
  for (const call of world.slack.callsTo('chat.postMessage')) {
    const key = (call.params.metadata as { event_payload?: { key?: string } } | undefined)?.event_payload
      ?.key;
    if (!call.response.ok || key === undefined) continue;
    accepted.set(key, [...(accepted.get(key) ?? []), call.at]);
  }
  return [...accepted]
    .filter(([, times]) => times.length > 1)
    .map(
      ([key, times]) => `outbox message ${key} posted ${times.length} times, at ${times.map(iso).join(', ')}`,
    );
}

function auditProblems(
  requests: RequestRecord[],
  audits: AuditRecord[],
  outlived: (r: RequestRecord) => boolean,
): string[] {
  const actions = (id: string) => audits.filter((a) => a.subject_id === id).map((a) => a.action);
  return requests.flatMap((r) => {
    const recorded = actions(r.id);
    const problems: string[] = [];
    if (r.starts_at && !recorded.includes('access.expired') && !recorded.includes('access.revoked')) {
      problems.push(
        `${describeGrant(r)}: no access.expired or access.revoked audit row (${recorded.join(', ')})`,
      );
    }
    if (recorded.includes('access.expired') && outlived(r)) {
      problems.push(
        `${describeGrant(r)}: audited access.expired but the user is still in ${r.databricks_group}`,
      );
    }
    return problems;
  });
}

function describeUser(world: FaultWorld, databricksId: string): string {
  const slackId = [...world.cast.databricksIdOf].find(([, id]) => id === databricksId)?.[0];
  return slackId ? `${slackId} (Databricks ${databricksId})` : `Databricks user ${databricksId}`;
}

function describeGrant(r: RequestRecord): string {
  const ends = r.ends_at ? ` ends ${iso(r.ends_at.getTime())}` : '';
  return `grant ${r.id.slice(0, 8)} ${r.group_key} of ${r.requester}: ${r.state}${ends}, standing_membership=${r.standing_membership}`;
}

function lastErrors(logTail: string): string {
  const lines = logTail.split('\n').filter((line) => /"level":(50|60)|Error|error/.test(line));
  return (lines.at(-1) ?? logTail.split('\n').filter(Boolean).at(-1) ?? '').slice(0, 400);
}

const iso = (ms: number) => new Date(ms).toISOString().slice(11, 23);
