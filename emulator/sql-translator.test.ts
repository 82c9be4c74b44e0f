import { describe, expect, test } from 'vitest';
import { parseDatabricksType } from './databricks-types.js';
import type { EmulatedCatalog, EmulatedTable } from './emulator-catalog.js';
import { translateStatement, type TranslationContext } from './sql-translator.js';

function table(fullName: string, columns: Record<string, string>): EmulatedTable {
  const [catalog, schema, name] = fullName.split('.') as [string, string, string];
  return {
    fullName,
    pgSchema: `${catalog}__${schema}`,
    pgTable: name,
    oid: 1,
    columns: new Map(
      Object.entries(columns).map(([column, type], i) => [
        column,
        { name: column, attnum: i + 1, type: parseDatabricksType(type) },
      ]),
    ),
  };
}

const tables = [
  table('system.billing.usage', {
    record_id: 'string',
    usage_quantity: 'decimal(38,18)',
    usage_start_time: 'timestamp',
    ingestion_date: 'date',
    custom_tags: 'map<string,string>',
    usage_metadata: 'struct<job_id:string,cluster_id:string>',
    product_features: 'struct<is_serverless:boolean,networking:struct<connectivity_type:string>>',
  }),
  table('system.billing.list_prices', {
    sku_name: 'string',
    pricing: 'struct<default:decimal(30,18),promotional:struct<default:decimal(30,18)>>',
  }),
  table('main.default.notes', { id: 'bigint' }),
];
const catalog: EmulatedCatalog = {
  table: (name) => tables.find((t) => t.fullName === name),
  columnAt: () => undefined,
};

function translate(sql: string, extra: Partial<TranslationContext> = {}): string {
  return translateStatement(sql, { catalog, ...extra }).sql;
}

