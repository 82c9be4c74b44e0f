import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkspaceClientFactory } from '../src/adapters/databricks/workspace-client-factory.js';
import { DatabricksApiError } from '../src/ports/databricks-account.js';
import { DatabricksSqlError, type SqlRow } from '../src/ports/databricks-workspace.js';
import { startDatabricksEmulator, type DatabricksEmulator } from '../emulator/databricks-emulator.js';
import { DBSQLClient } from '@databricks/sql';
import type { Agent } from 'node:https';
import { rootCertificates } from 'node:tls';
import { withSharedTlsContext } from '../src/adapters/databricks/driver-https-agent.js';

const CREDENTIALS = { clientId: 'chatops-collector', clientSecret: 'collector-secret-7f3a' };
const FAST = {
  retry: { maxAttempts: 2, baseDelayMs: 5, maxDelayMs: 20 },
  driver: { retryMaxAttempts: 2, retryDelayMin: 10, retryDelayMax: 50 },
};
let emulator: DatabricksEmulator;
let rowCount: number;

beforeAll(async () => {
  emulator = await startDatabricksEmulator({
    ...CREDENTIALS,
    warehouses: [
      { id: 'a1b2c3d4e5f60718', name: 'Reporting', state: 'STOPPED' },
      { id: 'ffeeddccbbaa9988', name: 'Serverless Starter', state: 'RUNNING' },
    ],
  });
  const seeded = await emulator.seed({
    seed: 9,
    days: 4,
    workspaces: 1,
    today: new Date('2026-03-01T00:00:00Z'),
  });
  rowCount = seeded.rowCounts['system.billing.usage']!;
});
afterAll(async () => {
  await emulator?.close();
});

const factory = (extra: ConstructorParameters<typeof WorkspaceClientFactory>[0] = {}) =>
  new WorkspaceClientFactory({ extraCaPem: emulator.caCert, allowLoopbackHosts: true, ...FAST, ...extra });
const connect = (settings: Partial<typeof CREDENTIALS> = {}, extra = {}) =>
  factory(extra).connect({ workspaceUrl: emulator.url, ...CREDENTIALS, ...settings });
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

