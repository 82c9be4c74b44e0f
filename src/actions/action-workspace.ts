import type { ConnectorRow } from '../db/tables/connectors.js';
import { AccessDenied, NotFound } from '../errors/domain-errors.js';
import { resolveWorkspace } from '../cost/report/resolve-workspace.js';
import { workspaceNameOf } from '../connectors/workspace-name.js';
import type { ActionDeps } from './action-deps.js';

/** The workspace an action changes, and the connector whose service principal changes it. */
export interface ActionWorkspace {
  url: string;
  name: string;
  connector: ConnectorRow;
}

/**
 * The workspace a person named (its name or id as collected, or a connector's name), with the
 * connector that reaches it. Refused when nobody enabled write access on that connector.
 */
export async function resolveActionWorkspace(
  deps: Pick<ActionDeps, 'db'>,
  text: string,
): Promise<ActionWorkspace> {
  const connectorByName = await deps.db
    .selectFrom('connectors')
    .selectAll()
    .where('name', '=', text.trim().toLowerCase())
    .executeTakeFirst();
  if (connectorByName) {
    return withWriteAccess({
      url: connectorByName.workspace_url,
      name: await workspaceNameOf(deps.db, connectorByName.workspace_url),
      connector: connectorByName,
    });
  }
  const workspace = await resolveWorkspace(deps.db, text);
  return workspaceById(deps, workspace.id);
}

/** The workspace with this Databricks id (from an alert's scope). */
export async function workspaceById(
  deps: Pick<ActionDeps, 'db'>,
  workspaceId: string,
): Promise<ActionWorkspace> {
  const row = await deps.db
    .selectFrom('collected_workspaces as w')
    .innerJoin('region_connectors as r', 'r.id', 'w.region_id')
    .innerJoin('connectors as c', 'c.id', 'r.connector_id')
    .select(['w.workspace_url', 'w.workspace_name', 'c.id as connector_id'])
    .where('w.workspace_id', '=', workspaceId)
    .where('w.workspace_url', 'is not', null)
    .orderBy('w.collected_at', 'desc')
    .executeTakeFirst();
  if (!row) {
    throw new NotFound(
      `I do not know the URL of workspace ${workspaceId}: no connector has collected it yet (system.access.workspaces_latest).`,
    );
  }
  const connector = await deps.db
    .selectFrom('connectors')
    .selectAll()
    .where('id', '=', row.connector_id)
    .executeTakeFirstOrThrow();
  return withWriteAccess({
    url: normaliseUrl(row.workspace_url!),
    name: row.workspace_name ?? workspaceId,
    connector,
  });
}

function withWriteAccess(workspace: ActionWorkspace): ActionWorkspace {
  if (!workspace.connector.write_access) {
    throw new AccessDenied(
      `Write access is not enabled for connector ${workspace.connector.name}: the bot only reads ${workspace.name}. An admin can turn it on with \`connector enable-actions ${workspace.connector.name}\`.`,
    );
  }
  return workspace;
}

function normaliseUrl(url: string): string {
  return url.includes('://') ? url.replace(/\/+$/, '') : `https://${url.replace(/\/+$/, '')}`;
}
