import { describe, expect, it } from 'vitest';
import { findGroupPolicy } from './access-policy.js';
import { parsePolicyText } from './load-policy-file.js';
import { databricksGroupsNamedBy, isAutoApproved, mayApprove, mayRequest } from './policy-decisions.js';

const policy = parsePolicyText(`
groups:
  prod:
    databricks_group: prod-admins
    requesters: { slack_users: [U0LISTED01], databricks_groups: [platform] }
    approvers: { slack_users: [U0APPROVE1] }
    max_duration: 4h
    auto_approve:
      - max_duration: 1h
        requester_databricks_groups: [oncall]
      - requester_slack_users: [U0VIP00001]
`);
const prod = findGroupPolicy(policy, 'prod')!;
const slack = (id: string) => ({ platform: 'slack' as const, id });

describe('policy decisions', () => {
  it('lets listed people and members of listed groups request', () => {
    expect(mayRequest(prod, { user: slack('U0LISTED01'), databricksGroups: [] })).toBe(true);
    expect(mayRequest(prod, { user: slack('U0OTHER001'), databricksGroups: ['Platform'] })).toBe(true);
    expect(mayRequest(prod, { user: slack('U0OTHER001'), databricksGroups: ['oncall'] })).toBe(false);
    expect(mayRequest(prod, { user: { platform: 'teams', id: 'U0LISTED01' }, databricksGroups: [] })).toBe(
      false,
    );
  });

  it('auto-approves only when every condition of a rule holds', () => {
    const oncall = { user: slack('U0OTHER001'), databricksGroups: ['oncall'] };
    expect(isAutoApproved(prod, oncall, 3600)).toBe(true);
    expect(isAutoApproved(prod, oncall, 3601)).toBe(false);
    expect(isAutoApproved(prod, { user: slack('U0OTHER001'), databricksGroups: [] }, 60)).toBe(false);
    expect(isAutoApproved(prod, { user: slack('U0VIP00001'), databricksGroups: [] }, 4 * 3600)).toBe(true);
  });

  it('knows the approvers and which Databricks groups matter', () => {
    expect(mayApprove(prod, slack('U0APPROVE1'))).toBe(true);
    expect(mayApprove(prod, slack('U0LISTED01'))).toBe(false);
    expect(databricksGroupsNamedBy(prod).sort()).toEqual(['oncall', 'platform']);
  });
});
