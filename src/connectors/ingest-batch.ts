/**
 * Requests from remote collectors: each is authenticated by the region's bearer token (compared
 * by its SHA-256, the only form stored) and checked for shape before the IngestBatches port sees
 * it. A wrong or revoked token stores nothing.
 */
import { z } from 'zod';
import type { ConnectorDeps } from './connector-deps.js';
import { tokenMatches } from './collector-token.js';
import { SYSTEM_TABLES } from './system-tables.js';

export const INGEST_BATCHES_PATH = '/ingest/v1/batches';
export const INGEST_CHECKPOINTS_PATH = '/ingest/v1/checkpoints';
export const INGEST_RUNS_PATH = '/ingest/v1/runs';
export const MAX_ROWS_PER_BATCH = 20_000;

const batchSchema = z.object({
  regionId: z.uuid(),
  table: z.string().refine((table) => SYSTEM_TABLES.includes(table), {
    message: 'must be one of the collected system tables',
  }),
  rows: z.array(z.record(z.string(), z.unknown())).max(MAX_ROWS_PER_BATCH),
  checkpoint: z.unknown(),
});

const runSchema = z.object({ regionId: z.uuid(), report: z.unknown() });

export type IngestResult =
  | { outcome: 'accepted'; body: unknown }
  | { outcome: 'unauthorized' | 'invalid' | 'unavailable'; message: string };

type IngestDeps = Pick<ConnectorDeps, 'db' | 'ingest' | 'log'>;

const UNAUTHORIZED: IngestResult = {
  outcome: 'unauthorized',
  message:
    'The collector token is not valid for this region (wrong, or revoked by a newer connection string).',
};
const UNAVAILABLE: IngestResult = {
  outcome: 'unavailable',
  message: 'This bot does not accept data from remote collectors yet.',
};

/** The region id when `bearerToken` is region `regionId`'s current remote-collector token. */
export async function authenticateCollector(
  deps: IngestDeps,
  bearerToken: string | undefined,
  regionId: unknown,
): Promise<string | undefined> {
  if (!bearerToken || typeof regionId !== 'string' || !z.uuid().safeParse(regionId).success) return undefined;
  const region = await deps.db
    .selectFrom('region_connectors')
    .select(['id', 'remote_token_hash'])
    .where('id', '=', regionId)
    .where('mode', '=', 'remote')
    .executeTakeFirst();
  if (!region?.remote_token_hash || !tokenMatches(region.remote_token_hash, bearerToken)) {
    deps.log.warn({ regionId }, 'remote collector refused: wrong or revoked token');
    return undefined;
  }
  return region.id;
}

/** `POST /ingest/v1/batches` `{ regionId, table, rows, checkpoint }`. */
export async function acceptIngestBatch(
  deps: IngestDeps,
  bearerToken: string | undefined,
  body: unknown,
): Promise<IngestResult> {
  const regionId = await authenticateCollector(deps, bearerToken, regionIdOf(body));
  if (!regionId) return UNAUTHORIZED;
  const parsed = batchSchema.safeParse(body);
  if (!parsed.success) return invalid(parsed.error);
  if (!deps.ingest) return UNAVAILABLE;
  const { table, rows, checkpoint } = parsed.data;
  await deps.ingest.ingest(regionId, table, rows, checkpoint);
  deps.log.info({ regionId, table, rows: rows.length }, 'remote collector batch accepted');
  return { outcome: 'accepted', body: { accepted: rows.length } };
}

/** `GET /ingest/v1/checkpoints?regionId=…`. */
export async function collectorCheckpoints(
  deps: IngestDeps,
  bearerToken: string | undefined,
  regionIdParam: unknown,
): Promise<IngestResult> {
  const regionId = await authenticateCollector(deps, bearerToken, regionIdParam);
  if (!regionId) return UNAUTHORIZED;
  if (!deps.ingest?.checkpoints) return UNAVAILABLE;
  return { outcome: 'accepted', body: { checkpoints: await deps.ingest.checkpoints(regionId) } };
}

/** `POST /ingest/v1/runs` `{ regionId, report }`: the remote run is over. */
export async function finishRemoteRun(
  deps: IngestDeps,
  bearerToken: string | undefined,
  body: unknown,
): Promise<IngestResult> {
  const regionId = await authenticateCollector(deps, bearerToken, regionIdOf(body));
  if (!regionId) return UNAUTHORIZED;
  const parsed = runSchema.safeParse(body);
  if (!parsed.success) return invalid(parsed.error);
  if (!deps.ingest?.finishRun) return UNAVAILABLE;
  return { outcome: 'accepted', body: { result: await deps.ingest.finishRun(regionId, parsed.data.report) } };
}

function regionIdOf(body: unknown): unknown {
  return typeof body === 'object' && body !== null ? (body as { regionId?: unknown }).regionId : undefined;
}

function invalid(error: z.ZodError): IngestResult {
  const issue = error.issues[0];
  return {
    outcome: 'invalid',
    message: `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`,
  };
}
