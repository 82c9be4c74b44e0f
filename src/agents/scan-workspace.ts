import { openConnectorWorkspace } from '../connectors/region-workspace.js';
import type { AgentRow } from '../db/tables/agent-security.js';
import { loadAgentPolicies } from '../detectors/policy/load-agent-policies.js';
import { announceFindings } from '../findings/announce-findings.js';
import type { WorkspaceApi } from '../ports/databricks-workspace.js';
import type { AgentScanDeps } from './agent-scan-deps.js';
import { discoverAgents } from './discover-agents.js';
import { scanAgent } from './scan-agent.js';

/** How far back a scan may reach to catch up after an outage. */
export const MAX_CATCH_UP_MS = 24 * 3600_000;

export interface WorkspaceScanSummary {
  agents: number;
  rows: number;
  scanned: number;
  newFindings: number;
  failedAgents: string[];
}

/** The window start: the look-back, reaching further back to the last complete scan after an outage. */
export function windowStart(now: Date, lookbackMinutes: number, scannedUntil: Date | null): Date {
  const lookback = lookbackMinutes * 60_000;
  const usual = now.getTime() - lookback;
  if (!scannedUntil) return new Date(usual);
  const resume = Math.max(scannedUntil.getTime() - lookback, now.getTime() - MAX_CATCH_UP_MS - lookback);
  return new Date(Math.min(usual, resume));
}

async function pickWarehouse(api: WorkspaceApi, preferred: string | null): Promise<string> {
  if (preferred) return preferred;
  const warehouses = (await api.listWarehouses()).filter((w) => !['DELETED', 'DELETING'].includes(w.state));
  const running = warehouses.find((w) => w.state === 'RUNNING') ?? warehouses[0];
  if (!running) throw new Error('the workspace has no SQL warehouse to read traces with');
  return running.id;
}

async function recordScan(
  deps: AgentScanDeps,
  agent: AgentRow,
  status: 'ok' | 'failed',
  detail: string,
  rows: number,
  until?: Date,
) {
  await deps.db
    .updateTable('agents')
    .set({
      last_scan_at: deps.clock.now(),
      last_scan_status: status,
      last_scan_detail: detail.slice(0, 500),
      last_scan_rows: rows,
      ...(until ? { scanned_until: until } : {}),
    })
    .where('id', '=', agent.id)
    .execute();
}

/**
 * One scan cycle of a connected workspace: discover its agents, read each agent's new trace
 * rows over the look-back window, record findings, announce them, and forget scanned-row keys
 * too old to be read again. One agent failing does not stop the others; its window resumes
 * from its last complete scan next cycle.
 */
export async function scanWorkspace(
  deps: AgentScanDeps,
  connectorId: string,
): Promise<WorkspaceScanSummary | undefined> {
  const connector = await deps.db
    .selectFrom('connectors')
    .selectAll()
    .where('id', '=', connectorId)
    .executeTakeFirst();
  if (!connector) return undefined;
  if (!deps.fingerprintKey || !deps.secrets) {
    throw new Error('ENCRYPTION_KEY is not configured: agent findings cannot be fingerprinted');
  }
  const policies = await loadAgentPolicies(deps.config.policyFile, { required: deps.config.policyRequired });
  const api = openConnectorWorkspace(deps, connector, connector.workspace_url);
  const summary: WorkspaceScanSummary = { agents: 0, rows: 0, scanned: 0, newFindings: 0, failedAgents: [] };
  try {
    const warehouseId = await pickWarehouse(api, connector.warehouse_id);
    const agents = await discoverAgents(deps, api, warehouseId, connector);
    summary.agents = agents.length;
    for (const agent of agents) {
      const now = deps.clock.now();
      const since = windowStart(now, deps.config.lookbackMinutes, agent.scanned_until);
      try {
        const result = await scanAgent(deps, {
          api,
          warehouseId,
          agent,
          policy: policies.for(agent.name),
          since,
        });
        summary.rows += result.rows;
        summary.scanned += result.scanned;
        summary.newFindings += result.newFindings;
        await recordScan(
          deps,
          agent,
          'ok',
          `${result.scanned} new rows of ${result.rows} read`,
          result.rows,
          now,
        );
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        summary.failedAgents.push(agent.name);
        deps.log.warn(
          { connector: connector.name, agent: agent.name, reason: reason.slice(0, 300) },
          'agent scan failed',
        );
        await recordScan(deps, agent, 'failed', reason, 0);
      }
    }
  } finally {
    await api.close().catch(() => undefined);
  }
  await announceFindings(deps.findings);
  const keep = deps.clock.now().getTime() - MAX_CATCH_UP_MS - 2 * deps.config.lookbackMinutes * 60_000;
  await deps.db.deleteFrom('agent_scanned_rows').where('event_at', '<', new Date(keep)).execute();
  deps.log.info({ connector: connector.name, ...summary }, 'agent scan finished');
  return summary;
}
