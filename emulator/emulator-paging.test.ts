import { afterEach, expect, test } from 'vitest';
import { startDatabricksEmulator, type DatabricksEmulator } from './databricks-emulator.js';
import { connectDriver } from './emulator-test-client.js';

const credentials = { clientId: 'collector-sp', clientSecret: 'collector-secret' };
let emulator: DatabricksEmulator | undefined;

afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

/** 25,000 billing rows straight into Postgres (generate_series), ingested on 2026-01-01..10. */
async function insertUsageRows(target: DatabricksEmulator, count: number): Promise<void> {
  await target.pool.query(
    `insert into "system__billing"."usage" (record_id, workspace_id, sku_name, usage_quantity, usage_metadata, custom_tags, ingestion_date, record_type)
     select 'rec-' || lpad(i::text, 6, '0'), '1234567890123456', 'PREMIUM_JOBS_COMPUTE', (i % 97) / 7.0,
            jsonb_build_object('job_id', (i % 13)::text), '{"team":"data-eng"}'::jsonb, date '2026-01-01' + (i % 10), 'ORIGINAL'
     from generate_series(1, $1) as i`,
    [count],
  );
}

test.each([
  { directResults: false, label: 'without direct results' },
  { directResults: true, label: 'with direct results' },
])('pages 25,000 rows to the driver 10,000 at a time ($label)', async ({ directResults }) => {
  emulator = await startDatabricksEmulator({ ...credentials, directResults });
  await insertUsageRows(emulator, 25_000);
  const connection = await connectDriver(emulator, credentials);
  try {
    const operation = await connection.session.executeStatement(
      "SELECT record_id, usage_quantity, usage_metadata FROM system.billing.usage WHERE ingestion_date >= '2026-01-01' ORDER BY record_id",
      { maxRows: 10_000 },
    );
    const chunkSizes: number[] = [];
    let seen = 0;
    let last = '';
    do {
      const chunk = (await operation.fetchChunk({ maxRows: 10_000, disableBuffering: true })) as {
        record_id: string;
      }[];
      chunkSizes.push(chunk.length);
      for (const row of chunk) {
        expect(row.record_id > last).toBe(true);
        last = row.record_id;
      }
      seen += chunk.length;
    } while (await operation.hasMoreRows());
    await operation.close();
    expect(seen).toBe(25_000);
    expect(Math.max(...chunkSizes)).toBeLessThanOrEqual(10_000);
    const fetches = emulator.requests.filter((r) => r.thriftMethod === 'FetchResults').length;
    // Three pages of rows and the final empty page, minus the first page when it came directly.
    expect(fetches).toBe(directResults ? 3 : 4);
    expect(emulator.statements.at(-1)).toMatchObject({ rowsFetched: 25_000, fetchCalls: 3, state: 'CLOSED' });
    // Rows are streamed with a cursor: nothing is left holding a connection once the last row went.
    expect(emulator.pool.totalCount - emulator.pool.idleCount).toBe(0);
  } finally {
    await connection.close();
  }
});

test('the page size never exceeds maxPageRows, whatever the client asks', async () => {
  emulator = await startDatabricksEmulator({ ...credentials, maxPageRows: 4_000 });
  await insertUsageRows(emulator, 9_000);
  const connection = await connectDriver(emulator, credentials);
  try {
    const operation = await connection.session.executeStatement('SELECT record_id FROM system.billing.usage');
    expect(await operation.fetchAll()).toHaveLength(9_000);
    await operation.close();
    // 4,000 + 4,000 + 1,000 rows from the cursor, then the empty page the driver asks for.
    expect(emulator.statements.at(-1)).toMatchObject({ rowsFetched: 9_000, fetchCalls: 3 });
    expect(emulator.requests.filter((r) => r.thriftMethod === 'FetchResults')).toHaveLength(4);
  } finally {
    await connection.close();
  }
});
