import { describe, expect, it } from 'vitest';
import { JsonText } from '../ports/databricks-workspace.js';
import { InvalidRowError, normalizeRow } from './collected-row.js';
import { cols, decimal, type SystemTableSpec } from './system-table-spec.js';

const table: SystemTableSpec = {
  name: 'system.test.rows',
  required: true,
  columns: [
    ...cols('text', 'id'),
    ...cols('timestamp', 'at'),
    ...cols('date', 'day'),
    decimal('quantity'),
    ...cols('bigint', 'count'),
    ...cols('boolean', 'flag'),
    ...cols('json', 'meta'),
  ],
  key: ['id'],
  cursor: { kind: 'full' },
  storage: { kind: 'json' },
};

describe('normalizing driver rows', () => {
  it('formats every Date instant right, however many distinct ones pass (the text cache is cleared as it fills)', () => {
    const start = Date.UTC(2026, 0, 1);
    for (let i = 0; i < 10_000; i += 7) {
      const at = new Date(start + i * 60_000 + (i % 1000));
      const row = normalizeRow(table, { id: String(i), at, day: at });
      expect(row.at).toBe(at.toISOString());
      expect(row.day).toBe(at.toISOString().slice(0, 10));
    }
  });

  it('reads column-based results: zone-less UTC timestamps, dates and decimals as text', () => {
    const row = normalizeRow(table, {
      id: 'a',
      at: '2026-11-19 10:00:00.123456',
      day: '2026-11-19',
      quantity: '1.500000000000000000',
      count: 12,
      flag: true,
      meta: { job_id: '7', extra_new_field: 'kept' },
    });
    expect(row).toEqual({
      id: 'a',
      at: '2026-11-19T10:00:00.123456Z',
      day: '2026-11-19',
      quantity: '1.500000000000000000',
      count: 12,
      flag: true,
      meta: { job_id: '7', extra_new_field: 'kept' },
    });
  });

  it('reads Arrow results the same way: Dates, bigints, nested bigints and dates in structs', () => {
    const row = normalizeRow(table, {
      id: 'a',
      at: new Date('2026-11-19T10:00:00.123Z'),
      day: new Date('2026-11-19T00:00:00Z'),
      quantity: '2.25',
      count: 9_007_199_254_740_993n,
      flag: 'false',
      meta: { nested: { n: 5n, when: new Date('2026-01-01T00:00:00Z') }, list: [1n] },
    });
    expect(row).toMatchObject({
      at: '2026-11-19T10:00:00.123Z',
      day: '2026-11-19',
      count: '9007199254740993',
      flag: false,
      meta: { nested: { n: '5', when: '2026-01-01T00:00:00.000Z' }, list: ['1'] },
    });
  });

  it('is idempotent, so the bot can normalize again what a remote collector sent', () => {
    const once = normalizeRow(table, {
      id: 'a',
      at: '2026-11-19 10:00:00',
      day: new Date('2026-11-19T00:00:00Z'),
    });
    expect(normalizeRow(table, once)).toEqual(once);
  });

  it('drops NUL characters Postgres refuses, and keeps missing columns as null', () => {
    const row = normalizeRow(table, { id: 'a\u0000b', meta: { text: 'x\u0000' } });
    expect(row).toMatchObject({ id: 'ab', meta: { text: 'x' }, at: null, quantity: null });
  });

  it('refuses a value that is not of its column type, naming the column', () => {
    expect(() => normalizeRow(table, { id: 'a', quantity: 'lots' })).toThrow(InvalidRowError);
    expect(() => normalizeRow(table, { id: 'a', at: 'yesterday' })).toThrow(/system\.test\.rows\.at/);
  });

  it('keeps a struct’s JSON text as it came for a json column, and parses it for a text column', () => {
    const text = '{"b": 1.10, "a": ["x", null]}';
    const row = normalizeRow(table, { id: new JsonText(text), meta: new JsonText(text) });
    expect(row.meta).toBeInstanceOf(JsonText);
    expect((row.meta as JsonText).text).toBe(text);
    expect(row.id).toBe('{"b":1.1,"a":["x",null]}');
    expect(normalizeRow(table, row)).toEqual(row);
    expect(JSON.stringify(row.meta)).toBe('{"b":1.1,"a":["x",null]}');
  });

  it('parses and cleans JSON text Postgres could not take as it is', () => {
    const nul = normalizeRow(table, { id: 'a', meta: new JsonText('{"k":"a\\u0000b"}') });
    expect(nul.meta).toEqual({ k: 'ab' });
    const scalar = normalizeRow(table, { id: 'a', meta: new JsonText('"just text"') });
    expect(scalar.meta).toBe('just text');
  });
});
