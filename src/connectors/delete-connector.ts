import { recordAuditEvent } from '../audit/record-audit-event.js';
import {
  assertConnectorAdmin,
  formatActor,
  type ConnectorActor,
  type ConnectorDeps,
} from './connector-deps.js';
import { connectorNamed } from './connector-queries.js';

/** Calls `unscheduleRegion` for each region; a failure is logged (the collector finds no region and stops). */
export async function unscheduleRegions(deps: ConnectorDeps, regionIds: string[]): Promise<void> {
  for (const regionId of regionIds) {
    try {
      await deps.schedules.unscheduleRegion(regionId);
    } catch (error) {
      deps.log.error({ err: error, regionId }, 'could not stop the collection schedule of a deleted region');
    }
  }
}

/**
 * Deletes an account connector with its regions and sealed secret (admins), then stops the
 * regions' collection schedules.
 */
export async function deleteConnector(
  deps: ConnectorDeps,
  actor: ConnectorActor,
  name: string,
): Promise<{ name: string; regions: string[] }> {
  assertConnectorAdmin(deps, actor);
  const connector = await connectorNamed(deps.db, name);
  const regions = await deps.db.transaction().execute(async (trx) => {
    const removed = await trx
      .deleteFrom('region_connectors')
      .where('connector_id', '=', connector.id)
      .returning(['id', 'region'])
      .execute();
    await trx.deleteFrom('connectors').where('id', '=', connector.id).execute();
    await recordAuditEvent(trx, {
      actor: formatActor(actor),
      action: 'connector.deleted',
      subjectType: 'connector',
      subjectId: connector.id,
      before: {
        name: connector.name,
        workspace: connector.workspace_url,
        regions: removed.map((r) => r.region),
      },
      at: deps.clock.now(),
    });
    return removed;
  });
  await unscheduleRegions(
    deps,
    regions.map((region) => region.id),
  );
  deps.log.info(
    { connector: connector.name, regions: regions.map((r) => r.region), actor: formatActor(actor) },
    'connector deleted',
  );
  return { name: connector.name, regions: regions.map((region) => region.region) };
}
