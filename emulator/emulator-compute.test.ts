import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startDatabricksEmulator, type DatabricksEmulator } from './databricks-emulator.js';
import { httpsCall, requestToken } from './emulator-test-client.js';

const credentials = { clientId: 'actions-sp', clientSecret: 's3cret' };
let emulator: DatabricksEmulator;
let token: string;

beforeAll(async () => {
  emulator = await startDatabricksEmulator({
    ...credentials,
    warehouses: [{ id: 'aaaa1111bbbb2222', name: 'BI', state: 'RUNNING' }],
    clusters: [{ cluster_id: '0101-120000-idle0001', cluster_name: 'idle-shared', state: 'RUNNING' }],
    jobs: [
      {
        job_id: 42,
        settings: {
          name: 'nightly_etl',
          schedule: { quartz_cron_expression: '0 0 2 * * ?', timezone_id: 'UTC', pause_status: 'UNPAUSED' },
        },
      },
    ],
    runs: [{ run_id: 4201, job_id: 42, life_cycle_state: 'RUNNING' }],
    servingEndpoints: [
      { name: 'chat-llm', task: 'llm/v1/chat', config: { served_entities: [] } },
      { name: 'support-agent', task: 'agent/v1/chat', config: { served_entities: [] } },
    ],
  });
  token = (
    (await requestToken(emulator, credentials.clientId, credentials.clientSecret)).body as {
      access_token: string;
    }
  ).access_token;
});
afterAll(async () => emulator?.close());

const call = (method: string, path: string, body?: unknown) =>
  httpsCall(emulator, method, path, {
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

describe('clusters', () => {
  test('terminate, read back TERMINATED, terminate again changes nothing, start again', async () => {
    const id = '0101-120000-idle0001';
    expect((await call('GET', `/api/2.1/clusters/get?cluster_id=${id}`)).body).toMatchObject({
      cluster_id: id,
      state: 'RUNNING',
    });
    expect(await call('POST', '/api/2.1/clusters/delete', { cluster_id: id })).toMatchObject({
      status: 200,
      body: {},
    });
    const after = await call('GET', `/api/2.1/clusters/get?cluster_id=${id}`);
    expect(after.body).toMatchObject({ state: 'TERMINATED', termination_reason: { code: 'USER_REQUEST' } });
    expect((await call('POST', '/api/2.0/clusters/delete', { cluster_id: id })).status).toBe(200);
    expect((await call('POST', '/api/2.1/clusters/start', { cluster_id: id })).status).toBe(200);
    expect((await call('GET', `/api/2.1/clusters/get?cluster_id=${id}`)).body).toMatchObject({
      state: 'RUNNING',
    });
    expect(await call('POST', '/api/2.1/clusters/start', { cluster_id: id })).toMatchObject({
      status: 400,
      body: { error_code: 'INVALID_STATE', message: `Cluster ${id} is in unexpected state Running.` },
    });
  });

  test('an unknown cluster is 400 INVALID_PARAMETER_VALUE; a denied write is 403', async () => {
    expect(await call('GET', '/api/2.1/clusters/get?cluster_id=nope')).toMatchObject({
      status: 400,
      body: { error_code: 'INVALID_PARAMETER_VALUE', message: 'Cluster nope does not exist' },
    });
    emulator.faults.denyWrites('clusters/delete');
    expect(
      await call('POST', '/api/2.1/clusters/delete', { cluster_id: '0101-120000-idle0001' }),
    ).toMatchObject({ status: 403, body: { error_code: 'PERMISSION_DENIED' } });
    emulator.faults.clear();
  });
});

describe('jobs and runs', () => {
  test('pause and resume the schedule through new_settings', async () => {
    const schedule = { quartz_cron_expression: '0 0 2 * * ?', timezone_id: 'UTC', pause_status: 'PAUSED' };
    expect(
      await call('POST', '/api/2.1/jobs/update', { job_id: 42, new_settings: { schedule } }),
    ).toMatchObject({
      status: 200,
    });
    expect((await call('GET', '/api/2.1/jobs/get?job_id=42')).body).toMatchObject({
      job_id: 42,
      settings: { name: 'nightly_etl', schedule: { pause_status: 'PAUSED' } },
    });
    expect((await call('GET', '/api/2.2/jobs/get?job_id=7')).body).toMatchObject({
      error_code: 'INVALID_PARAMETER_VALUE',
      message: 'Job 7 does not exist.',
    });
  });

  test('cancel an active run', async () => {
    expect((await call('POST', '/api/2.1/jobs/runs/cancel', { run_id: 4201 })).status).toBe(200);
    expect((await call('GET', '/api/2.1/jobs/runs/get?run_id=4201')).body).toMatchObject({
      state: { life_cycle_state: 'TERMINATED', result_state: 'CANCELED' },
    });
  });
});

describe('warehouses and AI Gateway', () => {
  test('stop a warehouse', async () => {
    emulator.settleMs = 60_000;
    expect((await call('POST', '/api/2.0/sql/warehouses/aaaa1111bbbb2222/stop')).body).toEqual({});
    expect((await call('GET', '/api/2.0/sql/warehouses/aaaa1111bbbb2222')).body).toMatchObject({
      state: 'STOPPING',
    });
    emulator.settleMs = 0;
    expect((await call('POST', '/api/2.0/sql/warehouses/nope/stop')).status).toBe(404);
  });

  test('guardrails and rate limits on an LLM endpoint; agent endpoints accept inference tables only', async () => {
    const gateway = {
      guardrails: {
        input: { pii: { behavior: 'BLOCK' }, safety: true },
        output: { pii: { behavior: 'MASK' } },
      },
      rate_limits: [{ calls: 100, key: 'user', renewal_period: 'minute' }],
    };
    expect(await call('PUT', '/api/2.0/serving-endpoints/chat-llm/ai-gateway', gateway)).toMatchObject({
      status: 200,
      body: gateway,
    });
    expect((await call('GET', '/api/2.0/serving-endpoints/chat-llm')).body).toMatchObject({
      ai_gateway: gateway,
    });
    expect(await call('PUT', '/api/2.0/serving-endpoints/support-agent/ai-gateway', gateway)).toMatchObject({
      status: 400,
      body: { error_code: 'INVALID_PARAMETER_VALUE' },
    });
    expect((await call('PUT', '/api/2.0/serving-endpoints/gone/ai-gateway', gateway)).status).toBe(404);
  });
});

describe('beforeAnswering', () => {
  test('a hook sees a write carried out, with its body, before the caller hears back; a failing hook changes nothing', async () => {
    const seen: string[] = [];
    let answered = false;
    emulator.beforeAnswering(async (carried) => {
      if (carried.method !== 'POST') return;
      const job = emulator.jobs.find((j) => j.job_id === 42)!;
      seen.push(
        `${carried.path} ${JSON.stringify(carried.body)} ${job.settings.schedule?.pause_status} ${answered}`,
      );
    });
    emulator.beforeAnswering(() => {
      throw new Error('a broken hook');
    });
    const schedule = { quartz_cron_expression: '0 0 2 * * ?', timezone_id: 'UTC', pause_status: 'PAUSED' };
    const reply = await call('POST', '/api/2.1/jobs/update', { job_id: 42, new_settings: { schedule } });
    answered = true;
    expect(reply.status).toBe(200);
    expect(seen).toEqual([
      `/api/2.1/jobs/update ${JSON.stringify({ job_id: 42, new_settings: { schedule } })} PAUSED false`,
    ]);
    schedule.pause_status = 'UNPAUSED';
    await call('POST', '/api/2.1/jobs/update', { job_id: 42, new_settings: { schedule } });
  });
});
