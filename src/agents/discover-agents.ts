import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { AgentRow } from '../db/tables/agent-security.js';
import type { ConnectorRow } from '../db/tables/connectors.js';
import type { RegisteredAsset, WorkspaceApi } from '../ports/databricks-workspace.js';
import type { AgentScanDeps } from './agent-scan-deps.js';
import { agentsFrom } from './agent-endpoints.js';
import { agentSchemas, unservedAgentsFrom } from './unserved-agents.js';
import { inScope, quoteTableName, type TraceScope } from './trace-scope.js';

/** MLflow `*_otel_spans` tables in the scoped catalog and schema (Unity Catalog information_schema). */
export async function listSpansTables(
  api: WorkspaceApi,
  warehouseId: string,
  scope: TraceScope,
): Promise<string[]> {
  const tables: string[] = [];
  const infoSchema = quoteTableName(`${scope.catalog}.information_schema.tables`);
  await api.streamQuery(
    warehouseId,
    `SELECT table_name FROM ${infoSchema} WHERE table_schema = :schema AND lower(table_name) LIKE '%otel_spans'`,
    {
      batchSize: 500,
      parameters: { schema: scope.schema },
      onBatch: async (rows) => {
        for (const row of rows) {
          const name = String(row.table_name ?? '');
          if (/otel_spans$/i.test(name) && inScope(scope, name))
            tables.push(`${scope.catalog}.${scope.schema}.${name}`);
        }
      },
    },
  );
  return tables.sort();
}

/**
 * Lists the workspace's serving endpoints, keeps agents and chat models, records where their
 * traces are, and stores them: new ones are added, known ones refreshed, vanished ones marked
 * gone (their findings stay). Returns the active agents.
 */
export async function discoverAgents(
  deps: AgentScanDeps,
  api: WorkspaceApi,
  warehouseId: string,
  connector: ConnectorRow,
): Promise<AgentRow[]> {
  const now = deps.clock.now();
  const endpoints = await api.listServingEndpoints();
  const spansTables = await listSpansTables(api, warehouseId, deps.config.scope).catch((error: unknown) => {
    deps.log.warn(
      { connector: connector.name, reason: (error as Error).message.slice(0, 300) },
      'cannot list MLflow trace tables; scanning inference tables only',
    );
    return [];
  });
  const scope = deps.config.scope;
  const registered: RegisteredAsset[] = [];
  for (const [catalog, schema] of agentSchemas(endpoints, scope)) {
    const assets = await api.listRegisteredAssets(catalog, schema).catch((error: unknown) => {
      deps.log.warn(
        {
          connector: connector.name,
          schema: `${catalog}.${schema}`,
          reason: (error as Error).message.slice(0, 300),
        },
        'cannot list Unity Catalog models and functions; listing served agents only',
      );
      return [];
    });
    registered.push(...assets);
  }
  const discovered = [
    ...agentsFrom(endpoints, spansTables, scope),
    ...unservedAgentsFrom(registered, endpoints, scope),
  ];
  for (const agent of discovered) {
    await deps.db
      .insertInto('agents')
      .values({
        id: randomUUID(),
        connector_id: connector.id,
        workspace_url: connector.workspace_url,
        name: agent.name,
        endpoint_id: agent.endpointId,
        task: agent.task,
        served_entities: JSON.stringify(agent.servedEntities),
        inference_table: agent.inferenceTable,
        spans_table: agent.spansTable,
        served: agent.served ?? true,
        uc_kind: agent.ucKind ?? null,
        discovered_at: now,
        last_seen_at: now,
      })
      .onConflict((oc) =>
        oc.columns(['connector_id', 'name']).doUpdateSet({
          endpoint_id: sql`excluded.endpoint_id`,
          task: sql`excluded.task`,
          served_entities: sql`excluded.served_entities`,
          inference_table: sql`excluded.inference_table`,
          spans_table: sql`excluded.spans_table`,
          served: sql`excluded.served`,
          uc_kind: sql`excluded.uc_kind`,
          workspace_url: sql`excluded.workspace_url`,
          state: 'active',
          last_seen_at: now,
        }),
      )
      .execute();
  }
  let gone = deps.db
    .updateTable('agents')
    .set({ state: 'gone' })
    .where('connector_id', '=', connector.id)
    .where('state', '=', 'active');
  if (discovered.length > 0)
    gone = gone.where(
      'name',
      'not in',
      discovered.map((a) => a.name),
    );
  await gone.execute();
  return deps.db
    .selectFrom('agents')
    .selectAll()
    .where('connector_id', '=', connector.id)
    .where('state', '=', 'active')
    .orderBy('name')
    .execute();
}
