import { formatDuration } from '../access/duration.js';
import type { ChatMessage } from '../messages/chat-message.js';
import type { ConnectorOutcome } from './add-connector.js';
import type { RegionOutcome } from './add-region.js';
import { formatInstant, healthWords } from './health-message.js';
import type { ConnectorOverview } from './list-connectors.js';
import { readHealthDetail } from './region-health.js';
import type { CheckStatus, WorkspaceValidation } from './validate-workspace.js';
import { CLOUD_NAMES } from './workspace-url.js';

const MARKS: Record<CheckStatus, string> = { ok: '✅', failed: '❌', skipped: '⏭️', unavailable: '➖' };

function checkLines(validation: WorkspaceValidation): string[] {
  return validation.checks.map((check) => `${MARKS[check.status]} ${check.name}: ${check.detail}`);
}

/** The validation report of a new connector, every check on its own line. */
export function connectorOutcomeMessage(outcome: ConnectorOutcome): ChatMessage {
  const where = `${outcome.workspaceHost} (${CLOUD_NAMES[outcome.cloud]})`;
  return {
    kind: 'connector.validation',
    title: outcome.saved
      ? `Connector ${outcome.name} saved`
      : `Connector ${outcome.name} not saved: a required check failed`,
    severity: outcome.saved ? 'success' : 'critical',
    body: [`Checked ${where}:`, ...checkLines(outcome.validation)],
    context: outcome.saved
      ? ['The client secret is stored encrypted and will not be shown again. Next: `connector add-region`.']
      : ['Nothing was saved. Fix what failed and try again.'],
  };
}

export function regionOutcomeMessage(outcome: RegionOutcome): ChatMessage {
  const name = `${outcome.region} (${outcome.connector})`;
  const context = outcome.saved
    ? [
        `Collected every ${formatDuration(outcome.collectEverySeconds)}; health stays pending until the first run.`,
        ...(outcome.scheduleProblem ? [outcome.scheduleProblem] : []),
      ]
    : ['Nothing was saved. Fix what failed and try again.'];
  return {
    kind: 'connector.validation',
    title: outcome.saved ? `Region ${name} saved` : `Region ${name} not saved: a required check failed`,
    severity: outcome.saved ? (outcome.scheduleProblem ? 'warning' : 'success') : 'critical',
    body: [`Checked ${outcome.workspaceHost}:`, ...checkLines(outcome.validation)],
    context,
  };
}

/** `/databricks connectors`: every connector and region with health, last ingestion and tables. */
export function connectorsListMessage(overviews: ConnectorOverview[]): ChatMessage {
  if (overviews.length === 0) {
    return {
      kind: 'connectors.list',
      title: 'No Databricks connectors yet',
      context: ['An admin adds one with `connect`.'],
    };
  }
  const body: string[] = [];
  for (const { connector, regions } of overviews) {
    const unavailable = Object.entries(connector.optional_tables ?? {})
      .filter(([, state]) => state === 'unavailable')
      .map(([table]) => table);
    body.push(
      `Connector ${connector.name} — ${CLOUD_NAMES[connector.cloud]} · ${new URL(connector.workspace_url).host}` +
        ` · warehouse ${connector.warehouse_id ?? 'none'} · added ${formatInstant(connector.created_at)} by ${connector.created_by}`,
    );
    // Each region says which optional tables it lacks; the connector's own check only when it found some.
    if (unavailable.length > 0) body.push(`   Optional tables unavailable: ${unavailable.join(', ')}`);
    if (regions.length === 0) body.push('   No regions yet: add one with `connector add-region`.');
    for (const region of regions) body.push(...regionLines(region));
  }
  return {
    kind: 'connectors.list',
    title: `Databricks connectors (${overviews.length})`,
    body,
  };
}

function regionLines(region: RegionConnectorRow): string[] {
  const detail = readHealthDetail(region.health_detail);
  const received = detail.tablesReceived ?? [];
  const unavailable = detail.optionalTablesUnavailable ?? [];
  const mode =
    region.mode === 'remote' ? 'remote collector' : `every ${formatDuration(region.collect_every_seconds)}`;
  return [
    `• Region ${region.region} — health: ${healthWords(region.health)} · ${new URL(region.workspace_url).host} · ${mode}`,
    `   Last ingestion: ${formatInstant(region.last_ingested_at)} · tables received: ${
      received.length === 0 ? 'none' : `${received.length} (${received.join(', ')})`
    }`,
    `   Optional tables unavailable: ${unavailable.length === 0 ? 'none' : unavailable.join(', ')}`,
    ...(detail.detail && region.health !== 'ok' ? [`   ${detail.detail}`] : []),
  ];
}

type RegionConnectorRow = ConnectorOverview['regions'][number];
