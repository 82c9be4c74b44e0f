/**
 * Routes the emulator's HTTPS requests: the OAuth token endpoint, the REST API and the Thrift
 * SQL warehouse endpoint, after injected faults and bearer-token checks, recording each request.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { unityCatalogGet, type UnityCatalogContents } from './unity-catalog-rest.js';
import type { RecordedList } from './recorded-list.js';
import type { EmulatorFaults, FaultTarget, HttpFault } from './emulator-faults.js';
import type { BeforeAnsweringHook, RecordedRequest } from './emulator-recordings.js';
import { processThriftMessage, thriftMethodName } from './thrift-wire.js';
import type { WarehouseSqlService } from './warehouse-sql-service.js';
import {
  servingEndpointResource,
  warehouseResource,
  type EmulatedServingEndpoint,
  type EmulatedWarehouse,
} from './workspace-rest.js';
import type { WorkspaceTokenIssuer } from './workspace-tokens.js';
import {
  settledWarehouse,
  workspaceComputeCall,
  type EmulatedCluster,
  type EmulatedJob,
  type EmulatedRun,
} from './workspace-compute.js';

interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface EmulatorRoutesContext {
  host: () => string;
  port: () => number;
  tokens: WorkspaceTokenIssuer;
  faults: EmulatorFaults;
  sql: WarehouseSqlService;
  warehouses: EmulatedWarehouse[];
  servingEndpoints: EmulatedServingEndpoint[];
  clusters: EmulatedCluster[];
  jobs: EmulatedJob[];
  runs: EmulatedRun[];
  settleMs: () => number;
  unityCatalog: UnityCatalogContents;
  requests: RecordedList<RecordedRequest>;
  /** Hooks run after a REST call was carried out, before it is answered (see emulator-recordings.ts). */
  beforeAnswering: BeforeAnsweringHook[];
}

const WAREHOUSE_PATH = /^\/sql\/1\.0\/warehouses\/([^/]+)\/?$/;

export async function handleEmulatorRequest(
  context: EmulatorRoutesContext,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const at = Date.now();
  const method = req.method ?? 'GET';
  const path = new URL(req.url ?? '/', 'https://localhost').pathname;
  const body = await readBody(req);
  const warehouseId = WAREHOUSE_PATH.exec(path)?.[1];
  const thriftMethod = warehouseId && method === 'POST' ? thriftMethodName(body) : undefined;
  let reply: Reply;
  try {
    reply = await route(context, {
      method,
      path,
      body,
      authorization: req.headers.authorization,
      warehouseId,
      thriftMethod,
      req,
    });
  } catch (error) {
    reply = {
      status: 500,
      body: { error_code: 'INTERNAL_ERROR', message: `emulator error: ${String(error)}` },
    };
  }
  const recorded: RecordedRequest = {
    method,
    path,
    status: reply.status,
    ...(thriftMethod ? { thriftMethod } : {}),
    at,
  };
  context.requests.record(recorded);
  if (!warehouseId && path !== '/oidc/v1/token') {
    for (const hook of context.beforeAnswering) {
      // A failing hook must not leave the caller without an answer.
      await Promise.resolve()
        .then(() => hook({ ...recorded, body: jsonBody(body) }))
        .catch(() => undefined);
    }
  }
  const payload =
    reply.body === undefined
      ? undefined
      : Buffer.isBuffer(reply.body)
        ? reply.body
        : Buffer.from(JSON.stringify(reply.body));
  res.writeHead(reply.status, {
    ...(payload && !Buffer.isBuffer(reply.body) ? { 'Content-Type': 'application/json' } : {}),
    ...reply.headers,
  });
  res.end(payload);
}

interface Incoming {
  method: string;
  path: string;
  body: Buffer;
  authorization: string | undefined;
  warehouseId: string | undefined;
  thriftMethod: string | undefined;
  req: IncomingMessage;
}

