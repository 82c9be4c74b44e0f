/**
 * Who and what a fault run works with: the policy (written to a file for the bot), the Slack
 * people, and the Databricks account seeded with their users and the policy's groups, some
 * people already standing members of a group before the bot ever runs.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FakeDatabricksAccounts } from '../../fakes/fake-databricks-accounts.js';
import type { FakeSlackUser } from '../../fakes/fake-slack-api.js';
import type { Cleanup } from './cleanup.js';

export const APPROVER: FakeSlackUser = {
  id: 'U0FAPPROVE',
  email: 'fault-approver@example.com',
  name: 'approver',
};

/** Policy groups: `approved-*` wait for the approver, `auto-*` are approved by an auto_approve
 * rule. `approved-b` and `auto-b` both grant the Databricks group `fault-b`. */
export const POLICY_GROUPS = {
  'approved-a': { databricksGroup: 'fault-a', auto: false },
  'auto-b': { databricksGroup: 'fault-b', auto: true },
  'approved-b': { databricksGroup: 'fault-b', auto: false },
  'auto-c': { databricksGroup: 'fault-c', auto: true },
} as const;

export type PolicyGroup = keyof typeof POLICY_GROUPS;
export const DATABRICKS_GROUPS = ['fault-a', 'fault-b', 'fault-c'] as const;

export function policyYaml(): string {
  const groups = Object.entries(POLICY_GROUPS).map(
    ([key, group]) => `  ${key}:
    databricks_group: ${group.databricksGroup}
    approvers:
      slack_users: [${APPROVER.id}]
    max_duration: 10m
    min_duration: 10s
    require_reason: false${group.auto ? '\n    auto_approve:\n      - max_duration: 10m' : ''}`,
  );
  return `integration_owners:\n  slack_users: [${APPROVER.id}]\ngroups:\n${groups.join('\n')}\n`;
}

export interface FaultCast {
  policyFile: string;
  requesters: FakeSlackUser[];
  /** Databricks user id by Slack user id. */
  databricksIdOf: Map<string, string>;
  /** Databricks group name -> ids of members that were there before the bot (never removed). */
  standing: Map<string, Set<string>>;
  /** Requesters who are standing members of a Databricks group (by Slack id). */
  standingRequesters: Map<string, string>;
  groupIds: Map<string, string>;
}

/**
 * `count` requesters; the first ones listed in `standingIn` are standing members of that
 * Databricks group (one each). Every group also holds an admin who never asks for anything.
 */
export function seedCast(
  tag: string,
  count: number,
  standingIn: readonly string[],
  databricks: FakeDatabricksAccounts,
  cleanup: Cleanup,
  policyExtra = '',
): FaultCast {
  const dir = mkdtempSync(path.join(tmpdir(), 'dbchatops-faults-policy-'));
  const policyFile = path.join(dir, 'policies.yml');
  writeFileSync(policyFile, policyYaml() + policyExtra);
  const remove = () => rmSync(dir, { recursive: true, force: true });
  cleanup.add({ what: 'policy file', run: async () => remove(), runNow: remove });

  const requesters = Array.from({ length: count }, (_, i) => {
    const n = String(i).padStart(2, '0');
    return { id: `U0F${tag}${n}`, email: `fault-${tag.toLowerCase()}-${n}@example.com`, name: `f${tag}${n}` };
  });
  const databricksIdOf = new Map<string, string>();
  for (const person of [APPROVER, ...requesters]) {
    databricksIdOf.set(
      person.id,
      databricks.addUser({ userName: person.email, displayName: person.name }).id,
    );
  }
  const standing = new Map<string, Set<string>>();
  const standingRequesters = new Map<string, string>();
  const groupIds = new Map<string, string>();
  for (const name of DATABRICKS_GROUPS) {
    const admin = databricks.addUser({ userName: `${name}-admin-${tag.toLowerCase()}@example.com` });
    const members = new Set([admin.id]);
    standingIn.forEach((group, i) => {
      if (group !== name) return;
      const person = requesters[i]!;
      members.add(databricksIdOf.get(person.id)!);
      standingRequesters.set(person.id, name);
    });
    standing.set(name, members);
    groupIds.set(name, databricks.addGroup({ displayName: name, memberIds: [...members] }).id);
  }
  return { policyFile, requesters, databricksIdOf, standing, standingRequesters, groupIds };
}
