/**
 * The workspace REST calls remediation actions make, with Databricks' request and response shapes
 * and error codes (docs.databricks.com/api):
 * - Lists: `GET /api/2.1/clusters/list`, `GET /api/2.1/jobs/list` (one page).
 * - Clusters: `GET /api/2.{0,1}/clusters/get?cluster_id=`, `POST …/clusters/delete` (terminate;
 *   nothing happens when already TERMINATING/TERMINATED), `POST …/clusters/start` (400
 *   INVALID_STATE unless TERMINATED). An unknown cluster is 400 INVALID_PARAMETER_VALUE, as on
 *   Databricks (Jobs and Clusters keep that legacy code rather than 404).
 * - Jobs: `GET /api/2.{1,2}/jobs/get?job_id=`, `POST …/jobs/update` (`new_settings` replaces the
 *   top-level fields it names), `GET …/jobs/runs/get?run_id=`, `POST …/jobs/runs/cancel`.
 * - SQL warehouses: `POST /api/2.0/sql/warehouses/{id}/stop` and `/start` (idempotent).
 * - Serving endpoints: `PUT /api/2.0/serving-endpoints/{name}/ai-gateway` replaces the endpoint's
 *   AI Gateway configuration; agent endpoints accept only the inference table (as documented).
 * Changes of state are asynchronous like on Databricks: TERMINATING, PENDING, STOPPING… until
 * `settleMs` has passed (0: the next read sees the final state).
 */
import type { EmulatedServingEndpoint, EmulatedWarehouse } from './workspace-rest.js';

export type ClusterState =
  'PENDING' | 'RUNNING' | 'RESTARTING' | 'RESIZING' | 'TERMINATING' | 'TERMINATED' | 'ERROR' | 'UNKNOWN';

export interface EmulatedCluster {
  cluster_id: string;
  cluster_name: string;
  state: ClusterState;
  creator_user_name?: string;
  autotermination_minutes?: number;
  num_workers?: number;
  node_type_id?: string;
  spark_version?: string;
  cluster_source?: 'UI' | 'API' | 'JOB';
  [field: string]: unknown;
}

export interface EmulatedJob {
  job_id: number;
  creator_user_name?: string;
  settings: {
    name: string;
    schedule?: { quartz_cron_expression: string; timezone_id: string; pause_status: 'PAUSED' | 'UNPAUSED' };
    [field: string]: unknown;
  };
}

export interface EmulatedRun {
  run_id: number;
  job_id: number;
  run_name?: string;
  life_cycle_state: 'PENDING' | 'RUNNING' | 'TERMINATING' | 'TERMINATED' | 'SKIPPED' | 'INTERNAL_ERROR';
  result_state?: 'SUCCESS' | 'FAILED' | 'CANCELED' | 'TIMEDOUT';
  start_time?: number;
}

export interface WorkspaceComputeState {
  clusters: EmulatedCluster[];
  jobs: EmulatedJob[];
  runs: EmulatedRun[];
  warehouses: EmulatedWarehouse[];
  servingEndpoints: EmulatedServingEndpoint[];
  /** How long a change of state takes to settle (ms). */
  settleMs: number;
  /** Writes refused with 403 PERMISSION_DENIED, by path fragment (e.g. `clusters/delete`). */
  deniedWrites: Set<string>;
}

interface Reply {
  status: number;
  body: unknown;
}

/** Pending transitions: object → [final state setter, when]. */
const pending = new WeakMap<object, { at: number; settle: () => void }>();

function transition(state: WorkspaceComputeState, target: object, now: () => void, final: () => void) {
  now();
  pending.set(target, { at: Date.now() + state.settleMs, settle: final });
}

function settled<T extends object>(target: T): T {
  const due = pending.get(target);
  if (due && Date.now() >= due.at) {
    due.settle();
    pending.delete(target);
  }
  return target;
}

const error = (status: number, error_code: string, message: string): Reply => ({
  status,
  body: { error_code, message },
});

