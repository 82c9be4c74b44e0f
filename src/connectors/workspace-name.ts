import type { Db } from '../db/database.js';

/**
 * What people call the workspace behind a URL: its name as the collectors saw it in
 * system.access.workspaces_latest; before that, the workspace id an Azure host carries
 * (`adb-<id>.<n>.azuredatabricks.net`) or the deployment name an AWS or GCP host starts with
 * (`dbc-1a2b3c4d`). Never a host and port.
 */
export async function workspaceNameOf(db: Db, workspaceUrl: string): Promise<string> {
  const host = hostOf(workspaceUrl);
  const collected = await db
    .selectFrom('collected_workspaces')
    .select(['workspace_name', 'workspace_url'])
    .where('workspace_name', 'is not', null)
    .where('workspace_url', 'is not', null)
    .execute();
  const match = collected.find((row) => hostOf(row.workspace_url!) === host);
  if (match?.workspace_name) return match.workspace_name;
  return fallbackName(host);
}

function hostOf(url: string): string {
  try {
    return new URL(url.includes('://') ? url : `https://${url}`).hostname.toLowerCase();
  } catch {
    return url.toLowerCase();
  }
}

function fallbackName(hostname: string): string {
  const azure = /^adb-(\d+)\.\d+\.azuredatabricks\.net$/.exec(hostname);
  if (azure) return `workspace ${azure[1]}`;
  if (/^[\d.]+$/.test(hostname) || hostname.includes(':')) return 'the connector’s workspace';
  return hostname.split('.')[0]!;
}
