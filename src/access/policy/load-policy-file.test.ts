import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findGroupPolicy } from './access-policy.js';
import { loadPolicyFile, parsePolicyText, PolicyFileError } from './load-policy-file.js';

const VALID = `
integration_owners: { slack_users: [U0OWNER001] }
groups:
  analysts:
    databricks_group: data-analysts
    max_duration: 8h
    default_duration: 2h
`;

function errorOf(text: string): string {
  try {
    parsePolicyText(text, 'conf/policies.yml');
  } catch (error) {
    expect(error).toBeInstanceOf(PolicyFileError);
    return (error as Error).message;
  }
  throw new Error('expected the policy to be refused');
}

describe('the policy file', () => {
  it('reads groups with their defaults', () => {
    const policy = parsePolicyText(VALID);
    expect(findGroupPolicy(policy, 'analysts')).toMatchObject({
      databricksGroup: 'data-analysts',
      approvers: [{ platform: 'slack', id: 'U0OWNER001' }],
      minApprovals: 1,
      maxDurationSeconds: 8 * 3600,
      defaultDurationSeconds: 2 * 3600,
      requireReason: true,
      approvalTimeoutSeconds: 24 * 3600,
      requesters: 'everyone',
    });
    expect(findGroupPolicy(policy, 'DATA-ANALYSTS')?.key).toBe('analysts');
    expect(findGroupPolicy(policy, 'nope')).toBeUndefined();
  });

  it('ships an example that is valid', async () => {
    const policy = await loadPolicyFile(path.resolve(import.meta.dirname, '../../../policies.example.yml'), {
      required: true,
    });
    expect(policy.groups.map((group) => group.key)).toEqual(['analysts', 'prod-admins']);
  });

  it('names the file, the path and the reason of a bad duration', () => {
    const message = errorOf(VALID.replace('max_duration: 8h', 'max_duration: eight hours'));
    expect(message).toContain('conf/policies.yml');
    expect(message).toContain('groups.analysts.max_duration');
    expect(message).toContain('"eight hours" is not a duration');
  });

  it('refuses a default longer than the maximum, unknown keys, and unreachable approval counts', () => {
    expect(errorOf(VALID.replace('default_duration: 2h', 'default_duration: 9h'))).toContain(
      'groups.analysts.default_duration: is longer than max_duration',
    );
    expect(errorOf(VALID.replace('max_duration: 8h', 'max_duraton: 8h\n    max_duration: 8h'))).toContain(
      'max_duraton',
    );
    expect(errorOf(`${VALID}    min_approvals: 2\n`)).toContain('groups.analysts.min_approvals');
  });

  it('refuses a group nobody can approve', () => {
    const message = errorOf('groups:\n  x:\n    databricks_group: g\n    max_duration: 1h\n');
    expect(message).toContain('groups.x.approvers: no approvers');
  });

  it('accepts approvers named only by Databricks account group or Slack user group, with any min_approvals', () => {
    const policy = parsePolicyText(`
integration_owners: { databricks_groups: [platform-owners] }
groups:
  prod:
    databricks_group: prod-admins
    approvers: { databricks_groups: [sre-leads], slack_usergroups: [S0ONCALL01] }
    min_approvals: 2
    max_duration: 1h
  fallback:
    databricks_group: fallback-users
    max_duration: 1h
`);
    expect(findGroupPolicy(policy, 'prod')).toMatchObject({
      approvers: [],
      approverEmails: [],
      approverGroups: { databricksGroups: ['sre-leads'], slackUserGroups: ['S0ONCALL01'] },
      minApprovals: 2,
    });
    expect(findGroupPolicy(policy, 'fallback')?.approverGroups).toEqual({
      databricksGroups: ['platform-owners'],
      slackUserGroups: [],
    });
    expect(findGroupPolicy(parsePolicyText(VALID), 'analysts')?.approverGroups).toEqual({
      databricksGroups: [],
      slackUserGroups: [],
    });
    expect(
      errorOf(
        VALID.replace('max_duration: 8h', 'approvers: { slack_usergroups: [oncall] }\n    max_duration: 8h'),
      ),
    ).toContain('must be a Slack user group id');
  });

  it('refuses malformed YAML with its line', () => {
    expect(errorOf('groups:\n  analysts: [unclosed\n')).toMatch(
      /conf\/policies.yml \(line \d+\): not valid YAML/,
    );
  });

  it('treats a missing default file as "nothing requestable", and a named one as an error', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'policy-'));
    expect(await loadPolicyFile(path.join(dir, 'policies.yml'), { required: false })).toEqual({ groups: [] });
    await expect(loadPolicyFile(path.join(dir, 'policies.yml'), { required: true })).rejects.toThrow(
      /cannot read the policy file/,
    );
    await writeFile(path.join(dir, 'ok.yml'), VALID);
    expect((await loadPolicyFile(path.join(dir, 'ok.yml'), { required: true })).groups).toHaveLength(1);
  });
});