describe('the workspace client against the emulator', () => {
  it('gets one OAuth M2M token for many concurrent callers and caches it', async () => {
    const before = emulator.tokensIssued;
    const api = connect();
    const tokens = await Promise.all(Array.from({ length: 20 }, () => api.token()));
    expect(new Set(tokens).size).toBe(1);
    expect(await api.token()).toBe(tokens[0]);
    expect(emulator.tokensIssued - before).toBe(1);
    const request = await emulator.waitForRequest((r) => r.path === '/oidc/v1/token');
    expect(request).toMatchObject({ method: 'POST', status: 200 });
    await api.close();
  });

  it('lists warehouses with their state and the driver path', async () => {
    const api = connect();
    expect(await api.listWarehouses()).toEqual([
      {
        id: 'a1b2c3d4e5f60718',
        name: 'Reporting',
        state: 'STOPPED',
        httpPath: '/sql/1.0/warehouses/a1b2c3d4e5f60718',
      },
      {
        id: 'ffeeddccbbaa9988',
        name: 'Serverless Starter',
        state: 'RUNNING',
        httpPath: '/sql/1.0/warehouses/ffeeddccbbaa9988',
      },
    ]);
    await api.close();
  });

  it('streams a statement in batches of at most batchSize, with named parameters, on one shared token', async () => {
    const before = emulator.tokensIssued;
    const api = connect();
    const batches: SqlRow[][] = [];
    const result = await api.streamQuery(
      'ffeeddccbbaa9988',
      'SELECT record_id, usage_quantity FROM system.billing.usage WHERE usage_date >= :since ORDER BY record_id',
      {
        batchSize: 7,
        parameters: { since: '2000-01-01' },
        onBatch: async (rows) => {
          batches.push(rows);
        },
      },
    );
    expect(result.rows).toBe(rowCount);
    expect(batches.flat()).toHaveLength(rowCount);
    expect(batches.slice(0, -1).every((batch) => batch.length === 7)).toBe(true);
    expect(batches.at(-1)!.length).toBeGreaterThan(0);
    expect(batches.at(-1)!.length).toBeLessThanOrEqual(7);
    expect(batches[0]![0]).toEqual({ record_id: expect.any(String), usage_quantity: expect.any(Number) });
    const statement = emulator.statements.at(-1)!;
    expect(statement).toMatchObject({ state: 'CLOSED', tables: ['system.billing.usage'] });
    expect(emulator.tokensIssued - before).toBe(1); // REST and the SQL driver share our token cache
    await api.close();
  });

  it('maps a missing SELECT grant to a permission-denied DatabricksSqlError', async () => {
    emulator.faults.denySelect('system.access.audit');
    const api = connect();
    const error = await failure(
      api.streamQuery('ffeeddccbbaa9988', 'SELECT 1 FROM system.access.audit LIMIT 1', {
        batchSize: 1,
        onBatch: async () => undefined,
      }),
    );
    emulator.faults.clear();
    expect(error).toBeInstanceOf(DatabricksSqlError);
    expect(error).toMatchObject({
      permissionDenied: true,
      retryable: false,
      errorClass: 'INSUFFICIENT_PERMISSIONS',
    });
    const missing = await failure(
      api.streamQuery('ffeeddccbbaa9988', 'SELECT 1 FROM system.nothing.here LIMIT 1', {
        batchSize: 1,
        onBatch: async () => undefined,
      }),
    );
    expect(missing).toMatchObject({ permissionDenied: false, errorClass: 'TABLE_OR_VIEW_NOT_FOUND' });
    await api.close();
  });

  it('reports bad credentials as a 401 DatabricksApiError, from token() and from a query', async () => {
    const api = connect({ clientSecret: 'wrong-secret-value' });
    const error = await failure(api.token());
    expect(error).toBeInstanceOf(DatabricksApiError);
    expect(error).toMatchObject({ status: 401, retryable: false });
    expect(String((error as Error).message)).not.toContain('wrong-secret-value');
    const query = await failure(
      api.streamQuery('ffeeddccbbaa9988', 'SELECT 1', { batchSize: 1, onBatch: async () => undefined }),
    );
    expect(query).toMatchObject({ name: 'DatabricksApiError', status: 401 });
    await api.close();
  });

  it('maps an HTTP failure of the warehouse endpoint to a retryable DatabricksApiError', async () => {
    emulator.faults.failRequests('sql', { status: 503, thriftMethod: 'ExecuteStatement' });
    const api = connect();
    const error = await failure(
      api.streamQuery('ffeeddccbbaa9988', 'SELECT 1', { batchSize: 1, onBatch: async () => undefined }),
    );
    emulator.faults.clear();
    expect(error).toBeInstanceOf(DatabricksApiError);
    expect(error).toMatchObject({ retryable: true });
    await api.close();
  });

  it('refuses loopback hosts unless allowed, and trusts the emulator only with its CA', async () => {
    expect(() =>
      new WorkspaceClientFactory({ extraCaPem: emulator.caCert }).connect({
        workspaceUrl: emulator.url,
        ...CREDENTIALS,
      }),
    ).toThrow(/loopback workspace hosts are refused/);
    const untrusting = new WorkspaceClientFactory({ allowLoopbackHosts: true, retry: { maxAttempts: 1 } });
    const api = untrusting.connect({ workspaceUrl: emulator.url, ...CREDENTIALS });
    const error = await failure(api.listWarehouses());
    expect(error).toBeInstanceOf(DatabricksApiError);
    expect(error).toMatchObject({ retryable: true });
    await api.close();
  });

  it('the SQL driver trusts the extra CA through one shared TLS context, and only that CA', async () => {
    const client = withSharedTlsContext(new DBSQLClient({ logger: { log: () => undefined } }));
    const provider = (
      client as unknown as { createConnectionProvider(o: object): { getAgent(): Promise<Agent> } }
    ).createConnectionProvider({
      host: '127.0.0.1',
      path: '/sql/1.0/warehouses/x',
      customCaCert: emulator.caCert,
    });
    const agent = await provider.getAgent();
    // No `ca` list in the agent's options (Node would put ~200 kB of roots into every pool key).
    expect(agent.options).toMatchObject({ secureContext: expect.anything(), rejectUnauthorized: true });
    expect((agent.options as { ca?: unknown }).ca).toBeUndefined();
    expect(agent.getName({ host: '127.0.0.1', port: 443 }).length).toBeLessThan(200);

    // Another CA than the emulator's: the warehouse's certificate is refused.
    const otherCa = rootCertificates[0]!;
    const api = factory({ extraCaPem: otherCa }).connect({ workspaceUrl: emulator.url, ...CREDENTIALS });
    const error = await failure(
      api.streamQuery('ffeeddccbbaa9988', 'SELECT 1', { batchSize: 10, onBatch: async () => {} }),
    );
    expect(String((error as Error).message) + String((error as { cause?: unknown }).cause)).toMatch(
      /certificate/i,
    );
    await api.close();
  });
});
