/**
 * One Databricks workspace behind the WorkspaceApi port: OAuth M2M at `{workspace}/oidc/v1/token`
 * (cached, single-flight), `GET /api/2.0/sql/warehouses`, and statements streamed from a SQL
 * warehouse through the real `@databricks/sql` driver in bounded batches.
 */
import { z } from 'zod';
import type { Logger } from '../../logging/logger.js';
import { DatabricksApiError } from '../../ports/databricks-account.js';
import type {
  RegisteredAsset,
  ServingEndpoint,
  SqlRow,
  SqlWarehouse,
  StreamQueryOptions,
  WorkspaceApi,
} from '../../ports/databricks-workspace.js';
import { ClientCredentialsTokenProvider, type FetchLike } from './oauth-token-provider.js';
import {
  DEFAULT_RETRY_OPTIONS,
  isRetryableStatus,
  sendWithRetry,
  type RetryOptions,
} from './retry-policy.js';
import { readArrowPagesByColumn } from './arrow-page-rows.js';
import { toWorkspaceError } from './sql-errors.js';
import { WarehouseSessions, type SqlDriverOptions } from './sql-warehouse-sessions.js';

export interface WorkspaceClientOptions {
  /** `https://<host>[:port]` */
  workspaceUrl: string;
  clientId: string;
  clientSecret: string;
  fetch: FetchLike;
  extraCaPem?: string;
  retry?: Partial<RetryOptions>;
  requestTimeoutMs?: number;
  driver?: SqlDriverOptions;
  log?: Logger;
}

const warehouseList = z.object({
  warehouses: z
    .array(
      z.object({
        id: z.string(),
        name: z.string(),
        state: z.string().optional(),
        odbc_params: z.object({ path: z.string().optional() }).optional(),
      }),
    )
    .optional(),
});

const unityCatalogPage = (key: 'registered_models' | 'functions') =>
  z.object({
    [key]: z
      .array(z.object({ full_name: z.string(), comment: z.string().optional() }).passthrough())
      .optional(),
    next_page_token: z.string().optional(),
  });

const servingEndpointList = z.object({
  endpoints: z
    .array(
      z.object({
        name: z.string(),
        id: z.string().optional(),
        task: z.string().optional(),
        config: z
          .object({
            served_entities: z
              .array(
                z.object({
                  name: z.string().optional(),
                  entity_name: z.string().optional(),
                  entity_version: z.string().optional(),
                }),
              )
              .optional(),
          })
          .optional(),
        ai_gateway: z
          .object({
            inference_table_config: z
              .object({
                catalog_name: z.string(),
                schema_name: z.string(),
                table_name_prefix: z.string(),
                enabled: z.boolean().optional(),
              })
              .optional(),
          })
          .optional(),
        tags: z.array(z.object({ key: z.string(), value: z.string().optional() })).optional(),
      }),
    )
    .optional(),
});

export class WorkspaceClient implements WorkspaceApi {
  readonly #baseUrl: string;
  readonly #tokens: ClientCredentialsTokenProvider;
  readonly #sessions: WarehouseSessions;
  readonly #fetch: FetchLike;
  readonly #retry: RetryOptions;
  readonly #timeoutMs: number;

