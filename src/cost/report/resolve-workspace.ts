import { NotFound } from '../../errors/domain-errors.js';
import type { Db } from '../../db/database.js';

export interface WorkspaceRef {
  id: string;
  name: string;
}

/** Every workspace with costs or a collected name. */
export async function knownWorkspaces(db: Db): Promise<WorkspaceRef[]> {
  const named = await db
    .selectFrom('collected_workspaces')
    .select(['workspace_id', 'workspace_name'])
    .execute();
  const withCosts = await db
    .selectFrom('cost_daily')
    .select('key')
    .distinct()
    .where('dimension', '=', 'workspace')
    .where('key', '!=', '')
    .execute();
  const byId = new Map<string, string>();
  for (const row of withCosts) byId.set(row.key, row.key);
  for (const row of named) byId.set(row.workspace_id, row.workspace_name ?? row.workspace_id);
  return [...byId].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * A workspace named by a person: its id, its exact name (any case), or the one name containing
 * the text. Refused with the known names when none or several match.
 */
export async function resolveWorkspace(db: Db, text: string): Promise<WorkspaceRef> {
  const all = await knownWorkspaces(db);
  const wanted = text.toLowerCase();
  const exact = all.find((w) => w.id === text || w.name.toLowerCase() === wanted);
  if (exact) return exact;
  const partial = all.filter((w) => w.name.toLowerCase().includes(wanted));
  if (partial.length === 1) return partial[0]!;
  const names = (partial.length > 1 ? partial : all).slice(0, 15).map((w) => w.name);
  throw new NotFound(
    partial.length > 1
      ? `"${text}" matches several workspaces: ${names.join(', ')}. Name one.`
      : `I know no workspace "${text}".${names.length > 0 ? ` Workspaces: ${names.join(', ')}.` : ''}`,
  );
}
