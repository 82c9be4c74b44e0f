/**
 * The people and policy of the scale-out run: `count` requesters spread over two JIT groups
 * approved by one approver, none of them members before the run.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FakeDatabricksAccounts } from '../fakes/fake-databricks-accounts.js';
import type { FakeSlackApi, FakeSlackUser } from '../fakes/fake-slack-api.js';
import type { Cleanup } from '../faults/support/cleanup.js';
import { APPROVER } from '../faults/support/fault-cast.js';

export const SCALE_GROUPS = ['scale-a', 'scale-b'] as const;

export interface ScaleCast {
  policyFile: string;
  requesters: FakeSlackUser[];
  /** Policy group key of the n-th requester. */
  groupOf(index: number): (typeof SCALE_GROUPS)[number];
  groupIds: string[];
}

export function seedScaleCast(
  count: number,
  slack: FakeSlackApi,
  databricks: FakeDatabricksAccounts,
  cleanup: Cleanup,
): ScaleCast {
  const dir = mkdtempSync(path.join(tmpdir(), 'dbchatops-scale-policy-'));
  const policyFile = path.join(dir, 'policies.yml');
  const groups = SCALE_GROUPS.map(
    (key) => `  ${key}:
    databricks_group: ${key}-users
    approvers:
      slack_users: [${APPROVER.id}]
    max_duration: 1h
    require_reason: false`,
  );
  writeFileSync(policyFile, `groups:\n${groups.join('\n')}\n`);
  const remove = () => rmSync(dir, { recursive: true, force: true });
  cleanup.add({ what: 'policy file', run: async () => remove(), runNow: remove });

  const requesters = Array.from({ length: count }, (_, i) => {
    const n = String(i).padStart(5, '0');
    return { id: `U0SC${n}`, email: `scale-${n}@example.com`, name: `scale${n}` };
  });
  for (const person of [APPROVER, ...requesters]) {
    databricks.addUser({ userName: person.email, displayName: person.name });
    slack.addUser(person);
  }
  const groupIds = SCALE_GROUPS.map((key) => databricks.addGroup({ displayName: `${key}-users` }).id);
  return { policyFile, requesters, groupOf: (i) => SCALE_GROUPS[i % SCALE_GROUPS.length]!, groupIds };
}
