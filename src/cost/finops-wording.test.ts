import { describe, expect, it } from 'vitest';
import type { CostAlertRow } from '../db/tables/cost-alerts.js';
import { costAlertResolvedMessage } from './alerts/cost-alert-messages.js';
import { formatAmount, moneyIn } from './money.js';
import { costReportMessage } from './report/cost-report-message.js';
import type { CostReport } from './report/cost-report.js';
import { jobRunCostsMessage } from './report/job-run-costs-message.js';
import { parsePeriod } from './report/report-period.js';

/** What a FinOps reader notices: amounts, "so far", resolution titles. */
const text = (value: unknown) => JSON.stringify(value);

const report = (amounts: number[]): CostReport => ({
  period: parsePeriod('7d', new Date('2026-11-23T12:00:00Z'))!,
  dimension: 'workspace',
  workspace: undefined,
  basis: 'list',
  currency: 'USD',
  total: amounts.reduce((a, b) => a + b, 0),
  previousTotal: 900,
  top: amounts.map((amount, i) => ({ key: `w${i}`, label: `ws-${i}`, amount, previous: amount / 2 })),
  rest: { count: 0, amount: 0, previous: 0 },
  provisionalSince: undefined,
  otherCurrencies: [],
  unpricedQuantity: 0,
});

describe('one money precision per message', () => {
  it('whole units everywhere when any amount reaches 1,000, cents otherwise', () => {
    expect(moneyIn([2349.4, 820.32], 'USD')(820.32)).toBe('$820');
    expect(moneyIn([999.99, 820.32], 'USD')(820.32)).toBe('$820.32');
    expect(formatAmount(820.32, 'EUR', 0)).toBe('€820');
  });

  it('a cost report never shows $2,349 next to $820.32', () => {
    const shown = text(costReportMessage(report([1529.18, 820.32])));
    expect(shown).toContain('$2,350');
    expect(shown).toContain('ws-1 — $820 (+100%)');
    expect(shown).not.toMatch(/\$[\d,]+\.\d\d/);
    const small = text(costReportMessage(report([129.18, 20.3])));
    expect(small).toContain('ws-1 — $20.30');
    expect(small).toContain('$149.48');
  });

  it('a job’s runs and their median share one precision', () => {
    const run = (runId: string, amount: number) => ({
      runId,
      startedAt: new Date('2026-11-22T01:00:00Z'),
      endedAt: new Date('2026-11-22T02:00:00Z'),
      resultState: 'SUCCEEDED',
      amount,
      currency: 'USD',
      provisional: false,
    });
    const shown = text(
      jobRunCostsMessage({
        job: { workspaceId: '1', workspaceName: 'prod', jobId: '7', name: 'etl' },
        basis: 'list',
        runs: [run('a', 1520.5), run('b', 480.25), run('c', 300.1)],
      }),
    );
    expect(shown).toContain('$1,521');
    expect(shown).toContain('$480');
    expect(shown).not.toMatch(/\$[\d,]+\.\d\d/);
  });
});

describe('resolution titles read as resolved', () => {
  const row = (over: Partial<CostAlertRow>): CostAlertRow =>
    ({
      id: 'a1',
      rule_name: 'r',
      rule_kind: 'budget',
      scope_key: 'workspace:1',
      scope_label: 'workspace prod',
      period_key: '2026-11',
      level: 1,
      message: { title: 'Workspace prod has passed its budget for November 2026', body: [], fields: [] },
      ...over,
    }) as CostAlertRow;

  it.each([
    [row({}), 'Resolved: Workspace prod is back within its budget for 2026-11'],
    [
      row({ rule_kind: 'spend_anomaly', period_key: '2026-11-20' }),
      'Resolved: spend in workspace prod on 2026-11-20 is back within the usual range',
    ],
    [
      row({ rule_kind: 'job_run_cost_spike', scope_label: 'job etl (7)', period_key: 'run-9' }),
      'Resolved: run run-9 of job etl (7) no longer costs far more than usual',
    ],
    [
      row({ rule_kind: 'idle_compute', scope_label: 'cluster big (c1)', level: 2 }),
      'Resolved: all-purpose cluster big (c1) is no longer idle',
    ],
    [
      row({
        rule_kind: 'idle_compute',
        scope_key: 'warehouse:1/w1',
        scope_label: 'SQL warehouse bi',
        level: 2,
      }),
      'Resolved: SQL warehouse bi is no longer idle',
    ],
  ])('%#', (alert, title) => {
    const message = costAlertResolvedMessage(alert);
    expect(message.title).toBe(title);
    expect(text(message.body)).toContain('It was: ');
  });
});
