import { describe, expect, it } from 'vitest';
import { OPTIONAL_SYSTEM_TABLES, REQUIRED_SYSTEM_TABLES } from '../connectors/system-tables.js';
import { SYSTEM_TABLE_CATALOG, systemTable } from './system-table-catalog.js';

describe('the collected system tables', () => {
  it('are the tables connectors validate and remote collectors may send, required ones alike', () => {
    expect(
      SYSTEM_TABLE_CATALOG.filter((t) => t.required)
        .map((t) => t.name)
        .sort(),
    ).toEqual([...REQUIRED_SYSTEM_TABLES].sort());
    expect(
      SYSTEM_TABLE_CATALOG.filter((t) => !t.required)
        .map((t) => t.name)
        .sort(),
    ).toEqual([...OPTIONAL_SYSTEM_TABLES].sort());
  });

  it.each(SYSTEM_TABLE_CATALOG.map((t) => [t.name, t] as const))(
    '%s: key, cursor and version are columns it reads',
    (_name, table) => {
      const columns = table.columns.map((c) => c.name);
      expect(new Set(columns).size).toBe(columns.length);
      for (const key of table.key) expect(columns).toContain(key);
      if (table.cursor.kind === 'incremental') {
        expect(columns).toContain(table.cursor.column);
        expect(table.columns.find((c) => c.name === (table.cursor as { column: string }).column)?.kind).toBe(
          table.cursor.unit,
        );
      }
      if (table.versionColumn) expect(columns).toContain(table.versionColumn);
      expect(systemTable(table.name.toUpperCase())).toBe(table);
    },
  );
});
