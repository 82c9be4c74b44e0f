import type { Db } from '../db/database.js';
import { NotFound } from '../errors/domain-errors.js';
import type { WorkspaceConnectionSettings } from '../ports/databricks-workspace.js';
import type { SecretBox } from '../security/secret-box.js';
import { secretContext } from '../connectors/connector-deps.js';

/** Everything a run needs to reach one region's warehouse. */
export interface RegionTarget {
  regionId: string;
  region: string;
  connection: WorkspaceConnectionSettings;
  /** The region's warehouse, else its connector's; null when none was chosen. */
  warehouseId: string | null;
  everySeconds: number;
  mode: 'direct' | 'remote';
}

export async function loadRegionTarget(
  db: Db,
  secrets: SecretBox | undefined,
  regionId: string,
): Promise<RegionTarget> {
  const row = await db
    .selectFrom('region_connectors as r')
    .innerJoin('connectors as c', 'c.id', 'r.connector_id')
    .select([
      'r.id',
      'r.region',
      'r.workspace_url',
      'r.warehouse_id',
      'r.collect_every_seconds',
      'r.mode',
      'c.id as connector_id',
      'c.client_id',
      'c.client_secret',
      'c.warehouse_id as connector_warehouse_id',
    ])
    .where('r.id', '=', regionId)
    .executeTakeFirst();
  if (!row) throw new NotFound(`No region connector ${regionId}.`);
  if (!secrets) throw new Error('ENCRYPTION_KEY is not configured: stored client secrets cannot be opened');
  return {
    regionId: row.id,
    region: row.region,
    connection: {
      workspaceUrl: row.workspace_url,
      clientId: row.client_id,
      clientSecret: secrets.open(row.client_secret, secretContext(row.connector_id)),
    },
    warehouseId: row.warehouse_id ?? row.connector_warehouse_id,
    everySeconds: row.collect_every_seconds,
    mode: row.mode,
  };
}
