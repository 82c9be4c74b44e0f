import type { ConnectorRow, RegionConnectorRow } from '../db/tables/connectors.js';
import { NotFound } from '../errors/domain-errors.js';
import type { WorkspaceApi } from '../ports/databricks-workspace.js';
import { requireSecretBox, secretContext, type ConnectorDeps } from './connector-deps.js';

/** A WorkspaceApi on `workspaceUrl` signed in as the connector's service principal (secret unsealed here only). */
export function openConnectorWorkspace(
  deps: Pick<ConnectorDeps, 'secrets' | 'workspaces'>,
  connector: ConnectorRow,
  workspaceUrl: string,
): WorkspaceApi {
  const clientSecret = requireSecretBox(deps).open(connector.client_secret, secretContext(connector.id));
  return deps.workspaces.connect({ workspaceUrl, clientId: connector.client_id, clientSecret });
}

export interface RegionConnection {
  region: RegionConnectorRow;
  connector: ConnectorRow;
  /** The region's warehouse, else the connector's. */
  warehouseId: string | null;
  /** Close it when done. */
  api: WorkspaceApi;
}

/**
 * What a collector run needs for region `regionId`: the rows and a WorkspaceApi on the region's
 * workspace. Throws NotFound when the region was deleted (its schedule may fire once more).
 */
export async function connectRegion(
  deps: Pick<ConnectorDeps, 'db' | 'secrets' | 'workspaces'>,
  regionId: string,
): Promise<RegionConnection> {
  const region = await deps.db
    .selectFrom('region_connectors')
    .selectAll()
    .where('id', '=', regionId)
    .executeTakeFirst();
  if (!region) throw new NotFound(`Region connector ${regionId} no longer exists.`);
  const connector = await deps.db
    .selectFrom('connectors')
    .selectAll()
    .where('id', '=', region.connector_id)
    .executeTakeFirstOrThrow();
  return {
    region,
    connector,
    warehouseId: region.warehouse_id ?? connector.warehouse_id,
    api: openConnectorWorkspace(deps, connector, region.workspace_url),
  };
}
