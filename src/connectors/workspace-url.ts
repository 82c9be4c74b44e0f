import { InvalidInput } from '../errors/domain-errors.js';

export type Cloud = 'aws' | 'azure' | 'gcp';

export interface WorkspaceAddress {
  /** `https://<host>[:port]`, without path or trailing slash. */
  url: string;
  host: string;
  cloud: Cloud;
}

const CLOUD_SUFFIXES: [suffix: string, cloud: Cloud][] = [
  ['.azuredatabricks.net', 'azure'],
  ['.gcp.databricks.com', 'gcp'],
  ['.cloud.databricks.com', 'aws'],
];

export const CLOUD_NAMES: Record<Cloud, string> = { aws: 'AWS', azure: 'Azure', gcp: 'GCP' };

/** 127.0.0.0/8, ::1 and localhost: a local emulator, never a real workspace. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.toLowerCase().replace(/^\[|\]$/g, '');
  return bare === 'localhost' || bare === '::1' || /^127(\.\d{1,3}){3}$/.test(bare);
}

/**
 * A workspace URL as an admin types it (`https://adb-123.7.azuredatabricks.net/?o=123#`), reduced to
 * its origin, with the cloud read from the host. Hosts outside Databricks' three clouds are refused;
 * loopback hosts (the local emulator) only when `allowLoopback` (development, never production).
 */
export function parseWorkspaceUrl(
  text: string,
  options: { allowLoopback: boolean; field?: string; loopbackCloud?: Cloud },
): WorkspaceAddress {
  const field = options.field ?? 'workspace_url';
  const trimmed = text.trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
  let parsed: URL;
  try {
    parsed = new URL(withScheme);
  } catch {
    throw new InvalidInput(`"${trimmed.slice(0, 100)}" is not a workspace URL.`, field);
  }
  if (parsed.protocol !== 'https:') {
    throw new InvalidInput('The workspace URL must start with https://.', field);
  }
  if (parsed.username || parsed.password) {
    throw new InvalidInput('The workspace URL must not contain a user name or password.', field);
  }
  const host = parsed.hostname.toLowerCase();
  if (isLoopbackHost(host)) {
    if (!options.allowLoopback) {
      throw new InvalidInput(
        'Loopback workspace hosts are accepted only in development (DATABRICKS_ALLOW_LOOPBACK_HOSTS=true).',
        field,
      );
    }
    return { url: parsed.origin, host: parsed.host, cloud: options.loopbackCloud ?? 'aws' };
  }
  const cloud = CLOUD_SUFFIXES.find(([suffix]) => host.endsWith(suffix) && host.length > suffix.length)?.[1];
  if (!cloud) {
    throw new InvalidInput(
      `${host} is not a Databricks workspace host. Use the workspace URL from your browser: ` +
        '*.cloud.databricks.com (AWS), *.azuredatabricks.net (Azure) or *.gcp.databricks.com (GCP).',
      field,
    );
  }
  return { url: parsed.origin, host: parsed.host, cloud };
}
