import type { RegisteredAsset, ServingEndpoint } from '../ports/databricks-workspace.js';
import { AGENT_TASKS, type DiscoveredAgent } from './agent-endpoints.js';
import { inScope, isSafeIdentifier, type TraceScope } from './trace-scope.js';

/** At most this many schemas are listed per discovery (each costs two REST calls). */
const MAX_SCHEMAS = 20;

/**
 * Where agents live in Unity Catalog: the schemas of the models the agent endpoints serve, and
 * the configured trace schema. Other schemas (classic ML models) are not looked at.
 */
export function agentSchemas(endpoints: readonly ServingEndpoint[], scope: TraceScope): [string, string][] {
  const schemas = new Map<string, [string, string]>([
    [`${scope.catalog}.${scope.schema}`.toLowerCase(), [scope.catalog, scope.schema]],
  ]);
  for (const endpoint of endpoints) {
    if (!endpoint.task || !(AGENT_TASKS as readonly string[]).includes(endpoint.task)) continue;
    for (const entity of endpoint.servedEntities) {
      const parts = entity.entityName?.split('.') ?? [];
      if (parts.length !== 3 || !parts.every(isSafeIdentifier)) continue;
      schemas.set(`${parts[0]}.${parts[1]}`.toLowerCase(), [parts[0]!, parts[1]!]);
    }
  }
  return [...schemas.values()].slice(0, MAX_SCHEMAS);
}

/**
 * Agents registered in Unity Catalog that no serving endpoint serves yet: registered models no
 * endpoint names as a served entity, and functions (the tools agents call). They are listed as
 * "not served" so the security team sees them before they go live; they have no traces to scan.
 * Named by their full `catalog.schema.name`, so they never collide with an endpoint's name.
 */
export function unservedAgentsFrom(
  assets: readonly RegisteredAsset[],
  endpoints: readonly ServingEndpoint[],
  scope: TraceScope,
): DiscoveredAgent[] {
  const served = new Set(
    endpoints.flatMap((endpoint) =>
      endpoint.servedEntities.flatMap((entity) =>
        entity.entityName ? [entity.entityName.toLowerCase()] : [],
      ),
    ),
  );
  return assets
    .filter((asset) => !served.has(asset.fullName.toLowerCase()))
    .filter((asset) => inScope(scope, asset.fullName.split('.').at(-1) ?? ''))
    .map((asset) => ({
      name: asset.fullName,
      endpointId: null,
      task: null,
      servedEntities: [],
      inferenceTable: null,
      spansTable: null,
      served: false,
      ucKind: asset.kind,
    }));
}