const CLUSTER = /^\/api\/2\.[01]\/clusters\/(get|delete|start)$/;
const JOB = /^\/api\/2\.[12]\/jobs\/(get|update|runs\/get|runs\/cancel)$/;
const LIST = /^\/api\/2\.[0-2]\/(clusters|jobs)\/list$/;
const WAREHOUSE_ACTION = /^\/api\/2\.0\/sql\/warehouses\/([^/]+)\/(stop|start)$/;
const AI_GATEWAY = /^\/api\/2\.0\/serving-endpoints\/([^/]+)\/ai-gateway$/;

/** The reply to a compute call, or undefined when the path is not one of them. */
export function workspaceComputeCall(
  state: WorkspaceComputeState,
  request: { method: string; path: string; query: URLSearchParams; body: Buffer },
): Reply | undefined {
  const { method, path } = request;
  const isWrite = method !== 'GET';
  const list = LIST.exec(path)?.[1];
  if (list && method === 'GET') {
    return list === 'clusters'
      ? { status: 200, body: { clusters: state.clusters.map((c) => clusterResource(settled(c))) } }
      : {
          status: 200,
          body: {
            jobs: state.jobs.map((j) => ({ job_id: j.job_id, settings: j.settings })),
            has_more: false,
          },
        };
  }
  const routed = CLUSTER.test(path) || JOB.test(path) || WAREHOUSE_ACTION.test(path) || AI_GATEWAY.test(path);
  if (!routed) return undefined;
  if (isWrite && [...state.deniedWrites].some((fragment) => path.includes(fragment))) {
    return error(
      403,
      'PERMISSION_DENIED',
      'The service principal does not have the permission for this action.',
    );
  }
  let json: Record<string, unknown> = {};
  if (isWrite && request.body.length > 0) {
    try {
      json = JSON.parse(request.body.toString('utf8')) as Record<string, unknown>;
    } catch {
      return error(400, 'MALFORMED_REQUEST', 'Could not parse request object: invalid JSON.');
    }
  }
  const cluster = CLUSTER.exec(path)?.[1];
  if (cluster)
    return clusterCall(
      state,
      cluster,
      method,
      cluster === 'get' ? request.query.get('cluster_id') : json.cluster_id,
    );
  const job = JOB.exec(path)?.[1];
  if (job) return jobCall(state, job, method, request.query, json);
  const warehouse = WAREHOUSE_ACTION.exec(path);
  if (warehouse) return warehouseCall(state, decodeURIComponent(warehouse[1]!), warehouse[2]!, method);
  const endpoint = AI_GATEWAY.exec(path)?.[1];
  if (endpoint) return aiGatewayCall(state, decodeURIComponent(endpoint), method, json);
  return undefined;
}

const expect = (method: string, wanted: string, path: string): Reply | undefined =>
  method === wanted ? undefined : error(405, 'ENDPOINT_NOT_FOUND', `No API found for '${method} ${path}'`);

function clusterCall(state: WorkspaceComputeState, call: string, method: string, id: unknown): Reply {
  const wrongMethod = expect(method, call === 'get' ? 'GET' : 'POST', `clusters/${call}`);
  if (wrongMethod) return wrongMethod;
  if (typeof id !== 'string' || id === '')
    return error(400, 'INVALID_PARAMETER_VALUE', 'Missing required field: cluster_id');
  const cluster = state.clusters.find((c) => c.cluster_id === id);
  if (!cluster) return error(400, 'INVALID_PARAMETER_VALUE', `Cluster ${id} does not exist`);
  settled(cluster);
  if (call === 'get') return { status: 200, body: clusterResource(cluster) };
  if (call === 'delete') {
    if (cluster.state === 'TERMINATING' || cluster.state === 'TERMINATED') return { status: 200, body: {} };
    transition(
      state,
      cluster,
      () => (cluster.state = 'TERMINATING'),
      () => {
        cluster.state = 'TERMINATED';
        cluster.terminated_time = Date.now();
        cluster.termination_reason = { code: 'USER_REQUEST', type: 'SUCCESS', parameters: {} };
      },
    );
    return { status: 200, body: {} };
  }
  if (cluster.state !== 'TERMINATED') {
    const shown = cluster.state.charAt(0) + cluster.state.slice(1).toLowerCase();
    return error(400, 'INVALID_STATE', `Cluster ${id} is in unexpected state ${shown}.`);
  }
  transition(
    state,
    cluster,
    () => (cluster.state = 'PENDING'),
    () => {
      cluster.state = 'RUNNING';
      delete cluster.terminated_time;
      delete cluster.termination_reason;
    },
  );
  return { status: 200, body: {} };
}

