import { createHash, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { ListedMember } from '../ports/databricks-account.js';
import type { GovernanceDeps } from './governance-deps.js';
import { explainChanges, type ExplainedChange, type MemberChange } from './explain-changes.js';
import { outsideChangeAlert } from './governance-alerts.js';
import { readAccountGroups } from './read-account-groups.js';

export interface DiscoveryResult {
  runId: string;
  groups: number;
  members: number;
  requests: number;
  changedGroups: number;
  changes: ExplainedChange[];
}

const WRITE_BATCH = 500;

/**
 * Reads every account group and its members through SCIM and stores the snapshot: only groups
 * whose members changed are rewritten, each change is kept in the history, and changes nobody
 * made through the bot to policy-managed groups are reported to `access` subscribers. Groups
 * no longer listed are marked gone. The first sight of a group records its members, not changes.
 */
export async function discoverGroups(deps: GovernanceDeps): Promise<DiscoveryResult> {
  const runId = randomUUID();
  const startedAt = deps.clock.now();
  await deps.db
    .insertInto('discovery_runs')
    .values({ id: runId, started_at: startedAt, state: 'running' })
    .execute();
  try {
    const result = await discoverAndStore(deps, runId);
    await deps.db
      .updateTable('discovery_runs')
      .set({
        state: 'done',
        finished_at: deps.clock.now(),
        groups: result.groups,
        members: result.members,
        requests: result.requests,
        changed_groups: result.changedGroups,
      })
      .where('id', '=', runId)
      .execute();
    deps.log.info(
      { runId, groups: result.groups, requests: result.requests, changedGroups: result.changedGroups },
      'group discovery done',
    );
    return result;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await deps.db
      .updateTable('discovery_runs')
      .set({ state: 'failed', finished_at: deps.clock.now(), error: message.slice(0, 500) })
      .where('id', '=', runId)
      .execute();
    throw error;
  }
}

async function discoverAndStore(deps: GovernanceDeps, runId: string): Promise<DiscoveryResult> {
  const { groups, requests } = await readAccountGroups(deps);
  const now = deps.clock.now();
  const known = new Map(
    (
      await deps.db
        .selectFrom('discovered_groups')
        .select(['databricks_group_id', 'members_digest', 'display_name', 'gone_at'])
        .execute()
    ).map((row) => [row.databricks_group_id, row]),
  );
  const changed = groups.filter((group) => {
    const before = known.get(group.id);
    return (
      !before ||
      before.gone_at !== null ||
      before.members_digest !== digestOf(group.members) ||
      before.display_name !== group.displayName
    );
  });
  const unchangedIds = groups.filter((group) => !changed.includes(group)).map((group) => group.id);
  const seenIds = new Set(groups.map((group) => group.id));
  const goneIds = [...known.values()]
    .filter((row) => row.gone_at === null && !seenIds.has(row.databricks_group_id))
    .map((row) => row.databricks_group_id);

  const changes: ExplainedChange[] = [];
  for (let start = 0; start < changed.length; start += WRITE_BATCH) {
    const batch = changed.slice(start, start + WRITE_BATCH);
    const stored = await deps.db
      .selectFrom('discovered_group_members')
      .selectAll()
      .where(
        'databricks_group_id',
        'in',
        batch.map((group) => group.id),
      )
      .execute();
    const storedByGroup = new Map<string, Map<string, (typeof stored)[number]>>();
    for (const row of stored) {
      const members = storedByGroup.get(row.databricks_group_id) ?? new Map();
      members.set(row.member_id, row);
      storedByGroup.set(row.databricks_group_id, members);
    }
    const batchChanges: MemberChange[] = [];
    const added: { groupId: string; member: ListedMember }[] = [];
    const removed: { groupId: string; memberId: string }[] = [];
    for (const group of batch) {
      const before = storedByGroup.get(group.id) ?? new Map();
      const firstSight = !known.has(group.id) || known.get(group.id)!.gone_at !== null;
      const now_ = new Set(group.members.map((member) => member.id));
      for (const member of group.members) {
        if (before.has(member.id)) continue;
        added.push({ groupId: group.id, member });
        if (!firstSight)
          batchChanges.push({ groupId: group.id, groupName: group.displayName, member, change: 'added' });
      }
      for (const [memberId, row] of before) {
        if (now_.has(memberId)) continue;
        removed.push({ groupId: group.id, memberId });
        batchChanges.push({
          groupId: group.id,
          groupName: group.displayName,
          member: { id: memberId, display: row.display, type: row.member_type },
          change: 'removed',
        });
      }
    }
    const explained = await explainChanges(deps, batchChanges);
    await deps.db.transaction().execute(async (trx) => {
      for (const item of removed) {
        await trx
          .deleteFrom('discovered_group_members')
          .where('databricks_group_id', '=', item.groupId)
          .where('member_id', '=', item.memberId)
          .execute();
      }
      for (let i = 0; i < added.length; i += 2_000) {
        await trx
          .insertInto('discovered_group_members')
          .values(
            added.slice(i, i + 2_000).map(({ groupId, member }) => ({
              databricks_group_id: groupId,
              member_id: member.id,
              member_type: member.type,
              display: member.display,
              first_seen_at: now,
            })),
          )
          .onConflict((oc) => oc.columns(['databricks_group_id', 'member_id']).doNothing())
          .execute();
      }
      await trx
        .insertInto('discovered_groups')
        .values(
          batch.map((group) => ({
            databricks_group_id: group.id,
            display_name: group.displayName,
            member_count: group.members.length,
            members_digest: digestOf(group.members),
            first_seen_at: now,
            last_seen_at: now,
            last_changed_at: now,
            gone_at: null,
          })),
        )
        .onConflict((oc) =>
          oc.column('databricks_group_id').doUpdateSet((eb) => ({
            display_name: eb.ref('excluded.display_name'),
            member_count: eb.ref('excluded.member_count'),
            members_digest: eb.ref('excluded.members_digest'),
            last_seen_at: now,
            last_changed_at: now,
            gone_at: null,
          })),
        )
        .execute();
      if (explained.length > 0) {
        await trx
          .insertInto('group_member_changes')
          .values(
            explained.map((change) => ({
              databricks_group_id: change.groupId,
              group_name: change.groupName,
              member_id: change.member.id,
              member_display: change.member.display,
              change: change.change,
              observed_at: now,
              run_id: runId,
              outside_bot: change.outsideBot,
            })),
          )
          .execute();
      }
    });
    changes.push(...explained);
  }
  if (unchangedIds.length > 0) {
    await deps.db
      .updateTable('discovered_groups')
      .set({ last_seen_at: now })
      .where(sql<boolean>`databricks_group_id = any(${unchangedIds})`)
      .execute();
  }
  if (goneIds.length > 0) {
    await deps.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('discovered_groups')
        .set({ gone_at: now, member_count: 0, members_digest: '' })
        .where('databricks_group_id', 'in', goneIds)
        .execute();
      await trx.deleteFrom('discovered_group_members').where('databricks_group_id', 'in', goneIds).execute();
    });
  }
  await reportOutsideChanges(deps, runId, changes);
  return {
    runId,
    groups: groups.length,
    members: groups.reduce((sum, group) => sum + group.members.length, 0),
    requests,
    changedGroups: changed.length,
    changes,
  };
}

