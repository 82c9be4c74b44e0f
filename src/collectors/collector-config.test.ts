import { describe, expect, it } from 'vitest';
import { collectorSettingsFrom } from './collector-config.js';

describe('collector settings', () => {
  it('default to batches of 5000 and a 2-day overlap for billing usage', () => {
    expect(collectorSettingsFrom({}, [])).toEqual({
      batchSize: 5_000,
      overlapMs: { 'system.billing.usage': 2 * 86_400_000 },
    });
  });

  it('take the environment, and name a bad variable without its value', () => {
    expect(
      collectorSettingsFrom({ COLLECTOR_BATCH_SIZE: '2000', COLLECTOR_USAGE_OVERLAP_DAYS: '5' }, []),
    ).toEqual({
      batchSize: 2_000,
      overlapMs: { 'system.billing.usage': 5 * 86_400_000 },
    });
    const problems: { variable: string; problem: string }[] = [];
    collectorSettingsFrom({ COLLECTOR_USAGE_OVERLAP_DAYS: '0' }, problems);
    expect(problems.map((p) => p.variable)).toEqual(['COLLECTOR_USAGE_OVERLAP_DAYS']);
  });
});
