import { sql } from 'kysely';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { SYSTEM_TABLE_CATALOG } from '../src/collectors/system-table-catalog.js';
import type { ColumnKind } from '../src/collectors/system-table-spec.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase('collector_schema');
});

afterAll(async () => {
  await database?.drop();
});

const POSTGRES_TYPE: Record<ColumnKind, string> = {
  text: 'text',
  timestamp: 'timestamp with time zone',
  date: 'date',
  numeric: 'numeric',
  bigint: 'bigint',
  integer: 'integer',
  boolean: 'boolean',
  json: 'jsonb',
};

const typed = SYSTEM_TABLE_CATALOG.flatMap((t) =>
  t.storage.kind === 'typed' ? [[t.name, t, t.storage.table] as const] : [],
);

test.each(typed)(
  '%s is stored in a table with its columns, types and natural key',
  async (_name, table, target) => {
    const { rows: columns } = await sql<{ column_name: string; data_type: string }>`
    select column_name, data_type from information_schema.columns
    where table_schema = 'public' and table_name = ${target}`.execute(database.db);
    const types = Object.fromEntries(columns.map((c) => [c.column_name, c.data_type]));
    expect(types).toEqual({
      region_id: 'uuid',
      collected_at: 'timestamp with time zone',
      ...Object.fromEntries(table.columns.map((c) => [c.name, POSTGRES_TYPE[c.kind]])),
    });
    const { rows: key } = await sql<{ column_name: string }>`
    select a.attname as column_name from pg_index i
    join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
    where i.indrelid = ${target}::regclass and i.indisprimary
    order by array_position(i.indkey, a.attnum)`.execute(database.db);
    expect(key.map((k) => k.column_name)).toEqual(['region_id', ...table.key]);
  },
);
