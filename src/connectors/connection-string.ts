/**
 * Remote collectors: a region's connection string `DBCHATOPS://<base64 JSON>` carries the bot's
 * URL, the connector and region ids and a random token. It is shown once; only the token's
 * SHA-256 is stored, and generating a new string revokes the previous one.
 */
import { z } from 'zod';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import { DomainError, InvalidInput } from '../errors/domain-errors.js';
import {
  assertConnectorAdmin,
  formatActor,
  type ConnectorActor,
  type ConnectorDeps,
} from './connector-deps.js';
import { regionNamed } from './connector-queries.js';
import { hashCollectorToken, newCollectorToken } from './collector-token.js';
import { INGEST_BATCHES_PATH } from './ingest-batch.js';

export const CONNECTION_STRING_SCHEME = 'DBCHATOPS://';

const payloadSchema = z.object({
  v: z.literal(1),
  /** The bot's public base URL; batches go to `${apiUrl}${ingestPath}`. */
  apiUrl: z.url(),
  ingestPath: z.string().startsWith('/'),
  connectorId: z.uuid(),
  regionId: z.uuid(),
  region: z.string(),
  collectEverySeconds: z.number().int().positive(),
  token: z.string().min(32),
});

export type ConnectionStringPayload = z.infer<typeof payloadSchema>;

export function formatConnectionString(payload: ConnectionStringPayload): string {
  return `${CONNECTION_STRING_SCHEME}${Buffer.from(JSON.stringify(payload), 'utf8').toString('base64')}`;
}

/** Reads a connection string back (for the remote collector's CLI); refuses anything malformed. */
export function parseConnectionString(text: string): ConnectionStringPayload {
  const trimmed = text.trim();
  if (!trimmed.toUpperCase().startsWith(CONNECTION_STRING_SCHEME)) {
    throw new InvalidInput(`A connection string starts with ${CONNECTION_STRING_SCHEME}.`);
  }
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(trimmed.slice(CONNECTION_STRING_SCHEME.length), 'base64').toString('utf8'));
  } catch {
    throw new InvalidInput('The connection string is damaged (not base64 JSON). Copy it again.');
  }
  const parsed = payloadSchema.safeParse(json);
  if (!parsed.success) throw new InvalidInput('The connection string is incomplete. Generate a new one.');
  return parsed.data;
}

/**
 * Generates a region's connection string (admins): the region switches to `remote` mode (the
 * bot stops pulling it; the collector in the workspace pushes), the token's hash replaces any
 * earlier one. The string is returned once and never stored, logged or shown again.
 */
export async function generateConnectionString(
  deps: ConnectorDeps,
  actor: ConnectorActor,
  input: { region: string; connector?: string },
): Promise<{ connectionString: string; connector: string; region: string }> {
  assertConnectorAdmin(deps, actor);
  if (!deps.publicUrl) {
    throw new DomainError(
      "PUBLIC_URL is not configured, so a remote collector would not know where to send data. Set it to the bot's public https URL and restart.",
    );
  }
  const { region, connector } = await regionNamed(deps.db, input.region, input.connector);
  const token = newCollectorToken();
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('region_connectors')
      .set({ mode: 'remote', remote_token_hash: hashCollectorToken(token) })
      .where('id', '=', region.id)
      .execute();
    await recordAuditEvent(trx, {
      actor: formatActor(actor),
      action: 'connector.connection_string_generated',
      subjectType: 'region_connector',
      subjectId: region.id,
      before: { mode: region.mode, hadToken: region.remote_token_hash !== null },
      after: { mode: 'remote' },
      at: now,
    });
  });
  if (region.mode === 'direct') {
    await deps.schedules
      .unscheduleRegion(region.id)
      .catch((error: unknown) =>
        deps.log.error(
          { err: error, regionId: region.id },
          'could not stop the direct collection of a remote region',
        ),
      );
  }
  deps.log.info(
    { connector: connector.name, region: region.region, actor: formatActor(actor) },
    'remote collector connection string generated',
  );
  const connectionString = formatConnectionString({
    v: 1,
    apiUrl: deps.publicUrl.replace(/\/+$/, ''),
    ingestPath: INGEST_BATCHES_PATH,
    connectorId: connector.id,
    regionId: region.id,
    region: region.region,
    collectEverySeconds: region.collect_every_seconds,
    token,
  });
  return { connectionString, connector: connector.name, region: region.region };
}