export function clusterResource(cluster: EmulatedCluster): Record<string, unknown> {
  return {
    spark_version: '15.4.x-scala2.12',
    node_type_id: 'm5d.xlarge',
    driver_node_type_id: cluster.node_type_id ?? 'm5d.xlarge',
    num_workers: 2,
    autotermination_minutes: 0,
    cluster_source: 'UI',
    creator_user_name: 'admin@example.com',
    start_time: 1_735_689_600_000,
    state_message: cluster.state === 'TERMINATING' ? 'Terminating the cluster' : '',
    ...cluster,
  };
}

function jobCall(
  state: WorkspaceComputeState,
  call: string,
  method: string,
  query: URLSearchParams,
  json: Record<string, unknown>,
): Reply {
  const wrongMethod = expect(method, call.endsWith('get') ? 'GET' : 'POST', `jobs/${call}`);
  if (wrongMethod) return wrongMethod;
  if (call.startsWith('runs/')) {
    const id = Number(call === 'runs/get' ? query.get('run_id') : json.run_id);
    if (!Number.isSafeInteger(id))
      return error(400, 'INVALID_PARAMETER_VALUE', 'Missing required field: run_id');
    const run = state.runs.find((r) => r.run_id === id);
    if (!run) return error(400, 'INVALID_PARAMETER_VALUE', `Run ${id} does not exist.`);
    settled(run);
    if (call === 'runs/get') return { status: 200, body: runResource(run) };
    if (run.life_cycle_state === 'PENDING' || run.life_cycle_state === 'RUNNING') {
      transition(
        state,
        run,
        () => (run.life_cycle_state = 'TERMINATING'),
        () => {
          run.life_cycle_state = 'TERMINATED';
          run.result_state = 'CANCELED';
        },
      );
    }
    return { status: 200, body: {} };
  }
  const id = Number(call === 'get' ? query.get('job_id') : json.job_id);
  if (!Number.isSafeInteger(id))
    return error(400, 'INVALID_PARAMETER_VALUE', 'Missing required field: job_id');
  const job = state.jobs.find((j) => j.job_id === id);
  if (!job) return error(400, 'INVALID_PARAMETER_VALUE', `Job ${id} does not exist.`);
  if (call === 'get')
    return {
      status: 200,
      body: {
        job_id: job.job_id,
        creator_user_name: job.creator_user_name ?? 'admin@example.com',
        created_time: 1_735_689_600_000,
        settings: job.settings,
      },
    };
  const settings = json.new_settings;
  if (settings !== undefined && (typeof settings !== 'object' || settings === null))
    return error(400, 'INVALID_PARAMETER_VALUE', 'new_settings must be an object');
  const schedule = (settings as Record<string, unknown> | undefined)?.schedule as
    Record<string, unknown> | undefined;
  if (schedule !== undefined) {
    if (typeof schedule.quartz_cron_expression !== 'string' || typeof schedule.timezone_id !== 'string')
      return error(
        400,
        'INVALID_PARAMETER_VALUE',
        'Invalid schedule: quartz_cron_expression and timezone_id are required',
      );
    if (
      schedule.pause_status !== undefined &&
      schedule.pause_status !== 'PAUSED' &&
      schedule.pause_status !== 'UNPAUSED'
    )
      return error(400, 'INVALID_PARAMETER_VALUE', `Invalid pause_status ${String(schedule.pause_status)}`);
  }
  Object.assign(job.settings, settings ?? {});
  for (const field of (json.fields_to_remove as string[] | undefined) ?? []) delete job.settings[field];
  return { status: 200, body: {} };
}