/**
 * One alert per policy-managed group with changes the bot did not make. A newcomer the
 * membership reconciler already knows (and reported) is left out, so nobody hears of it twice.
 */
async function reportOutsideChanges(deps: GovernanceDeps, runId: string, changes: ExplainedChange[]) {
  const managed = new Map(deps.policy.groups.map((group) => [group.databricksGroup.toLowerCase(), group]));
  const candidates = changes.filter(
    (change) => change.outsideBot && managed.has(change.groupName.toLowerCase()),
  );
  if (candidates.length === 0) return;
  const known = await deps.db
    .selectFrom('managed_group_members')
    .select(['databricks_group_id', 'databricks_user_id'])
    .where(
      sql<boolean>`(databricks_group_id, databricks_user_id) in (${sql.join(candidates.map((change) => sql`(${change.groupId}, ${change.member.id})`))})`,
    )
    .execute();
  const reported = new Set(known.map((row) => `${row.databricks_group_id}\u0000${row.databricks_user_id}`));
  const byGroup = new Map<string, MemberChange[]>();
  for (const change of candidates) {
    if (change.change === 'added' && reported.has(`${change.groupId}\u0000${change.member.id}`)) continue;
    byGroup.set(change.groupId, [...(byGroup.get(change.groupId) ?? []), change]);
  }
  for (const [groupId, groupChanges] of byGroup) {
    const policy = managed.get(groupChanges[0]!.groupName.toLowerCase())!;
    await deps.publishAlert(
      outsideChangeAlert({ runId, groupId, groupKey: policy.key, changes: groupChanges }),
    );
  }
}

/** Digest of the sorted member ids: equal digests mean the same members. */
export function digestOf(members: readonly ListedMember[]): string {
  const ids = members.map((member) => member.id).sort();
  return createHash('sha256').update(ids.join('\n')).digest('base64url');
}
