import type { ConnectorHealth } from '../db/tables/connectors.js';
import type { ChatMessage } from '../messages/chat-message.js';
import type { StoredHealthDetail } from './region-health.js';

const STATE_WORDS: Record<ConnectorHealth, string> = {
  pending: 'pending (never collected)',
  ok: 'ok',
  degraded: 'degraded',
  failed: 'failed',
};

const HEADLINES: Record<ConnectorHealth, string> = {
  pending: 'is waiting for its first collection',
  ok: 'is collecting normally',
  degraded: 'is degraded',
  failed: 'has failed',
};

const SEVERITY = { pending: 'info', ok: 'success', degraded: 'warning', failed: 'critical' } as const;

export function healthWords(state: ConnectorHealth): string {
  return STATE_WORDS[state];
}

/** `2026-11-23 10:05 UTC`, or `never`. */
export function formatInstant(at: Date | null | undefined): string {
  if (!at) return 'never';
  return `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** The neutral message announcing a region's change of health (kind `connector.health`). */
export function regionHealthMessage(input: {
  connector: string;
  region: string;
  workspace: string;
  previous: ConnectorHealth;
  state: ConnectorHealth;
  detail: StoredHealthDetail;
  lastIngestedAt: Date | null;
}): ChatMessage {
  const { detail } = input;
  const recovered = input.state === 'ok' && input.previous !== 'pending';
  const fields = [
    { label: 'Connector', value: input.connector },
    { label: 'Region', value: input.region },
    { label: 'Workspace', value: input.workspace },
    { label: 'Health', value: `${healthWords(input.previous)} → ${healthWords(input.state)}` },
    { label: 'Last ingestion', value: formatInstant(input.lastIngestedAt) },
  ];
  if (detail.tablesReceived)
    fields.push({ label: 'Tables received', value: String(detail.tablesReceived.length) });
  if (detail.optionalTablesUnavailable?.length)
    fields.push({ label: 'Optional tables unavailable', value: detail.optionalTablesUnavailable.join(', ') });
  return {
    kind: 'connector.health',
    title: `Databricks region ${input.region} (${input.connector}) ${recovered ? 'has recovered' : HEADLINES[input.state]}`,
    severity: SEVERITY[input.state],
    ...(detail.detail ? { body: [detail.detail] } : {}),
    fields,
    context: ['`connectors` shows every connector and region.'],
  };
}
