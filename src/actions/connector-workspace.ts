import { workspaceNameOf } from '../connectors/workspace-name.js';
import { AccessDenied, NotFound } from '../errors/domain-errors.js';
import type { ActionDeps } from './action-deps.js';
import type { ActionWorkspace } from './action-workspace.js';

/** A workspace known by its connector and URL (an agent's, an earlier action's), write access checked. */
export async function resolveConnectorWorkspace(
  deps: Pick<ActionDeps, 'db'>,
  connectorId: string | null,
  workspaceUrl: string,
): Promise<ActionWorkspace> {
  const connector = connectorId
    ? await deps.db.selectFrom('connectors').selectAll().where('id', '=', connectorId).executeTakeFirst()
    : undefined;
  if (!connector) throw new NotFound('The connector of that workspace was deleted.');
  const name = await workspaceNameOf(deps.db, workspaceUrl);
  if (!connector.write_access) {
    throw new AccessDenied(
      `Write access is not enabled for connector ${connector.name}: the bot only reads ${name}. An admin can turn it on with \`connector enable-actions ${connector.name}\`.`,
    );
  }
  return { url: workspaceUrl, name, connector };
}
