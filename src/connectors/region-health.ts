/**
 * A region's health as the collectors report it after every run. Stored every time; a CHANGE of
 * state (pending → ok, ok → degraded, …) is announced once: to channels subscribed to
 * `connectors` alerts, or else to HEALTH_CHANNEL when it is set.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { ConnectorHealth } from '../db/tables/connectors.js';
import type { Severity } from '../messages/chat-message.js';
import type { ConnectorDeps } from './connector-deps.js';
import { regionHealthMessage } from './health-message.js';
import { workspaceNameOf } from './workspace-name.js';

export interface RegionHealthReport {
  state: ConnectorHealth;
  /** One line for people: what went wrong or is missing (no secrets, no row data). */
  detail?: string;
  /** System tables this run read successfully. */
  tablesReceived?: string[];
  /** Optional system tables the service principal cannot read. */
  optionalTablesUnavailable?: string[];
  /** Optional system tables this run read successfully. */
  optionalTablesReceived?: string[];
  /** When data last arrived; moves `last_ingested_at` forward, never back. */
  ingestedAt?: Date;
  /** Anything else the collectors want kept with the health (stored alongside, JSON). */
  extra?: Record<string, unknown>;
}

/** What is kept in `region_connectors.health_detail` (`extra`'s keys, then these). */
export interface StoredHealthDetail {
  detail?: string;
  tablesReceived?: string[];
  optionalTablesUnavailable?: string[];
  reportedAt?: string;
  /** The collectors' own names for the same things, read when ours are missing. */
  summary?: string;
  unavailable?: string[];
}

/** The stored detail in our terms, whichever side wrote it. */
export function readHealthDetail(stored: unknown): StoredHealthDetail {
  const raw = (typeof stored === 'object' && stored !== null ? stored : {}) as StoredHealthDetail;
  const strings = (value: unknown) =>
    Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : undefined;
  return {
    ...(typeof (raw.detail ?? raw.summary) === 'string' ? { detail: raw.detail ?? raw.summary } : {}),
    ...(strings(raw.tablesReceived) ? { tablesReceived: strings(raw.tablesReceived) } : {}),
    ...(strings(raw.optionalTablesUnavailable ?? raw.unavailable)
      ? { optionalTablesUnavailable: strings(raw.optionalTablesUnavailable ?? raw.unavailable) }
      : {}),
    ...(typeof raw.reportedAt === 'string' ? { reportedAt: raw.reportedAt } : {}),
  };
}

export type RegionHealthDeps = Pick<
  ConnectorDeps,
  'db' | 'clock' | 'log' | 'publishAlert' | 'outbox' | 'healthChannel'
>;

const HEALTH_SEVERITY: Record<ConnectorHealth, Severity> = {
  pending: 'info',
  ok: 'success',
  degraded: 'warning',
  failed: 'critical',
};

/**
 * Stores region `regionId`'s health and, when the state changed, publishes a `connector.health`
 * message. Returns the previous state (undefined when the region no longer exists).
 */
export async function recordRegionHealth(
  deps: RegionHealthDeps,
  regionId: string,
  health: RegionHealthReport,
): Promise<{ changed: boolean; previous: ConnectorHealth | undefined }> {
  const now = deps.clock.now();
  const detail: StoredHealthDetail & Record<string, unknown> = {
    ...health.extra,
    ...(health.detail ? { detail: health.detail.slice(0, 1000) } : {}),
    ...(health.tablesReceived ? { tablesReceived: health.tablesReceived } : {}),
    ...(health.optionalTablesUnavailable
      ? { optionalTablesUnavailable: health.optionalTablesUnavailable }
      : {}),
    reportedAt: now.toISOString(),
  };
  // One statement: the row is locked, the old state read and the new one written together, so two
  // runs reporting at once announce a change once.
  const result = await sql<{
    previous: ConnectorHealth;
    region: string;
    workspace_url: string;
    connector: string;
    last_ingested_at: Date | null;
  }>`
    update region_connectors r
    set health = ${health.state},
        health_detail = ${JSON.stringify(detail)}::jsonb,
        health_changed_at = case when old.health = ${health.state} then r.health_changed_at else ${now} end,
        last_ingested_at = greatest(r.last_ingested_at, ${health.ingestedAt ?? null}::timestamptz)
    from (select id, health from region_connectors where id = ${regionId} for update) old,
         connectors c
    where r.id = old.id and c.id = r.connector_id
    returning old.health as previous, r.region, r.workspace_url, c.name as connector, r.last_ingested_at`.execute(
    deps.db,
  );
  const row = result.rows[0];
  if (!row) {
    deps.log.warn({ regionId }, 'health reported for a region that no longer exists');
    return { changed: false, previous: undefined };
  }
  await refreshOptionalTables(deps, regionId, health);
  if (row.previous === health.state) return { changed: false, previous: row.previous };
  deps.log.info(
    { regionId, region: row.region, from: row.previous, to: health.state },
    'region health changed',
  );
  const workspace = await workspaceNameOf(deps.db, row.workspace_url);
  const message = regionHealthMessage({
    connector: row.connector,
    region: row.region,
    workspace,
    previous: row.previous,
    state: health.state,
    detail,
    lastIngestedAt: row.last_ingested_at,
  });
  // The change is detected once (above), so each change gets its own key; a retried delivery of
  // it still posts once.
  const key = `connector-health:${regionId}:${randomUUID()}`;
  // A region's changes reach each channel in the order they happened.
  const order = `region-health:${regionId}`;
  const delivered = await deps.publishAlert({
    topic: 'connectors',
    key,
    message,
    attributes: { region: row.region, workspace, severity: HEALTH_SEVERITY[health.state] },
    order,
  });
  if (delivered === 0 && deps.healthChannel) {
    await deps.outbox.send({
      key: `${key}:health-channel`,
      to: { channel: { platform: 'slack', id: deps.healthChannel } },
      message,
      order,
    });
  }
  return { changed: true, previous: row.previous };
}

/**
 * The connector's list of optional tables (first filled by the checks when it was added) follows
 * what collection actually received: a table read is available, one refused is unavailable.
 */
async function refreshOptionalTables(
  deps: RegionHealthDeps,
  regionId: string,
  health: RegionHealthReport,
): Promise<void> {
  const seen: Record<string, 'available' | 'unavailable'> = {};
  for (const table of health.optionalTablesReceived ?? []) seen[table] = 'available';
  for (const table of health.optionalTablesUnavailable ?? []) seen[table] = 'unavailable';
  if (Object.keys(seen).length === 0) return;
  await sql`
    update connectors c set optional_tables = coalesce(c.optional_tables, '{}'::jsonb) || ${JSON.stringify(seen)}::jsonb
    from region_connectors r where r.id = ${regionId} and c.id = r.connector_id`.execute(deps.db);
}