describe('translateStatement', () => {
  test('maps three-part, backticked and short table names to Postgres schemas', () => {
    expect(translate('SELECT record_id FROM system.billing.usage')).toBe(
      'SELECT "record_id" FROM "system__billing"."usage"',
    );
    expect(translate('select `record_id` from `system`.`billing`.`usage` u')).toBe(
      'select "record_id" from "system__billing"."usage" AS "u"',
    );
    expect(translate('SELECT id FROM notes')).toBe('SELECT "id" FROM "main__default"."notes"');
    expect(
      translateStatement(
        'SELECT 1 FROM system.billing.usage u JOIN system.billing.list_prices p ON u.record_id = p.sku_name',
        { catalog },
      ).tables,
    ).toEqual(['system.billing.usage', 'system.billing.list_prices']);
  });

  test('struct fields become typed jsonb access, named after the field in a select list', () => {
    expect(
      translate('SELECT u.usage_metadata.job_id, product_features.is_serverless FROM system.billing.usage u'),
    ).toBe(
      `SELECT ("u"."usage_metadata"->>'job_id') AS "job_id" , (("product_features"->>'is_serverless')::boolean) AS "is_serverless" FROM "system__billing"."usage" AS "u"`,
    );
    expect(
      translate('SELECT 1 FROM system.billing.list_prices WHERE pricing.promotional.default > 0.1'),
    ).toBe(
      `SELECT 1 AS "1" FROM "system__billing"."list_prices" WHERE ((("pricing"->'promotional')->>'default')::numeric(30,18)) > 0.1`,
    );
    expect(translate('SELECT product_features.networking FROM system.billing.usage')).toContain(
      `("product_features"->'networking') AS "networking"`,
    );
  });

  test('map values by key, subscript or element_at', () => {
    expect(
      translate(
        "SELECT 1 FROM system.billing.usage WHERE custom_tags['team'] = 'ml' AND element_at(custom_tags, 'env') == \"prod\"",
      ),
    ).toBe(
      `SELECT 1 AS "1" FROM "system__billing"."usage" WHERE ("custom_tags"->>'team') = 'ml' AND ("custom_tags"->>'env') = 'prod'`,
    );
  });

  test('time functions, intervals and casts', () => {
    expect(
      translate(
        'SELECT 1 FROM system.billing.usage WHERE usage_start_time >= current_timestamp() - INTERVAL 7 DAYS',
      ),
    ).toContain(`"usage_start_time" >= current_timestamp - interval '7 days'`);
    expect(
      translate('SELECT 1 FROM system.billing.usage WHERE ingestion_date >= date_sub(current_date(), 3)'),
    ).toContain(`"ingestion_date" >= (cast(current_date as date) - (3)::integer)`);
    expect(
      translate(
        "SELECT 1 FROM system.billing.usage WHERE usage_start_time > timestampadd(HOUR, -2, TIMESTAMP '2026-01-01 00:00:00')",
      ),
    ).toContain(`> (timestamptz '2026-01-01 00:00:00' + (- 2) * interval '1 hour')`);
    expect(
      translate(
        'SELECT cast(usage_quantity AS decimal(38,18)) AS q, usage_quantity::double FROM system.billing.usage',
      ),
    ).toBe(
      `SELECT cast("usage_quantity" as numeric(38,18)) AS "q" , "usage_quantity" ::double precision FROM "system__billing"."usage"`,
    );
    expect(
      translate("SELECT 1 FROM system.billing.usage WHERE usage_start_time < now() + INTERVAL '1' DAY"),
    ).toContain(`interval '1 day'`);
  });

  test('parameters become literals of their declared type; a missing one is an error', () => {
    const namedParameters = new Map([
      ['since', { type: 'DATE', value: '2026-01-01' }],
      ['n', { type: 'INTEGER', value: '5' }],
    ]);
    expect(
      translate('SELECT 1 FROM system.billing.usage WHERE ingestion_date >= :since LIMIT :n', {
        namedParameters,
      }),
    ).toBe(
      `SELECT 1 AS "1" FROM "system__billing"."usage" WHERE "ingestion_date" >= date '2026-01-01' LIMIT (5)::integer`,
    );
    expect(
      translate('SELECT 1 FROM system.billing.usage WHERE record_id = ?', {
        ordinalParameters: [{ type: 'STRING', value: "it's" }],
      }),
    ).toContain(`"record_id" = 'it''s'`);
    expect(() => translate('SELECT 1 FROM system.billing.usage WHERE record_id = :missing')).toThrow(
      /UNBOUND_SQL_PARAMETER/,
    );
  });

  test('string literals keep Spark escapes and double quotes as strings', () => {
    expect(
      translate(`SELECT 1 FROM system.billing.usage WHERE record_id = 'a\\'b' OR record_id = "c"`),
    ).toContain(`= 'a''b' OR "record_id" = 'c'`);
  });

  test('what is outside the subset fails clearly', () => {
    expect(() => translate('DELETE FROM system.billing.usage')).toThrow(
      /\[UNSUPPORTED_FEATURE\.EMULATOR\].*statements other than SELECT/,
    );
    expect(() => translate('SELECT 1; SELECT 2')).toThrow(/several statements/);
    expect(() => translate('SELECT explode(custom_tags) FROM system.billing.usage')).toThrow(/explode/);
    expect(() => translate('SELECT sku_name FROM system.billing.usage GROUP BY ALL')).toThrow(/GROUP BY ALL/);
    expect(() => translate('SELECT 1 FROM system.billing.nothing')).toThrow(/TABLE_OR_VIEW_NOT_FOUND/);
    expect(() => translate('SELECT u.usage_metadata.nope FROM system.billing.usage u')).toThrow(
      /FIELD_NOT_FOUND/,
    );
    expect(() => translate('SELECT u.nope FROM system.billing.usage u')).toThrow(/UNRESOLVED_COLUMN/);
  });

  test('CTEs and aliases of select items', () => {
    const sql = translate(
      'WITH latest AS (SELECT record_id, usage_quantity AS qty FROM system.billing.usage) SELECT l.record_id, qty AS Total FROM latest l ORDER BY Total DESC',
    );
    expect(sql).toBe(
      `WITH latest AS ( SELECT "record_id" , "usage_quantity" AS "qty" FROM "system__billing"."usage" ) SELECT "l"."record_id" , "qty" AS "Total" FROM latest l ORDER BY "Total" DESC`,
    );
  });
});
