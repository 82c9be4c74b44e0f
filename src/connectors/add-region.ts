import { randomUUID } from 'node:crypto';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import { Conflict } from '../errors/domain-errors.js';
import {
  assertConnectorAdmin,
  formatActor,
  type ConnectorActor,
  type ConnectorDeps,
} from './connector-deps.js';
import { assertSameCloud, parseCollectEvery, parseName } from './connector-input.js';
import { connectorOrOnly } from './connector-queries.js';
import { openConnectorWorkspace } from './region-workspace.js';
import { validateWorkspace, type WorkspaceValidation } from './validate-workspace.js';
import { parseWorkspaceUrl } from './workspace-url.js';

export interface NewRegionInput {
  /** Needed only when there are several connectors. */
  connector?: string;
  region: string;
  workspaceUrl: string;
  warehouse?: string;
  /** `15m`, `1h`, … (default 15 minutes). */
  every?: string;
}

export interface RegionOutcome {
  saved: boolean;
  connector: string;
  region: string;
  workspaceHost: string;
  collectEverySeconds: number;
  validation: WorkspaceValidation;
  regionId?: string;
  /** Set when the region was saved but its schedule could not be started. */
  scheduleProblem?: string;
}

/**
 * Adds a region connector: a workspace in that region, checked with the connector's service
 * principal exactly like the connector itself, saved only when the required checks pass, then
 * scheduled for collection every `every`.
 */
export async function addRegion(
  deps: ConnectorDeps,
  actor: ConnectorActor,
  input: NewRegionInput,
): Promise<RegionOutcome> {
  assertConnectorAdmin(deps, actor);
  const connector = await connectorOrOnly(deps.db, input.connector);
  const region = parseName(input.region, 'region', 'region');
  const workspace = parseWorkspaceUrl(input.workspaceUrl ?? '', {
    allowLoopback: deps.allowLoopbackHosts,
    loopbackCloud: connector.cloud,
  });
  assertSameCloud(connector.cloud, workspace);
  const collectEverySeconds = parseCollectEvery(input.every);
  const existing = await deps.db
    .selectFrom('region_connectors')
    .select('id')
    .where('connector_id', '=', connector.id)
    .where('region', '=', region)
    .executeTakeFirst();
  if (existing)
    throw new Conflict(`Connector "${connector.name}" already has a region "${region}".`, 'region');

  const api = openConnectorWorkspace(deps, connector, workspace.url);
  let validation: WorkspaceValidation;
  try {
    validation = await validateWorkspace(api, { warehouse: input.warehouse?.trim() || undefined });
  } finally {
    await api.close();
  }
  const outcome = {
    connector: connector.name,
    region,
    workspaceHost: workspace.host,
    collectEverySeconds,
    validation,
  };
  if (!validation.passed) return { ...outcome, saved: false };

  const id = randomUUID();
  const now = deps.clock.now();
  const unavailable = Object.entries(validation.optionalTables)
    .filter(([, state]) => state === 'unavailable')
    .map(([table]) => table);
  await deps.db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('region_connectors')
      .values({
        id,
        connector_id: connector.id,
        region,
        workspace_url: workspace.url,
        warehouse_id: validation.warehouse?.id ?? null,
        collect_every_seconds: collectEverySeconds,
        health_detail: JSON.stringify({ optionalTablesUnavailable: unavailable }),
        created_at: now,
      })
      .onConflict((oc) => oc.constraint('region_connectors_region_uq').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted)
      throw new Conflict(`Connector "${connector.name}" already has a region "${region}".`, 'region');
    await recordAuditEvent(trx, {
      actor: formatActor(actor),
      action: 'connector.region_added',
      subjectType: 'region_connector',
      subjectId: id,
      after: { connector: connector.name, region, workspace: workspace.url, collectEverySeconds },
      at: now,
    });
  });
  deps.log.info(
    { connector: connector.name, region, regionId: id, actor: formatActor(actor) },
    'region added',
  );
  try {
    await deps.schedules.scheduleRegion(id, collectEverySeconds);
    return { ...outcome, saved: true, regionId: id };
  } catch (error) {
    deps.log.error({ err: error, regionId: id }, 'could not schedule the collection of a new region');
    return {
      ...outcome,
      saved: true,
      regionId: id,
      scheduleProblem:
        'The region is saved, but starting its collection schedule failed (see the logs); the collectors re-sync schedules from the saved regions.',
    };
  }
}
