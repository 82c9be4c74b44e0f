import type { ConnectorRow, RegionConnectorRow } from '../db/tables/connectors.js';
import type { ConnectorDeps } from './connector-deps.js';

export interface ConnectorOverview {
  connector: ConnectorRow;
  regions: RegionConnectorRow[];
}

/** Every connector with its regions, by name. */
export async function listConnectors(deps: Pick<ConnectorDeps, 'db'>): Promise<ConnectorOverview[]> {
  const [connectors, regions] = await Promise.all([
    deps.db.selectFrom('connectors').selectAll().orderBy('name').execute(),
    deps.db.selectFrom('region_connectors').selectAll().orderBy('region').execute(),
  ]);
  return connectors.map((connector) => ({
    connector,
    regions: regions.filter((region) => region.connector_id === connector.id),
  }));
}
