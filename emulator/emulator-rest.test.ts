import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startDatabricksEmulator, type DatabricksEmulator } from './databricks-emulator.js';
import { connectDriver, httpsCall, requestToken } from './emulator-test-client.js';

const credentials = { clientId: 'discovery-sp', clientSecret: 's3cret' };
let emulator: DatabricksEmulator;

beforeAll(async () => {
  emulator = await startDatabricksEmulator({
    ...credentials,
    tokenTtlSeconds: 1800,
    warehouses: [
      {
        id: 'aaaa1111bbbb2222',
        name: 'Serverless Starter',
        state: 'RUNNING',
        cluster_size: 'Small',
        warehouse_type: 'PRO',
      },
      {
        id: 'cccc3333dddd4444',
        name: 'Nightly BI',
        state: 'STOPPED',
        cluster_size: 'Medium',
        warehouse_type: 'CLASSIC',
        enable_serverless_compute: false,
      },
    ],
    servingEndpoints: [
      {
        name: 'support-agent',
        task: 'agent/v1/responses',
        config: {
          served_entities: [
            { name: 'support_agent-3', entity_name: 'main.agents.support_agent', entity_version: '3' },
          ],
        },
        ai_gateway: {
          inference_table_config: {
            catalog_name: 'main',
            schema_name: 'agents',
            table_name_prefix: 'support_agent',
            enabled: true,
          },
        },
      },
      {
        name: 'chat-llm',
        task: 'llm/v1/chat',
        config: {
          served_entities: [
            { name: 'gpt', external_model: { provider: 'openai', name: 'gpt-4o', task: 'llm/v1/chat' } },
          ],
        },
      },
    ],
  });
});

afterAll(async () => emulator?.close());

async function bearer(): Promise<string> {
  const reply = await requestToken(emulator, credentials.clientId, credentials.clientSecret);
  return `Bearer ${(reply.body as { access_token: string }).access_token}`;
}

describe('workspace OAuth M2M', () => {
  test('client credentials get a bearer token in the Databricks shape', async () => {
    const reply = await requestToken(emulator, credentials.clientId, credentials.clientSecret);
    expect(reply).toMatchObject({
      status: 200,
      headers: { 'cache-control': 'no-store' },
      body: { access_token: expect.any(String), token_type: 'Bearer', expires_in: 1800, scope: 'all-apis' },
    });
    expect(emulator.requests.at(-1)).toMatchObject({ method: 'POST', path: '/oidc/v1/token', status: 200 });
  });

  test('wrong credentials get 401 invalid_client', async () => {
    const reply = await requestToken(emulator, credentials.clientId, 'wrong');
    expect(reply).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
  });

  test('endpoints refuse requests without an issued, unexpired token', async () => {
    expect((await httpsCall(emulator, 'GET', '/api/2.0/sql/warehouses')).status).toBe(401);
    const token = await bearer();
    const headers = { Authorization: token };
    expect((await httpsCall(emulator, 'GET', '/api/2.0/sql/warehouses', { headers })).status).toBe(200);
    emulator.expireTokens();
    const expired = await httpsCall(emulator, 'GET', '/api/2.0/sql/warehouses', { headers });
    expect(expired).toMatchObject({
      status: 401,
      body: { error_code: 'UNAUTHENTICATED', message: 'Token is expired.' },
    });
  });
});