  constructor(options: WorkspaceClientOptions) {
    this.#baseUrl = options.workspaceUrl.replace(/\/+$/, '');
    this.#fetch = options.fetch;
    this.#retry = { ...DEFAULT_RETRY_OPTIONS, ...options.retry };
    this.#timeoutMs = options.requestTimeoutMs ?? 30_000;
    this.#tokens = new ClientCredentialsTokenProvider({
      tokenUrl: `${this.#baseUrl}/oidc/v1/token`,
      audience: 'workspace',
      clientId: options.clientId,
      clientSecret: options.clientSecret,
      fetch: options.fetch,
      retry: options.retry,
      requestTimeoutMs: this.#timeoutMs,
    });
    this.#sessions = new WarehouseSessions({
      workspaceUrl: this.#baseUrl,
      token: () => this.#tokens.getExpiringToken(),
      extraCaPem: options.extraCaPem,
      driver: options.driver,
      log: options.log,
    });
  }

  token(): Promise<string> {
    return this.#tokens.getToken();
  }

  async listWarehouses(): Promise<SqlWarehouse[]> {
    const path = '/api/2.0/sql/warehouses';
    const body = await this.#getJson(path);
    const parsed = warehouseList.safeParse(body);
    if (!parsed.success) {
      throw new DatabricksApiError(`GET ${path}: unexpected response shape`, 200, false);
    }
    return (parsed.data.warehouses ?? []).map((warehouse) => ({
      id: warehouse.id,
      name: warehouse.name,
      state: warehouse.state ?? 'UNKNOWN',
      httpPath: warehouse.odbc_params?.path ?? `/sql/1.0/warehouses/${warehouse.id}`,
    }));
  }

  /** Added for agent discovery (src/agents): the endpoints with their served entities and inference table. */
  async listServingEndpoints(): Promise<ServingEndpoint[]> {
    const path = '/api/2.0/serving-endpoints';
    const parsed = servingEndpointList.safeParse(await this.#getJson(path));
    if (!parsed.success) {
      throw new DatabricksApiError(`GET ${path}: unexpected response shape`, 200, false);
    }
    return (parsed.data.endpoints ?? []).map((endpoint) => {
      const table = endpoint.ai_gateway?.inference_table_config;
      return {
        name: endpoint.name,
        ...(endpoint.id ? { id: endpoint.id } : {}),
        ...(endpoint.task ? { task: endpoint.task } : {}),
        servedEntities: (endpoint.config?.served_entities ?? []).map((entity) => ({
          ...(entity.name ? { name: entity.name } : {}),
          ...(entity.entity_name ? { entityName: entity.entity_name } : {}),
          ...(entity.entity_version ? { entityVersion: entity.entity_version } : {}),
        })),
        ...(table
          ? {
              inferenceTable: {
                catalog: table.catalog_name,
                schema: table.schema_name,
                prefix: table.table_name_prefix,
                enabled: table.enabled ?? true,
              },
            }
          : {}),
        tags: Object.fromEntries((endpoint.tags ?? []).map((tag) => [tag.key, tag.value ?? ''])),
      };
    });
  }

  /** Added for agent discovery: UC registered models and functions of the scoped schema. */
  async listRegisteredAssets(catalog: string, schema: string): Promise<RegisteredAsset[]> {
    const assets: RegisteredAsset[] = [];
    for (const [resource, key, kind] of [
      ['models', 'registered_models', 'registered model'],
      ['functions', 'functions', 'function'],
    ] as const) {
      let pageToken: string | undefined;
      for (let pages = 0; pages < 100; pages++) {
        const query = new URLSearchParams({
          catalog_name: catalog,
          schema_name: schema,
          max_results: '1000',
        });
        if (pageToken) query.set('page_token', pageToken);
        const path = `/api/2.1/unity-catalog/${resource}?${query}`;
        const parsed = unityCatalogPage(key).safeParse(await this.#getJson(path));
        if (!parsed.success)
          throw new DatabricksApiError(`GET ${path}: unexpected response shape`, 200, false);
        const items = (parsed.data[key] ?? []) as { full_name: string; comment?: string }[];
        for (const item of items) {
          assets.push({ kind, fullName: item.full_name, ...(item.comment ? { comment: item.comment } : {}) });
        }
        pageToken = parsed.data.next_page_token as string | undefined;
        if (!pageToken) break;
      }
    }
    return assets;
  }

  async streamQuery(
    warehouseId: string,
    statement: string,
    options: StreamQueryOptions,
  ): Promise<{ rows: number }> {
    const batchSize = Math.floor(options.batchSize);
    if (!(batchSize >= 1)) throw new RangeError('streamQuery: batchSize must be at least 1');
    // Fetch (or reuse) the token first, so bad credentials surface as the token endpoint's answer.
    await this.#tokens.getToken();
    const session = await this.#sessions.session(warehouseId);
    const what = `warehouse ${warehouseId}`;
    let operation: Awaited<ReturnType<typeof session.executeStatement>>;
    try {
      operation = await session.executeStatement(statement, {
        ...(options.parameters ? { namedParameters: options.parameters } : {}),
      });
    } catch (error) {
      const mapped = toWorkspaceError(error, what);
      if (mapped instanceof DatabricksApiError) await this.#sessions.discard(warehouseId);
      throw mapped;
    }
    let rows = 0;
    // Pages come in whatever size the warehouse chooses; batches are `batchSize` rows (the last
    // one fewer), so a small page size does not multiply the writes.
    let pending: SqlRow[] = [];
    const hand = async (batch: SqlRow[]) => {
      rows += batch.length;
      await options.onBatch(batch);
    };
    try {
      try {
        await readArrowPagesByColumn(operation, {
          complexTypesAsJsonText: options.complexTypesAsJsonText ?? false,
        });
      } catch (error) {
        throw toWorkspaceError(error, what);
      }
      for (;;) {
        let chunk: SqlRow[];
        let more: boolean;
        try {
          chunk = (await operation.fetchChunk({ maxRows: batchSize })) as SqlRow[];
          more = await operation.hasMoreRows();
        } catch (error) {
          throw toWorkspaceError(error, what);
        }
        pending = pending.length === 0 ? chunk : pending.concat(chunk);
        while (pending.length >= batchSize) {
          const batch = pending.length === batchSize ? pending : pending.slice(0, batchSize);
          pending = pending.length === batchSize ? [] : pending.slice(batchSize);
          await hand(batch);
        }
        if (!more) break;
      }
      if (pending.length > 0) await hand(pending);
    } finally {
      await operation.close().catch(() => undefined);
    }
    return { rows };
  }

  async close(): Promise<void> {
    await this.#sessions.closeAll();
  }

  async rest(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<Record<string, unknown>> {
    const answer = await this.#requestJson(method, path, body);
    if (typeof answer !== 'object' || answer === null || Array.isArray(answer)) {
      throw new DatabricksApiError(
        `${method} ${path.split('?')[0]}: response is not a JSON object`,
        200,
        false,
      );
    }
    return answer as Record<string, unknown>;
  }

  #getJson(path: string): Promise<unknown> {
    return this.#requestJson('GET', path);
  }

  /** A REST call with retries; a 401 drops the token and tries once more with a fresh one. */
  async #requestJson(method: string, path: string, payload?: unknown): Promise<unknown> {
    const label = `${method} ${path.split('?')[0]}`;
    let refreshed = false;
    const send = (token: string) =>
      this.#fetch(`${this.#baseUrl}${path}`, {
        method,
        headers: {
          Authorization: `Bearer ${token}`,
          Accept: 'application/json',
          ...(payload === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        ...(payload === undefined ? {} : { body: JSON.stringify(payload) }),
        signal: AbortSignal.timeout(this.#timeoutMs),
      });
    const response = await sendWithRetry(
      label,
      async () => {
        const token = await this.#tokens.getToken();
        const first = await send(token);
        if (first.status !== 401 || refreshed) return first;
        refreshed = true;
        await first.body?.cancel().catch(() => undefined);
        this.#tokens.invalidate(token);
        return send(await this.#tokens.getToken());
      },
      this.#retry,
    );
    const text = await response.text().catch(() => '');
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    if (!response.ok) {
      throw new DatabricksApiError(
        `${label} failed: HTTP ${response.status}${describeRestError(body)}`,
        response.status,
        isRetryableStatus(response.status),
        restErrorCode(body),
      );
    }
    if (body === undefined)
      throw new DatabricksApiError(`${label}: response is not JSON`, response.status, false);
    return body;
  }
}

function restErrorCode(body: unknown): string | undefined {
  const code = (body as { error_code?: unknown } | undefined)?.error_code;
  return typeof code === 'string' ? code : undefined;
}

/** ` PERMISSION_DENIED: …` from a Databricks REST error body (`error_code`, `message`), else ''. */
function describeRestError(body: unknown): string {
  if (typeof body !== 'object' || body === null) return '';
  const { error_code: code, message } = body as Record<string, unknown>;
  const parts = [code, message].filter((part): part is string => typeof part === 'string' && part !== '');
  return parts.length === 0 ? '' : ` ${parts.join(': ').slice(0, 300)}`;
}
