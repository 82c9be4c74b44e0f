import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { startDatabricksEmulator, type DatabricksEmulator } from './databricks-emulator.js';
import { connectDriver, httpsCall, requestToken } from './emulator-test-client.js';
import { TOperationState, TStatusCode } from './thrift-wire.js';
import { WarehouseSqlService } from './warehouse-sql-service.js';

const credentials = { clientId: 'collector-sp', clientSecret: 'collector-secret' };
let emulator: DatabricksEmulator;

beforeAll(async () => {
  emulator = await startDatabricksEmulator({ ...credentials, staticTokens: ['static-token'] });
  await emulator.seed({ seed: 5, days: 7, workspaces: 1, today: new Date('2026-03-01T00:00:00Z') });
});

afterEach(() => emulator.faults.clear());
afterAll(async () => emulator?.close());

async function runProbe(
  sql = 'SELECT 1 FROM system.billing.usage LIMIT 1',
  options: Parameters<typeof connectDriver>[2] = {},
) {
  const connection = await connectDriver(emulator, credentials, options);
  try {
    const operation = await connection.session.executeStatement(sql);
    const rows = await operation.fetchAll();
    await operation.close();
    return rows;
  } finally {
    await connection.close();
  }
}

describe('fault injection', () => {
  test('401 on the token endpoint stops the driver before any SQL', async () => {
    emulator.faults.failRequests('token', { status: 401, times: 1 });
    await expect(runProbe()).rejects.toThrow(/token request failed: 401/);
    const reply = await requestToken(emulator, credentials.clientId, credentials.clientSecret);
    expect(reply.status).toBe(200);
  });

  test('401 on the SQL endpoint surfaces as an HTTP 401 from the driver', async () => {
    emulator.faults.failRequests('sql', { status: 401, thriftMethod: 'ExecuteStatement' });
    await expect(runProbe()).rejects.toMatchObject({ statusCode: 401 });
  });

  test('429 with Retry-After on a status poll is retried by the driver and the statement succeeds', async () => {
    emulator.faults.failRequests('sql', {
      status: 429,
      retryAfterSeconds: 1,
      thriftMethod: 'GetOperationStatus',
      times: 2,
    });
    expect(await runProbe()).toEqual([{ 1: 1 }]);
    const polls = emulator.requests.filter((r) => r.thriftMethod === 'GetOperationStatus').slice(-3);
    expect(polls.map((r) => r.status)).toEqual([429, 429, 200]);
    // Driver 2.1 reads Retry-After as milliseconds (floored at retryDelayMin = 10 ms here), so a
    // "Retry-After: 1" is not a one-second wait: the retries come well within a second.
    expect((polls[2]?.at ?? 0) - (polls[0]?.at ?? 0)).toBeLessThan(1000);
  });

  test('429 on ExecuteStatement is not retried by the driver: the caller sees it', async () => {
    emulator.faults.failRequests('sql', {
      status: 429,
      retryAfterSeconds: 1,
      thriftMethod: 'ExecuteStatement',
    });
    await expect(runProbe()).rejects.toMatchObject({ statusCode: 429 });
  });

  test('5xx on every SQL call exhausts the driver retries', async () => {
    emulator.faults.failRequests('sql', { status: 503, thriftMethod: 'GetOperationStatus' });
    await expect(runProbe(undefined, { retryMaxAttempts: 3 })).rejects.toThrow(/attempts|503|retr/i);
  });

  test('429 and 503 on REST carry Retry-After and the Databricks error body', async () => {
    emulator.faults.failRequests('rest', {
      status: 429,
      retryAfterSeconds: 7,
      path: '/sql/warehouses',
      times: 1,
    });
    const throttled = await httpsCall(emulator, 'GET', '/api/2.0/sql/warehouses', {
      headers: { Authorization: 'Bearer static-token' },
    });
    expect(throttled).toMatchObject({
      status: 429,
      headers: { 'retry-after': '7' },
      body: { error_code: 'TOO_MANY_REQUESTS' },
    });
    emulator.faults.failRequests('rest', { status: 503, times: 1 });
    const down = await httpsCall(emulator, 'GET', '/api/2.0/serving-endpoints', {
      headers: { Authorization: 'Bearer static-token' },
    });
    expect(down).toMatchObject({ status: 503, body: { error_code: 'TEMPORARILY_UNAVAILABLE' } });
    const fine = await httpsCall(emulator, 'GET', '/api/2.0/sql/warehouses', {
      headers: { Authorization: 'Bearer static-token' },
    });
    expect(fine.status).toBe(200);
  });

  test('a slow statement stays RUNNING for the given polls, then finishes', async () => {
    emulator.faults.slowStatements({ polls: 3, matching: 'job_run_timeline', times: 1 });
    const before = emulator.requests.length;
    const rows = await runProbe('SELECT run_id FROM system.lakeflow.job_run_timeline LIMIT 2');
    expect(rows).toHaveLength(2);
    const polls = emulator.requests.slice(before).filter((r) => r.thriftMethod === 'GetOperationStatus');
    expect(polls.length).toBe(4);
  });

  test('a slow statement can also be held for a time', async () => {
    emulator.faults.slowStatements({ ms: 400, times: 1 });
    const started = Date.now();
    expect(await runProbe()).toEqual([{ 1: 1 }]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(400);
  });

  test('a table without SELECT permission fails; other tables still answer', async () => {
    emulator.faults.denySelect('system.billing.usage');
    await expect(runProbe('SELECT u.record_id FROM system.billing.usage u LIMIT 1')).rejects.toThrow(
      "[INSUFFICIENT_PERMISSIONS] Insufficient privileges: User does not have permission SELECT on table 'system.billing.usage'.",
    );
    expect(await runProbe('SELECT 1 FROM system.billing.list_prices LIMIT 1')).toEqual([{ 1: 1 }]);
    expect(emulator.statements.at(-2)).toMatchObject({ state: 'FAILED', tables: ['system.billing.usage'] });
  });

  test('an unknown warehouse answers OpenSession with an error status', async () => {
    await expect(connectDriver(emulator, credentials, { warehouseId: 'does-not-exist' })).rejects.toThrow(
      /RESOURCE_DOES_NOT_EXIST.*does-not-exist/,
    );
  });

  test('unknown session and operation handles get INVALID_HANDLE statuses', async () => {
    const service = new WarehouseSqlService({
      pool: emulator.pool,
      faults: emulator.faults,
      statements: { record: () => undefined } as never,
      warehouses: { connect: () => true },
      directResults: false,
      maxPageRows: 10,
    });
    const handler = service.handlerFor('w1') as Record<
      string,
      (req: object) => Promise<{ status: { statusCode: number }; operationState?: number }>
    >;
    const stranger = { guid: Buffer.alloc(16, 7), secret: Buffer.alloc(16) };
    const operationHandle = { operationId: stranger, operationType: 0, hasResultSet: true };
    for (const call of [
      'GetOperationStatus',
      'FetchResults',
      'GetResultSetMetadata',
      'CloseOperation',
    ] as const) {
      const answer = await handler[call]?.({ operationHandle, maxRows: 10 });
      expect(answer?.status.statusCode, call).toBe(TStatusCode.INVALID_HANDLE);
    }
    expect(
      (await handler.ExecuteStatement?.({ sessionHandle: { sessionId: stranger }, statement: 'SELECT 1' }))
        ?.status.statusCode,
    ).toBe(TStatusCode.INVALID_HANDLE);
    expect(TOperationState.ERROR).not.toBe(TOperationState.FINISHED);
  });
});
