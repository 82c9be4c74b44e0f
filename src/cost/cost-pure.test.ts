import { describe, expect, it } from 'vitest';
import { contractFactor } from './contract-discount.js';
import { formatAmount, formatChange } from './money.js';
import { parseCostQuery } from './report/cost-query.js';
import { parsePeriod } from './report/report-period.js';
import { median, medianAbsoluteDeviation, robustDeviations } from './robust-stats.js';

const NOW = new Date('2026-11-23T10:30:00Z');

describe('report periods', () => {
  it('turns period words into ranges with the previous period of the same length', () => {
    expect(parsePeriod('7d', NOW)).toMatchObject({
      grain: 'day',
      current: { start: new Date('2026-11-17T00:00:00Z'), end: new Date('2026-11-24T00:00:00Z') },
      previous: { start: new Date('2026-11-10T00:00:00Z'), end: new Date('2026-11-17T00:00:00Z') },
    });
    expect(parsePeriod('24h', NOW)).toMatchObject({
      grain: 'hour',
      current: { start: new Date('2026-11-22T11:00:00Z'), end: new Date('2026-11-23T11:00:00Z') },
    });
    expect(parsePeriod('mtd', NOW)).toMatchObject({
      current: { start: new Date('2026-11-01T00:00:00Z'), end: new Date('2026-11-24T00:00:00Z') },
      previous: { start: new Date('2026-10-01T00:00:00Z'), end: new Date('2026-10-24T00:00:00Z') },
    });
    expect(parsePeriod('last-month', NOW)).toMatchObject({
      current: { start: new Date('2026-10-01T00:00:00Z'), end: new Date('2026-11-01T00:00:00Z') },
      previous: { start: new Date('2026-09-01T00:00:00Z'), end: new Date('2026-10-01T00:00:00Z') },
    });
    expect(parsePeriod('0d', NOW)).toBeUndefined();
    expect(parsePeriod('100h', NOW)).toBeUndefined();
    expect(parsePeriod('fortnight', NOW)).toBeUndefined();
  });

  it('clips the previous month-to-date at the start of this month (31 March vs February)', () => {
    const period = parsePeriod('mtd', new Date('2027-03-31T12:00:00Z'))!;
    expect(period.previous.end).toEqual(new Date('2027-03-01T00:00:00Z'));
  });
});

describe('cost queries', () => {
  const tags = ['team', 'cost_center'];
  it('parses period, dimension and workspace filter in any order, with defaults', () => {
    expect(parseCostQuery(['30d', 'by', 'job', 'workspace:prod'], tags, NOW)).toMatchObject({
      kind: 'breakdown',
      period: { name: '30d' },
      dimension: 'job',
      workspace: 'prod',
    });
    expect(parseCostQuery(['by', 'tag:team', 'mtd'], tags, NOW)).toMatchObject({
      dimension: 'tag:team',
      period: { name: 'mtd' },
    });
    expect(parseCostQuery([], tags, NOW)).toMatchObject({ period: { name: '7d' }, dimension: 'workspace' });
    expect(parseCostQuery(['job', 'nightly_etl'], tags, NOW)).toEqual({
      kind: 'job_runs',
      job: 'nightly_etl',
    });
  });

  it('refuses bad periods and dimensions with the valid ones', () => {
    expect(() => parseCostQuery(['fortnight'], tags, NOW)).toThrow(
      /Periods: `24h`.*\n.*Dimensions: workspace, sku/s,
    );
    expect(() => parseCostQuery(['7d', 'by', 'colour'], tags, NOW)).toThrow('"colour" is not a dimension.');
    expect(() => parseCostQuery(['by', 'tag:owner'], tags, NOW)).toThrow('tag:team, tag:cost_center');
    expect(() => parseCostQuery(['500d'], tags, NOW)).toThrow('"500d" is not a period I can use.');
  });
});

describe('contract discounts', () => {
  const contract = {
    flatDiscountPercent: 10,
    skuFamilies: [{ name: 'jobs', patterns: ['*JOBS*'], discountPercent: 30 }],
  };
  it('applies the first matching SKU family, else the flat discount, else nothing', () => {
    expect(contractFactor('PREMIUM_JOBS_COMPUTE', contract)).toBeCloseTo(0.7);
    expect(contractFactor('PREMIUM_ALL_PURPOSE_COMPUTE', contract)).toBeCloseTo(0.9);
    expect(contractFactor('PREMIUM_JOBS_COMPUTE', undefined)).toBe(1);
    // `_` and `(` in SKU names are literal, not pattern syntax.
    const exact = {
      flatDiscountPercent: 0,
      skuFamilies: [{ name: 'p', patterns: ['*_(PHOTON)'], discountPercent: 5 }],
    };
    expect(contractFactor('PREMIUM_ALL_PURPOSE_COMPUTE_(PHOTON)', exact)).toBeCloseTo(0.95);
    expect(contractFactor('PREMIUM_ALL_PURPOSE_COMPUTE', exact)).toBe(1);
  });
});

describe('robust statistics and money', () => {
  it('median, MAD and robust deviations', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(medianAbsoluteDeviation([1, 2, 3, 4, 100])).toBe(1);
    expect(robustDeviations(10, [5, 5, 5, 5])).toBe(Infinity);
    expect(robustDeviations(4, [5, 5, 5, 5])).toBe(0);
    expect(robustDeviations(3 + 3 * 1.4826, [1, 2, 3, 4, 5])).toBeCloseTo(3);
  });

  it('formats amounts and changes', () => {
    expect(formatAmount(1234.567, 'USD')).toBe('$1,235');
    expect(formatAmount(12.345, 'USD')).toBe('$12.35');
    expect(formatAmount(-5, 'EUR')).toBe('−€5.00');
    expect(formatAmount(80, 'CHF')).toBe('80.00 CHF');
    expect(formatChange(110, 100)).toBe('+10%');
    expect(formatChange(50, 100)).toBe('−50%');
    expect(formatChange(5, 0)).toBe('new');
    expect(formatChange(0, 0)).toBe('±0%');
  });
});
