import { describe, expect, it } from 'vitest';
import { BILLING_USAGE, CLUSTERS, LIST_PRICES, QUERY_HISTORY } from './core-system-tables.js';
import { collectorQuery } from './collector-query.js';

const now = new Date('2026-11-20T06:00:00Z');

describe('collector queries', () => {
  it('read billing usage from the checkpoint minus two days, by ingestion date, decimals as text', () => {
    const query = collectorQuery(BILLING_USAGE, { checkpoint: new Date('2026-11-19T00:00:00Z'), now });
    expect(query.statement).toContain('CAST(usage_quantity AS STRING) AS `usage_quantity`');
    expect(query.statement).toMatch(
      /FROM system\.billing\.usage WHERE `ingestion_date` >= CAST\(:since AS DATE\) ORDER BY `ingestion_date`$/,
    );
    expect(query.parameters).toEqual({ since: '2026-11-17' });
  });

  it('never start after now, even when rows were stamped in the future', () => {
    const query = collectorQuery(BILLING_USAGE, { checkpoint: new Date('2026-11-25T00:00:00Z'), now });
    expect(query.parameters).toEqual({ since: '2026-11-18' });
  });

  it('take an overlap override', () => {
    const query = collectorQuery(CLUSTERS, { checkpoint: now, now, overlapMs: 3_600_000 });
    expect(query.parameters).toEqual({ since: '2026-11-20T05:00:00.000Z' });
    expect(query.statement).toContain(
      'WHERE `change_time` >= CAST(:since AS TIMESTAMP) ORDER BY `change_time`',
    );
  });

  it('read everything on the first run, except very large tables which look back a while', () => {
    expect(collectorQuery(BILLING_USAGE, { checkpoint: null, now }).parameters).toEqual({});
    expect(collectorQuery(QUERY_HISTORY, { checkpoint: null, now }).parameters).toEqual({
      since: '2026-10-21T06:00:00.000Z',
    });
  });

  it('read small tables whole, with prices cast exactly', () => {
    const query = collectorQuery(LIST_PRICES, { checkpoint: null, now });
    expect(query.statement).toContain(
      'CAST(pricing.effective_list.default AS STRING) AS `price_effective_list`',
    );
    expect(query.statement).not.toContain('WHERE');
  });
});