describe('REST discovery', () => {
  test('lists SQL warehouses with ODBC parameters pointing at the emulator', async () => {
    const reply = await httpsCall(emulator, 'GET', '/api/2.0/sql/warehouses', {
      headers: { Authorization: await bearer() },
    });
    expect(reply.status).toBe(200);
    expect((reply.body as { warehouses: unknown[] }).warehouses).toEqual([
      expect.objectContaining({
        id: 'aaaa1111bbbb2222',
        name: 'Serverless Starter',
        state: 'RUNNING',
        cluster_size: 'Small',
        warehouse_type: 'PRO',
        odbc_params: {
          hostname: '127.0.0.1',
          path: '/sql/1.0/warehouses/aaaa1111bbbb2222',
          port: emulator.port,
          protocol: 'https',
        },
      }),
      expect.objectContaining({ id: 'cccc3333dddd4444', state: 'STOPPED', enable_serverless_compute: false }),
    ]);
    const one = await httpsCall(emulator, 'GET', '/api/2.0/sql/warehouses/nope', {
      headers: { Authorization: await bearer() },
    });
    expect(one).toMatchObject({ status: 404, body: { error_code: 'RESOURCE_DOES_NOT_EXIST' } });
  });

  test('lists Unity Catalog registered models and functions of a schema, page by page', async () => {
    emulator.unityCatalog.registeredModels.push(
      { catalog_name: 'main', schema_name: 'agents', name: 'a_bot' },
      { catalog_name: 'main', schema_name: 'agents', name: 'b_bot' },
      { catalog_name: 'main', schema_name: 'other', name: 'c_model' },
    );
    emulator.unityCatalog.functions.push({ catalog_name: 'main', schema_name: 'agents', name: 'lookup' });
    const get = async (path: string) =>
      httpsCall(emulator, 'GET', path, { headers: { Authorization: await bearer() } });
    const first = await get(
      '/api/2.1/unity-catalog/models?catalog_name=main&schema_name=agents&max_results=1',
    );
    expect(first.body).toEqual({
      registered_models: [
        { catalog_name: 'main', schema_name: 'agents', name: 'a_bot', full_name: 'main.agents.a_bot' },
      ],
      next_page_token: '1',
    });
    const second = await get(
      '/api/2.1/unity-catalog/models?catalog_name=main&schema_name=agents&max_results=1&page_token=1',
    );
    expect(second.body).toMatchObject({ registered_models: [{ full_name: 'main.agents.b_bot' }] });
    expect((second.body as Record<string, unknown>).next_page_token).toBeUndefined();
    const functions = await get('/api/2.1/unity-catalog/functions?catalog_name=main&schema_name=agents');
    expect(functions.body).toMatchObject({ functions: [{ full_name: 'main.agents.lookup' }] });
    expect(await get('/api/2.1/unity-catalog/functions')).toMatchObject({
      status: 400,
      body: { error_code: 'INVALID_PARAMETER_VALUE' },
    });
  });

  test('lists serving endpoints with tasks, served entities and the inference table config', async () => {
    const reply = await httpsCall(emulator, 'GET', '/api/2.0/serving-endpoints', {
      headers: { Authorization: await bearer() },
    });
    const endpoints = (reply.body as { endpoints: Record<string, unknown>[] }).endpoints;
    expect(endpoints.map((e) => [e.name, e.task])).toEqual([
      ['support-agent', 'agent/v1/responses'],
      ['chat-llm', 'llm/v1/chat'],
    ]);
    expect(endpoints[0]).toMatchObject({
      state: { ready: 'READY' },
      config: { served_entities: [{ entity_name: 'main.agents.support_agent', entity_version: '3' }] },
      ai_gateway: { inference_table_config: { table_name_prefix: 'support_agent', enabled: true } },
    });
  });

  test('unknown paths answer ENDPOINT_NOT_FOUND', async () => {
    const reply = await httpsCall(emulator, 'GET', '/api/2.0/instance-pools/list', {
      headers: { Authorization: await bearer() },
    });
    expect(reply).toMatchObject({ status: 404, body: { error_code: 'ENDPOINT_NOT_FOUND' } });
  });
});

describe('warehouse state', () => {
  test('a driver connection starts a stopped warehouse, as Databricks does', async () => {
    const connection = await connectDriver(emulator, credentials, { warehouseId: 'cccc3333dddd4444' });
    await connection.close();
    const reply = await httpsCall(emulator, 'GET', '/api/2.0/sql/warehouses/cccc3333dddd4444', {
      headers: { Authorization: await bearer() },
    });
    expect(reply.body).toMatchObject({ state: 'RUNNING', num_clusters: 1 });
  });

  test("the driver's feature-flag call gets an empty flag list", async () => {
    const reply = await httpsCall(emulator, 'GET', '/api/2.0/connector-service/feature-flags/NODEJS/2.1.0', {
      headers: { Authorization: await bearer() },
    });
    expect(reply).toMatchObject({ status: 200, body: { flags: [], ttl_seconds: 900 } });
  });
});