async function route(context: EmulatorRoutesContext, request: Incoming): Promise<Reply> {
  const { method, path } = request;
  if (path === '/oidc/v1/token' && method === 'POST') {
    const fault = context.faults.takeHttpFault('token', { path });
    if (fault) return faultReply('token', fault);
    const answer = context.tokens.answer(request.req.headers, request.body.toString('utf8'));
    return { ...answer, headers: { 'Cache-Control': 'no-store' } };
  }
  const target: FaultTarget = request.warehouseId ? 'sql' : 'rest';
  const fault = context.faults.takeHttpFault(target, {
    path,
    ...(request.thriftMethod ? { thriftMethod: request.thriftMethod } : {}),
  });
  if (fault) return faultReply(target, fault);
  const verdict = context.tokens.check(request.authorization);
  if (verdict !== 'valid') {
    const message =
      verdict === 'expired'
        ? 'Token is expired.'
        : 'Credential was not sent or was of an unsupported type for this API.';
    if (target === 'sql')
      return {
        status: 401,
        body: Buffer.from(message),
        headers: { 'x-thriftserver-error-message': message },
      };
    return { status: 401, body: { error_code: 'UNAUTHENTICATED', message } };
  }
  if (request.warehouseId && method === 'POST') {
    const reply = await processThriftMessage(
      request.body,
      context.sql.handlerFor(decodeURIComponent(request.warehouseId)),
    );
    return { status: 200, body: reply, headers: { 'Content-Type': 'application/x-thrift' } };
  }
  const query = new URL(request.req.url ?? '/', 'https://localhost').searchParams;
  const compute = workspaceComputeCall(
    {
      clusters: context.clusters,
      jobs: context.jobs,
      runs: context.runs,
      warehouses: context.warehouses,
      servingEndpoints: context.servingEndpoints,
      settleMs: context.settleMs(),
      deniedWrites: context.faults.deniedWrites,
    },
    { method, path, query, body: request.body },
  );
  if (compute) return compute;
  if (method === 'GET') {
    return unityCatalogGet(context.unityCatalog, path, query) ?? restGet(context, path);
  }
  // The driver's telemetry exporter (skipped by the driver for loopback hosts): accept and drop.
  if (method === 'POST' && /^\/telemetry-(ext|unauth)$/.test(path))
    return { status: 200, body: { errors: [], numProtoSuccess: 0 } };
  return notFound(method, path);
}

function restGet(context: EmulatorRoutesContext, path: string): Reply {
  const warehouses = context.warehouses.map(settledWarehouse).filter((w) => w.state !== 'DELETED');
  if (path === '/api/2.0/sql/warehouses') {
    return {
      status: 200,
      body: { warehouses: warehouses.map((w) => warehouseResource(w, context.host(), context.port())) },
    };
  }
  const warehouseId = /^\/api\/2\.0\/sql\/warehouses\/([^/]+)$/.exec(path)?.[1];
  if (warehouseId) {
    const warehouse = warehouses.find((w) => w.id === decodeURIComponent(warehouseId));
    if (!warehouse)
      return {
        status: 404,
        body: { error_code: 'RESOURCE_DOES_NOT_EXIST', message: `Warehouse ${warehouseId} does not exist.` },
      };
    return { status: 200, body: warehouseResource(warehouse, context.host(), context.port()) };
  }
  // The driver's feature-flag call (it skips loopback hosts): no flags, so telemetry stays off.
  if (path.startsWith('/api/2.0/connector-service/feature-flags/'))
    return { status: 200, body: { flags: [], ttl_seconds: 900 } };
  if (path === '/api/2.0/serving-endpoints') {
    return { status: 200, body: { endpoints: context.servingEndpoints.map(servingEndpointResource) } };
  }
  const endpointName = /^\/api\/2\.0\/serving-endpoints\/([^/]+)$/.exec(path)?.[1];
  if (endpointName) {
    const index = context.servingEndpoints.findIndex((e) => e.name === decodeURIComponent(endpointName));
    const endpoint = context.servingEndpoints[index];
    if (!endpoint)
      return {
        status: 404,
        body: {
          error_code: 'RESOURCE_DOES_NOT_EXIST',
          message: `Serving endpoint ${endpointName} does not exist.`,
        },
      };
    return { status: 200, body: servingEndpointResource(endpoint, index) };
  }
  return notFound('GET', path);
}

const ERROR_CODES: Record<number, string> = {
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  429: 'TOO_MANY_REQUESTS',
  500: 'INTERNAL_ERROR',
  503: 'TEMPORARILY_UNAVAILABLE',
};

function faultReply(target: FaultTarget, fault: HttpFault): Reply {
  const headers: Record<string, string> =
    fault.retryAfterSeconds === undefined ? {} : { 'Retry-After': String(fault.retryAfterSeconds) };
  const message = `Injected failure: HTTP ${fault.status}.`;
  if (target === 'token') {
    const error =
      fault.status === 401
        ? 'invalid_client'
        : fault.status === 429
          ? 'slow_down'
          : 'temporarily_unavailable';
    return { status: fault.status, body: { error, error_description: message }, headers };
  }
  if (target === 'sql')
    return {
      status: fault.status,
      body: Buffer.from(message),
      headers: { ...headers, 'x-thriftserver-error-message': message },
    };
  return {
    status: fault.status,
    body: { error_code: ERROR_CODES[fault.status] ?? 'INTERNAL_ERROR', message },
    headers,
  };
}

function notFound(method: string, path: string): Reply {
  return {
    status: 404,
    body: { error_code: 'ENDPOINT_NOT_FOUND', message: `No API found for '${method} ${path}'` },
  };
}

function jsonBody(body: Buffer): unknown {
  if (body.length === 0) return undefined;
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
