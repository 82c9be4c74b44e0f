import { describe, expect, it } from 'vitest';
import { parsePolicyText } from '../../access/policy/load-policy-file.js';
import { autoApprovalRule, findActionPolicy, mayRequestAction } from './action-policy.js';

const POLICY = `
integration_owners:
  slack_users: [U0OWNER01]
actions:
  terminate-cluster:
    requesters: { slack_users: [U0ALICE01] }
    auto_approve:
      - idle_for_more_than: 2h
        workspaces: [finance-dev]
  stop-warehouse: {}
`;

describe('the actions policy', () => {
  const policies = parsePolicyText(POLICY).actions;
  const terminate = findActionPolicy(policies, 'terminate-cluster')!;
  const alice = { platform: 'slack' as const, id: 'U0ALICE01' };

  it('falls back to the integration owners as approvers and lists only the actions named', () => {
    expect(terminate.approvers).toEqual([{ platform: 'slack', id: 'U0OWNER01' }]);
    expect(findActionPolicy(policies, 'cancel-run')).toBeUndefined();
    expect(mayRequestAction(terminate, alice)).toBe(true);
    expect(mayRequestAction(terminate, { platform: 'slack', id: 'U0BOB0001' })).toBe(false);
    expect(mayRequestAction(findActionPolicy(policies, 'stop-warehouse')!, alice)).toBe(true);
  });

  it('auto-approves a cluster idle for more than 2 h in the dev workspace only', () => {
    const facts = { requester: alice, workspaceName: 'Finance-Dev', idleSeconds: 3 * 3600 };
    expect(autoApprovalRule(terminate, facts)).toBeDefined();
    expect(autoApprovalRule(terminate, { ...facts, idleSeconds: 3600 })).toBeUndefined();
    expect(autoApprovalRule(terminate, { ...facts, workspaceName: 'analytics-prod' })).toBeUndefined();
    expect(autoApprovalRule(terminate, { requester: alice, workspaceName: 'finance-dev' })).toBeUndefined();
  });

  it('refuses an unknown action, a rule without conditions, and too few approvers, naming the path', () => {
    expect(() => parsePolicyText('actions:\n  nuke-cluster: {}\n')).toThrow(/actions/);
    expect(() =>
      parsePolicyText(
        'actions:\n  stop-warehouse:\n    approvers: { slack_users: [U0A1] }\n    auto_approve: [{}]\n',
      ),
    ).toThrow(/at least one condition/);
    expect(() =>
      parsePolicyText(
        'actions:\n  stop-warehouse:\n    approvers: { slack_users: [U0A1] }\n    min_approvals: 2\n',
      ),
    ).toThrow(/actions.stop-warehouse.min_approvals: needs 2 approvals/);
    expect(() => parsePolicyText('actions:\n  stop-warehouse: {}\n')).toThrow(
      /actions.stop-warehouse.approvers/,
    );
  });
});
