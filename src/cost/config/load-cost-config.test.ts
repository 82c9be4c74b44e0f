import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { loadCostConfig, parseCostConfigText } from './load-cost-config.js';

describe('the cost config file', () => {
  it('accepts the shipped example, with contract prices and every kind of rule', async () => {
    const config = parseCostConfigText(await readFile('cost.example.yml', 'utf8'), 'cost.example.yml');
    expect(config.basis).toBe('contract');
    expect(config.contract?.skuFamilies.map((f) => [f.name, f.patterns, f.discountPercent])).toEqual([
      ['jobs', ['*JOBS*'], 25],
      ['sql', ['*SQL*', '*SERVERLESS_SQL*'], 20],
    ]);
    expect(config.rollupTags).toEqual(['team', 'cost_center']);
    expect(config.alerts.map((rule) => rule.kind)).toEqual([
      'budget',
      'budget',
      'spend_anomaly',
      'job_run_cost_spike',
      'idle_compute',
    ]);
    expect(config.alerts[1]).toMatchObject({
      scope: { kind: 'tag', tag: 'team', value: 'ml' },
      cooldownSeconds: 6 * 3600,
    });
    expect(config.alerts[4]).toMatchObject({
      cooldownSeconds: 12 * 3600,
      idleSeconds: 12 * 3600,
      maxCpuPercent: 5,
      maxMemoryPercent: 50,
      warehouses: true,
      backfill: false,
    });
  });

  it('rolls up the tags alert rules scope on, and defaults to list prices', () => {
    const config = parseCostConfigText(
      'alerts:\n  - { name: b, kind: budget, scope: "tag:cost_center=cc-1", amount: 10 }\n',
    );
    expect(config).toMatchObject({ basis: 'list', contract: undefined, rollupTags: ['cost_center'] });
    expect(config.alerts[0]).toMatchObject({
      period: 'month',
      thresholdsPercent: [50, 80, 100],
      forecast: true,
    });
  });

  it('refuses a bad file naming the path inside it and the reason', () => {
    expect(() =>
      parseCostConfigText(
        'alerts:\n  - { name: x, kind: budget, amount: -5 }\n  - { name: y, kind: spend_anomaly, weeks: 12 }\n',
      ),
    ).toThrow(/cost\.yml: invalid cost config:\n {2}- alerts\.0\.amount: .*\n {2}- alerts\.1\.weeks: /);
    expect(() =>
      parseCostConfigText(
        'alerts:\n  - { name: x, kind: budget, amount: 5 }\n  - { name: x, kind: idle_compute, scope: "sku:FOO" }\n',
      ),
    ).toThrow(
      /alerts\.1\.name: "x" is used twice\n {2}- alerts\.1\.scope: an idle compute rule watches clusters/,
    );
    expect(() =>
      parseCostConfigText('alerts:\n  - { name: z, kind: budget, amount: 5, scope: "team:ml" }\n'),
    ).toThrow('"team:ml" is not a scope');
    expect(() =>
      parseCostConfigText(
        'alerts:\n  - { name: i, kind: idle_compute, max_running_hours: 12, idle_for: 30m, max_cpu_percent: 0 }\n',
      ),
    ).toThrow(
      /alerts\.0\.idle_for: must be between 1h and 7d.*\n {2}- alerts\.0\.max_cpu_percent: .*\n {2}- alerts\.0\.max_running_hours: is no longer used: idle compute is judged by utilisation now; set idle_for/s,
    );
    expect(() => parseCostConfigText('contract: { discount_percent: 120 }')).toThrow(
      'contract.discount_percent',
    );
    expect(() => parseCostConfigText('alerts: [\n')).toThrow(/cost\.yml \(line \d\): not valid YAML/);
  });

  it('a missing file means list prices and no rules, unless the operator named it', async () => {
    expect(await loadCostConfig('/nonexistent/cost.yml', { required: false })).toMatchObject({
      alerts: [],
      basis: 'list',
    });
    await expect(loadCostConfig('/nonexistent/cost.yml', { required: true })).rejects.toThrow(
      'cannot read the cost config file',
    );
  });
});
