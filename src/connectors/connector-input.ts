import { formatDuration, parseDuration } from '../access/duration.js';
import { InvalidInput } from '../errors/domain-errors.js';
import { CLOUD_NAMES, parseWorkspaceUrl, type Cloud, type WorkspaceAddress } from './workspace-url.js';

/** An account connector as an admin fills it in (form fields or CLI flags). */
export interface NewConnectorInput {
  name: string;
  workspaceUrl: string;
  accountId: string;
  clientId: string;
  clientSecret: string;
  /** A warehouse name or id; default: a RUNNING one. */
  warehouse?: string;
}

export interface ParsedConnector {
  name: string;
  workspace: WorkspaceAddress;
  accountId: string;
  clientId: string;
  clientSecret: string;
  warehouse: string | undefined;
}

/** The form fields, by the ids Slack blocks and Teams inputs use, so errors point at the right one. */
export const CONNECTOR_FIELDS = {
  name: 'name',
  workspaceUrl: 'workspace_url',
  accountId: 'account_id',
  clientId: 'client_id',
  clientSecret: 'client_secret',
  warehouse: 'warehouse',
} as const;

const NAME = /^[a-z0-9][a-z0-9_-]{0,62}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const DEFAULT_COLLECT_EVERY_SECONDS = 900;
const MIN_COLLECT_EVERY_SECONDS = 300;
const MAX_COLLECT_EVERY_SECONDS = 86_400;

/** A connector or region name: lower-case letters, digits, `-` and `_`, as typed in commands. */
export function parseName(text: string | undefined, what: 'connector' | 'region', field: string): string {
  const name = (text ?? '').trim().toLowerCase();
  if (!NAME.test(name)) {
    throw new InvalidInput(
      `Give the ${what} a short name of letters, digits, "-" or "_" (e.g. ${what === 'connector' ? 'prod' : 'us-east-1'}).`,
      field,
    );
  }
  return name;
}

export function parseNewConnector(
  input: NewConnectorInput,
  options: { allowLoopback: boolean },
): ParsedConnector {
  const name = parseName(input.name, 'connector', CONNECTOR_FIELDS.name);
  const workspace = parseWorkspaceUrl(input.workspaceUrl ?? '', {
    allowLoopback: options.allowLoopback,
    field: CONNECTOR_FIELDS.workspaceUrl,
  });
  const accountId = (input.accountId ?? '').trim().toLowerCase();
  if (!UUID.test(accountId)) {
    throw new InvalidInput(
      'The Databricks account id is a UUID (account console → your user menu, or the account console URL).',
      CONNECTOR_FIELDS.accountId,
    );
  }
  const clientId = (input.clientId ?? '').trim();
  if (clientId === '' || clientId.length > 200 || /\s/.test(clientId)) {
    throw new InvalidInput(
      "The OAuth client id is the service principal's application id.",
      CONNECTOR_FIELDS.clientId,
    );
  }
  const clientSecret = (input.clientSecret ?? '').trim();
  if (clientSecret === '' || clientSecret.length > 1000) {
    throw new InvalidInput(
      "Paste the service principal's OAuth secret (it is stored encrypted and never shown again).",
      CONNECTOR_FIELDS.clientSecret,
    );
  }
  const warehouse = input.warehouse?.trim() || undefined;
  return { name, workspace, accountId, clientId, clientSecret, warehouse };
}

/** `15m`, `1h`, or seconds; between 5 minutes and a day. */
export function parseCollectEvery(text: string | undefined): number {
  if (text === undefined || text.trim() === '') return DEFAULT_COLLECT_EVERY_SECONDS;
  const seconds = /^\d+$/.test(text.trim()) ? Number(text.trim()) : parseDuration(text);
  if (seconds === undefined || seconds < MIN_COLLECT_EVERY_SECONDS || seconds > MAX_COLLECT_EVERY_SECONDS) {
    throw new InvalidInput(
      `Collect every ${formatDuration(MIN_COLLECT_EVERY_SECONDS)} to ${formatDuration(MAX_COLLECT_EVERY_SECONDS)} (e.g. 15m, 1h).`,
      'every',
    );
  }
  return seconds;
}

/** A region's workspace must be in the connector's cloud: one account lives in one cloud. */
export function assertSameCloud(connectorCloud: Cloud, workspace: WorkspaceAddress): void {
  if (workspace.cloud !== connectorCloud) {
    throw new InvalidInput(
      `${workspace.host} is on ${CLOUD_NAMES[workspace.cloud]}, but the connector's account is on ${CLOUD_NAMES[connectorCloud]}.`,
      'workspace_url',
    );
  }
}
