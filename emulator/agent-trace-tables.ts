import type pg from 'pg';
import { tableDdl } from './emulator-database.js';

/**
 * Trace tables of Databricks agents in the emulator: an AI Gateway inference table and an MLflow
 * spans table, plus the Unity Catalog information_schema view agent discovery lists them with.
 */
const INFO_SCHEMA_VIEW = `
  create schema if not exists workspace__information_schema;
  create or replace view workspace__information_schema.tables as
    select split_part(table_schema::text, '__', 1) as table_catalog,
           split_part(table_schema::text, '__', 2) as table_schema,
           table_name::text as table_name, table_type::text as table_type
    from information_schema.tables where table_schema::text like '%\\_\\_%'`;

export async function createAgentTraceTables(
  pool: pg.Pool,
  tables: { inferenceTable: string; spansTable?: string },
): Promise<void> {
  await pool.query(
    [
      ...tableDdl({
        name: tables.inferenceTable,
        columns: [
          ['databricks_request_id', 'string'],
          ['client_request_id', 'string'],
          ['request_date', 'date'],
          ['request_time', 'timestamp'],
          ['status_code', 'int'],
          ['request', 'string'],
          ['response', 'string'],
          ['requester', 'string'],
        ],
      }),
      ...(tables.spansTable
        ? tableDdl({
            name: tables.spansTable,
            columns: [
              ['trace_id', 'string'],
              ['span_id', 'string'],
              ['parent_span_id', 'string'],
              ['name', 'string'],
              ['kind', 'string'],
              ['start_time_unix_nano', 'bigint'],
              ['end_time_unix_nano', 'bigint'],
              ['attributes', 'map<string,string>'],
            ],
          })
        : []),
      INFO_SCHEMA_VIEW,
    ].join(';\n'),
  );
}

/** One request/response row of an inference table (`<catalog>.<schema>.<table>`). */
export async function addInferenceRow(
  pool: pg.Pool,
  inferenceTable: string,
  row: { id: string; at: string; request: unknown; response: unknown; requester?: string },
): Promise<void> {
  const [catalog, schema, table] = inferenceTable.split('.');
  await pool.query(
    `insert into ${catalog}__${schema}.${table}
       (databricks_request_id, client_request_id, request_date, request_time, status_code, request, response, requester)
     values ($1, $2, $3::date, $6::timestamptz, 200, $4, $5, $7)`,
    [
      row.id,
      `client-${row.id}`,
      row.at,
      JSON.stringify(row.request),
      JSON.stringify(row.response),
      row.at,
      row.requester ?? 'user@example.com',
    ],
  );
}
