import { recordAuditEvent } from '../audit/record-audit-event.js';
import {
  assertConnectorAdmin,
  formatActor,
  type ConnectorActor,
  type ConnectorDeps,
} from './connector-deps.js';
import { regionNamed } from './connector-queries.js';
import { unscheduleRegions } from './delete-connector.js';

/** Deletes one region connector (admins) and stops its collection schedule. */
export async function removeRegion(
  deps: ConnectorDeps,
  actor: ConnectorActor,
  input: { region: string; connector?: string },
): Promise<{ connector: string; region: string }> {
  assertConnectorAdmin(deps, actor);
  const { region, connector } = await regionNamed(deps.db, input.region, input.connector);
  await deps.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('region_connectors').where('id', '=', region.id).execute();
    await recordAuditEvent(trx, {
      actor: formatActor(actor),
      action: 'connector.region_removed',
      subjectType: 'region_connector',
      subjectId: region.id,
      before: { connector: connector.name, region: region.region, workspace: region.workspace_url },
      at: deps.clock.now(),
    });
  });
  await unscheduleRegions(deps, [region.id]);
  deps.log.info(
    { connector: connector.name, region: region.region, actor: formatActor(actor) },
    'region removed',
  );
  return { connector: connector.name, region: region.region };
}
