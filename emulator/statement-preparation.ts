/**
 * Everything that happens to a statement before it runs: the record kept for assertions, the
 * driver's bound parameters, translation to Postgres against the current catalog, and the
 * permission fault. A failure here becomes the operation's error, as Databricks reports
 * analysis errors through the operation status.
 */
import type pg from 'pg';
import { DatabricksSqlError, insufficientPermissions } from './databricks-errors.js';
import { loadCatalog, type EmulatedCatalog } from './emulator-catalog.js';
import type { EmulatorFaults } from './emulator-faults.js';
import type { RecordedStatement } from './emulator-recordings.js';
import { translateStatement, type SqlParameter } from './sql-translator.js';

export interface PreparedStatement {
  record: RecordedStatement;
  catalog: EmulatedCatalog;
  postgresSql?: string;
  failure?: DatabricksSqlError;
}

interface WireParameter {
  name?: string | null;
  type?: string | null;
  value?: { stringValue?: string | null } | null;
}

export async function prepareStatement(input: {
  sql: string;
  parameters: unknown;
  warehouseId: string;
  session: { id: string; catalog: string; schema: string };
  pool: pg.Pool;
  faults: EmulatorFaults;
}): Promise<PreparedStatement> {
  const { sql, session } = input;
  const bound = ((input.parameters as WireParameter[] | null | undefined) ?? []).map((p) => ({
    ...(p.name ? { name: p.name } : {}),
    ...(p.type ? { type: p.type } : {}),
    ...(typeof p.value?.stringValue === 'string' ? { value: p.value.stringValue } : {}),
  }));
  const record: RecordedStatement = {
    operationId: '',
    warehouseId: input.warehouseId,
    sessionId: session.id,
    sql,
    tables: [],
    parameters: bound,
    state: 'RUNNING',
    rowsFetched: 0,
    fetchCalls: 0,
    at: Date.now(),
  };
  const catalog = await loadCatalog(input.pool);
  try {
    const translated = translateStatement(sql, {
      catalog,
      defaultCatalog: session.catalog,
      defaultSchema: session.schema,
      namedParameters: new Map(bound.filter((p) => p.name).map((p) => [p.name as string, p as SqlParameter])),
      ordinalParameters: bound.filter((p) => !p.name),
    });
    record.tables = translated.tables;
    record.postgresSql = translated.sql;
    const denied = input.faults.deniedTable(translated.tables);
    if (denied) return { record, catalog, failure: insufficientPermissions(denied) };
    return { record, catalog, postgresSql: translated.sql };
  } catch (error) {
    if (!(error instanceof DatabricksSqlError)) throw error;
    return { record, catalog, failure: error };
  }
}
