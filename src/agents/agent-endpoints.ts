import type { ServingEndpoint } from '../ports/databricks-workspace.js';
import {
  canonicalName,
  inferenceTableName,
  inScope,
  isSafeIdentifier,
  type TraceScope,
} from './trace-scope.js';

/** Serving-endpoint tasks that are agents or chat models (the ones with conversations to scan). */
export const AGENT_TASKS = ['agent/v1/chat', 'agent/v2/chat', 'agent/v1/responses', 'llm/v1/chat'] as const;

/** An agent as discovery sees it, before it is stored. */
export interface DiscoveredAgent {
  name: string;
  endpointId: string | null;
  task: string | null;
  servedEntities: { entityName?: string; entityVersion?: string }[];
  inferenceTable: string | null;
  spansTable: string | null;
  /** False for a Unity Catalog model or function no endpoint serves (see unserved-agents.ts). */
  served?: boolean;
  ucKind?: 'registered model' | 'function';
}

/** Optional endpoint tag naming the MLflow otel spans table of its traces, when names do not match. */
export const SPANS_TABLE_TAG = 'mlflow_trace_table';

function safeTable(name: string | undefined): string | null {
  if (!name) return null;
  const parts = name.split('.');
  return parts.length === 3 && parts.every(isSafeIdentifier) ? name : null;
}

/**
 * Keeps agent and chat endpoints in scope, maps what they serve (UC models and versions) and
 * where their traces are: the AI Gateway inference table, and the MLflow `<prefix>_otel_spans`
 * table whose prefix names the endpoint or its UC model (or the one its tag names). Spans
 * tables that match no endpoint become agents of their own, named after their prefix.
 */
export function agentsFrom(
  endpoints: readonly ServingEndpoint[],
  spansTables: readonly string[],
  scope: TraceScope,
): DiscoveredAgent[] {
  const unclaimed = new Set(spansTables);
  const agents: DiscoveredAgent[] = [];
  for (const endpoint of endpoints) {
    if (!endpoint.task || !(AGENT_TASKS as readonly string[]).includes(endpoint.task)) continue;
    if (!inScope(scope, endpoint.name)) continue;
    const table = endpoint.inferenceTable;
    const inferenceTable = table && table.enabled ? safeTable(inferenceTableName(table)) : null;
    const names = new Set(
      [endpoint.name, ...endpoint.servedEntities.map((e) => e.entityName?.split('.').at(-1) ?? '')]
        .filter((name) => name !== '')
        .map(canonicalName),
    );
    const tagged = safeTable(endpoint.tags[SPANS_TABLE_TAG]);
    const spansTable = tagged ?? spansTables.find((t) => names.has(canonicalName(prefixOf(t)))) ?? null;
    if (spansTable) unclaimed.delete(spansTable);
    agents.push({
      name: endpoint.name,
      endpointId: endpoint.id ?? null,
      task: endpoint.task,
      servedEntities: endpoint.servedEntities.map((entity) => ({
        ...(entity.entityName ? { entityName: entity.entityName } : {}),
        ...(entity.entityVersion ? { entityVersion: entity.entityVersion } : {}),
      })),
      inferenceTable,
      spansTable,
    });
  }
  for (const table of unclaimed) {
    agents.push({
      name: prefixOf(table),
      endpointId: null,
      task: null,
      servedEntities: [],
      inferenceTable: null,
      spansTable: table,
    });
  }
  return agents;
}

/** `catalog.schema.support_agent_otel_spans` → `support_agent`. */
export function prefixOf(spansTable: string): string {
  return (spansTable.split('.').at(-1) ?? '').replace(/_?otel_spans$/i, '');
}
