import type { Db } from '../db/database.js';
import type { ConnectorRow, RegionConnectorRow } from '../db/tables/connectors.js';
import { InvalidInput, NotFound } from '../errors/domain-errors.js';

export async function connectorNamed(db: Db, name: string): Promise<ConnectorRow> {
  const row = await db
    .selectFrom('connectors')
    .selectAll()
    .where('name', '=', name.trim().toLowerCase())
    .executeTakeFirst();
  if (!row) throw new NotFound(`There is no connector named "${name}". \`connectors\` lists them.`);
  return row;
}

/** The connector named, or the only one when no name is given. */
export async function connectorOrOnly(db: Db, name: string | undefined): Promise<ConnectorRow> {
  if (name !== undefined && name.trim() !== '') return connectorNamed(db, name);
  const rows = await db.selectFrom('connectors').selectAll().orderBy('name').limit(2).execute();
  if (rows.length === 1) return rows[0]!;
  if (rows.length === 0) throw new NotFound('There is no connector yet: an admin adds one with `connect`.');
  throw new InvalidInput('There are several connectors: name one with `connector:<name>`.');
}

/** The region named, in the connector named (needed only when several connectors have the region). */
export async function regionNamed(
  db: Db,
  region: string,
  connector: string | undefined,
): Promise<{ region: RegionConnectorRow; connector: ConnectorRow }> {
  let query = db
    .selectFrom('region_connectors as r')
    .innerJoin('connectors as c', 'c.id', 'r.connector_id')
    .select(['r.id as region_id', 'c.id as connector_id'])
    .where('r.region', '=', region.trim().toLowerCase());
  if (connector !== undefined && connector.trim() !== '')
    query = query.where('c.name', '=', connector.trim().toLowerCase());
  const matches = await query.limit(2).execute();
  if (matches.length === 0) {
    throw new NotFound(
      `There is no region "${region}"${connector ? ` in connector "${connector}"` : ''}. \`connectors\` lists them.`,
    );
  }
  if (matches.length > 1) {
    throw new InvalidInput(`Several connectors have a region "${region}": add \`connector:<name>\`.`);
  }
  const [match] = matches;
  const [regionRow, connectorRow] = await Promise.all([
    db
      .selectFrom('region_connectors')
      .selectAll()
      .where('id', '=', match!.region_id)
      .executeTakeFirstOrThrow(),
    db.selectFrom('connectors').selectAll().where('id', '=', match!.connector_id).executeTakeFirstOrThrow(),
  ]);
  return { region: regionRow, connector: connectorRow };
}