function runResource(run: EmulatedRun): Record<string, unknown> {
  return {
    job_id: run.job_id,
    run_id: run.run_id,
    run_name: run.run_name ?? `run ${run.run_id}`,
    start_time: run.start_time ?? 1_735_689_600_000,
    state: {
      life_cycle_state: run.life_cycle_state,
      ...(run.result_state ? { result_state: run.result_state } : {}),
      state_message: '',
    },
  };
}

function warehouseCall(state: WorkspaceComputeState, id: string, call: string, method: string): Reply {
  const wrongMethod = expect(method, 'POST', `sql/warehouses/${id}/${call}`);
  if (wrongMethod) return wrongMethod;
  const warehouse = state.warehouses.find((w) => w.id === id && w.state !== 'DELETED');
  if (!warehouse) return error(404, 'RESOURCE_DOES_NOT_EXIST', `Warehouse ${id} does not exist.`);
  settled(warehouse);
  if (call === 'stop' && (warehouse.state === 'RUNNING' || warehouse.state === 'STARTING')) {
    transition(
      state,
      warehouse,
      () => (warehouse.state = 'STOPPING'),
      () => (warehouse.state = 'STOPPED'),
    );
  }
  if (call === 'start' && (warehouse.state === 'STOPPED' || warehouse.state === 'STOPPING')) {
    transition(
      state,
      warehouse,
      () => (warehouse.state = 'STARTING'),
      () => (warehouse.state = 'RUNNING'),
    );
  }
  return { status: 200, body: {} };
}

/** A warehouse as a read sees it now (a stop or start settles after `settleMs`). */
export function settledWarehouse(warehouse: EmulatedWarehouse): EmulatedWarehouse {
  return settled(warehouse);
}

const PII_BEHAVIOURS = new Set(['NONE', 'BLOCK', 'MASK']);

function aiGatewayCall(
  state: WorkspaceComputeState,
  name: string,
  method: string,
  json: Record<string, unknown>,
): Reply {
  const wrongMethod = expect(method, 'PUT', `serving-endpoints/${name}/ai-gateway`);
  if (wrongMethod) return wrongMethod;
  const endpoint = state.servingEndpoints.find((e) => e.name === name);
  if (!endpoint) return error(404, 'RESOURCE_DOES_NOT_EXIST', `Serving endpoint ${name} does not exist.`);
  const guardrails = json.guardrails as Record<string, Record<string, unknown> | undefined> | undefined;
  const rateLimits = json.rate_limits as Record<string, unknown>[] | undefined;
  if (endpoint.task?.startsWith('agent/') && (guardrails !== undefined || (rateLimits?.length ?? 0) > 0)) {
    return error(
      400,
      'INVALID_PARAMETER_VALUE',
      'AI Gateway on agent endpoints currently supports only inference tables.',
    );
  }
  for (const side of ['input', 'output'] as const) {
    const behaviour = (guardrails?.[side]?.pii as { behavior?: unknown } | undefined)?.behavior;
    if (behaviour !== undefined && !PII_BEHAVIOURS.has(String(behaviour)))
      return error(
        400,
        'INVALID_PARAMETER_VALUE',
        `Invalid guardrails.${side}.pii.behavior: ${String(behaviour)}`,
      );
  }
  for (const limit of rateLimits ?? []) {
    if (!Number.isSafeInteger(limit.calls) || limit.renewal_period !== 'minute')
      return error(
        400,
        'INVALID_PARAMETER_VALUE',
        'A rate limit needs integer calls and renewal_period "minute".',
      );
  }
  const gateway: Record<string, unknown> = {};
  for (const field of [
    'guardrails',
    'rate_limits',
    'usage_tracking_config',
    'inference_table_config',
    'fallback_config',
  ]) {
    if (json[field] !== undefined) gateway[field] = json[field];
  }
  endpoint.ai_gateway = gateway as EmulatedServingEndpoint['ai_gateway'];
  return { status: 200, body: gateway };
}
