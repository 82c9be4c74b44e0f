import type { Db } from '../db/database.js';
import { AccessDenied, DomainError } from '../errors/domain-errors.js';
import type { Logger } from '../logging/logger.js';
import type { Outbox } from '../messages/outbox.js';
import { formatChatUser, type ChatUser } from '../ports/chat-user.js';
import type { Clock } from '../ports/clock.js';
import type { WorkspaceApiFactory } from '../ports/databricks-workspace.js';
import type { SecretBox } from '../security/secret-box.js';
import { sameUser } from '../access/policy/policy-decisions.js';
import type { Alert } from '../subscriptions/publish-alert.js';
import type { ConnectorScheduleHooks } from './connector-schedules.js';
import type { IngestBatches } from './ingest-batches.js';

/** What connector use cases need; built once per process in src/runtime/build-services.ts. */
export interface ConnectorDeps {
  db: Db;
  clock: Clock;
  log: Logger;
  /** Only admins (the same list as channel subscriptions) may add, change or delete connectors. */
  admins: ChatUser[];
  workspaces: WorkspaceApiFactory;
  /** Seals client secrets (ENCRYPTION_KEY); undefined when no key is configured. */
  secrets: SecretBox | undefined;
  /** Accept loopback workspace hosts (development against the emulator). */
  allowLoopbackHosts: boolean;
  schedules: ConnectorScheduleHooks;
  /** Where remote collectors' batches go; undefined until the collectors wire it. */
  ingest: IngestBatches | undefined;
  publishAlert(alert: Alert): Promise<number>;
  outbox: Outbox;
  /** Slack channel id for health changes nobody subscribed to (HEALTH_CHANNEL). */
  healthChannel: string | undefined;
  /** The bot's public base URL (PUBLIC_URL), written into remote collectors' connection strings. */
  publicUrl: string | undefined;
}

/** Someone at a shell with the bot's configuration (the CLI): trusted like an admin. */
export interface CliOperator {
  platform: 'cli';
  id: string;
}

export type ConnectorActor = ChatUser | CliOperator;

export function formatActor(actor: ConnectorActor): string {
  return actor.platform === 'cli' ? `cli:${actor.id}` : formatChatUser(actor);
}

export function assertConnectorAdmin(deps: Pick<ConnectorDeps, 'admins'>, actor: ConnectorActor): void {
  if (actor.platform === 'cli') return;
  if (!deps.admins.some((admin) => sameUser(admin, actor))) {
    throw new AccessDenied('Only admins can add, change or delete Databricks connectors.');
  }
}

/** The SecretBox, or a clear refusal when ENCRYPTION_KEY is not configured. */
export function requireSecretBox(deps: Pick<ConnectorDeps, 'secrets'>): SecretBox {
  if (!deps.secrets) {
    throw new DomainError(
      'ENCRYPTION_KEY is not configured, so the bot cannot store a client secret. Set ENCRYPTION_KEY ' +
        '(32 bytes, base64: `openssl rand -base64 32`) and restart the bot.',
    );
  }
  return deps.secrets;
}

/** What a connector's sealed secret is bound to: a sealed value copied to another row does not open. */
export function secretContext(connectorId: string): string {
  return `connectors.client_secret:${connectorId}`;
}
