import { describe, expect, it } from 'vitest';
import { parsePolicyText, PolicyFileError } from '../../access/policy/load-policy-file.js';
import { parseStart } from './review-command.js';
import { reportCsv, type ReviewReport } from './review-report.js';
import { periodStart } from './scheduled-reviews.js';

const POLICY = `
integration_owners: { slack_users: [U0OWNER001] }
groups:
  analysts:
    databricks_group: data-analysts
    max_duration: 8h
`;

describe('access review parts', () => {
  it('reads the review schedule from the policy, and names a group it does not know', () => {
    const policy = parsePolicyText(`${POLICY}reviews:\n  every: quarterly\n  due: 10d\n`);
    expect(policy.reviews).toEqual({
      every: 'quarterly',
      dueSeconds: 10 * 86400,
      remindBeforeSeconds: 3 * 86400,
      groups: 'all-requestable',
    });
    expect(policy.integrationOwners).toEqual([{ platform: 'slack', id: 'U0OWNER001' }]);
    expect(() => parsePolicyText(`${POLICY}reviews:\n  every: quarterly\n  groups: [nope]\n`)).toThrow(
      PolicyFileError,
    );
    expect(() => parsePolicyText(`${POLICY}reviews:\n  every: quarterly\n  groups: [nope]\n`)).toThrow(
      /"nope" is not a group of this policy/,
    );
  });

  it('starts a period on its first day (UTC)', () => {
    const at = new Date('2026-11-23T09:00:00Z');
    expect(periodStart('monthly', at).toISOString()).toBe('2026-11-01T00:00:00.000Z');
    expect(periodStart('quarterly', at).toISOString()).toBe('2026-10-01T00:00:00.000Z');
    expect(periodStart('yearly', at).toISOString()).toBe('2026-01-01T00:00:00.000Z');
  });

  it('parses `review start` with groups, all-requestable and a due date, refusing mistakes', () => {
    expect(parseStart(['analysts,prod', 'due:3d'])).toEqual({
      scope: ['analysts', 'prod'],
      dueSeconds: 3 * 86400,
    });
    expect(parseStart(['all-requestable'])).toEqual({ scope: 'all-requestable', dueSeconds: 14 * 86400 });
    expect(() => parseStart(['analysts', 'due:soon'])).toThrow(/not a due date/);
    expect(() => parseStart(['due:3d'])).toThrow(/Usage/);
    expect(() => parseStart(['all-requestable', 'prod'])).toThrow(/either/);
  });

  it('writes CSV a spreadsheet cannot run as a formula, quoting what needs it', () => {
    const row = {
      campaign_id: 'c',
      item_id: 'i',
      group: 'data, analysts',
      group_id: '1',
      member_id: '2',
      member: '=HYPERLINK("x")',
      member_type: 'user',
      decision: 'keep',
      decided_by: 'slack:U1',
      decided_at: '2026-11-23T09:00:00.000Z',
      removal: '',
      removed_at: '',
      audit_event_id: '7',
    };
    const report = { campaign: {} as ReviewReport['campaign'], rows: [row] };
    const [, line] = reportCsv(report).split('\r\n');
    expect(line).toBe(
      'c,i,"data, analysts",1,2,"\'=HYPERLINK(""x"")",user,keep,slack:U1,2026-11-23T09:00:00.000Z,,,7',
    );
  });
});
