import { afterAll, beforeAll, expect, test } from 'vitest';
import { startDatabricksEmulator, type DatabricksEmulator } from '../../../emulator/databricks-emulator.js';
import { connectDriver, type DriverConnection } from '../../../emulator/emulator-test-client.js';
import { JsonText } from '../../ports/databricks-workspace.js';
import { readArrowPagesByColumn } from './arrow-page-rows.js';

const credentials = { clientId: 'collector-sp', clientSecret: 'collector-secret' };
let emulator: DatabricksEmulator;
let connection: DriverConnection;

beforeAll(async () => {
  emulator = await startDatabricksEmulator({ ...credentials, resultFormat: 'arrow', maxPageRows: 40 });
  await emulator.seed({ seed: 3, days: 3, workspaces: 1, today: new Date('2026-03-01T00:00:00Z') });
  connection = await connectDriver(emulator, credentials);
});

afterAll(async () => {
  await connection?.close();
  await emulator?.close();
});

/** The rows of `statement` as the driver converts them, and as read column by column. */
async function bothWays(statement: string, maxRows = 25) {
  const read = async (byColumn: boolean) => {
    const operation = await connection.session.executeStatement(statement);
    const took = byColumn ? await readArrowPagesByColumn(operation) : false;
    const rows: object[] = [];
    do rows.push(...(await operation.fetchChunk({ maxRows })));
    while (await operation.hasMoreRows());
    await operation.close();
    return { took, rows };
  };
  return { driver: await read(false), byColumn: await read(true) };
}

/** Values and key order, Dates as their time values. */
const exact = (rows: object[]) =>
  rows.map((row) =>
    Object.entries(row).map(([key, value]) => [key, value instanceof Date ? value.getTime() : value]),
  );

test('system table rows read column by column equal the driver’s own conversion, page after page', async () => {
  const { driver, byColumn } = await bothWays(
    `SELECT record_id, workspace_id, usage_start_time, usage_date, custom_tags, usage_quantity,
            CAST(usage_quantity AS STRING) AS quantity_text, usage_metadata, identity_metadata, product_features
     FROM system.billing.usage ORDER BY usage_start_time, record_id`,
  );
  expect(byColumn.took).toBe(true);
  expect(driver.rows.length).toBeGreaterThan(100);
  expect(exact(byColumn.rows)).toEqual(exact(driver.rows));
});

test('every primitive kind, nulls, non-ASCII text and a leading BOM come out as the driver’s', async () => {
  const { driver, byColumn } = await bothWays(
    `SELECT * FROM (VALUES
       (true, CAST(-7 AS TINYINT), CAST(-300 AS SMALLINT), 70000, CAST(9007199254740991 AS BIGINT), CAST(1.5 AS DOUBLE),
        'héllo ✓ 𝄞', CAST('1969-07-20' AS DATE), CAST('2026-11-10 12:34:56.789123' AS TIMESTAMP), 12.25, '\uFEFFbom'),
       (false, NULL, NULL, NULL, NULL, NULL, '', NULL, CAST('1965-01-01 00:00:00.5' AS TIMESTAMP), NULL, NULL),
       (NULL, CAST(0 AS TINYINT), CAST(0 AS SMALLINT), -1, CAST(-42 AS BIGINT), -0.25, NULL,
        CAST('2026-02-28' AS DATE), NULL, -3, 'x')
     ) AS t(b, tiny, small, i, big, d, s, day, ts, dec, bom)`,
    2,
  );
  expect(byColumn.took).toBe(true);
  expect(driver.rows).toHaveLength(3);
  expect(exact(byColumn.rows)).toEqual(exact(driver.rows));
});

test('asked to, it hands structs and maps over as their JSON text, which parses to the driver’s value', async () => {
  const statement =
    'SELECT record_id, custom_tags, usage_metadata FROM system.billing.usage ORDER BY record_id LIMIT 30';
  const { driver } = await bothWays(statement);
  const operation = await connection.session.executeStatement(statement);
  expect(await readArrowPagesByColumn(operation, { complexTypesAsJsonText: true })).toBe(true);
  const rows = (await operation.fetchAll()) as Record<string, unknown>[];
  await operation.close();
  expect(rows[0]?.usage_metadata).toBeInstanceOf(JsonText);
  expect(JSON.parse(JSON.stringify(rows))).toEqual(driver.rows);
});
