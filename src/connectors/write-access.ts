import { ACTION_KIND_NAMES, type ActionKindName } from '../actions/action-kind.js';
import { NotFound } from '../errors/domain-errors.js';
import type { MessageField } from '../messages/chat-message.js';
import type { WorkspaceApi } from '../ports/databricks-workspace.js';
import {
  assertConnectorAdmin,
  formatActor,
  type ConnectorActor,
  type ConnectorDeps,
} from './connector-deps.js';
import { connectorNamed } from './connector-queries.js';
import { openConnectorWorkspace } from './region-workspace.js';
import { recordAuditEvent } from '../audit/record-audit-event.js';

export interface WriteCheck {
  ok: boolean;
  detail: string;
}

/** Which API each action needs, and how the check reads it. */
const FAMILIES: { kinds: ActionKindName[]; check: (api: WorkspaceApi) => Promise<string> }[] = [
  {
    kinds: ['terminate-cluster', 'start-cluster'],
    check: async (api) => {
      const list = await api.rest('GET', '/api/2.1/clusters/list');
      const count = Array.isArray(list.clusters) ? list.clusters.length : 0;
      return `${count} cluster(s) visible; terminating or starting one needs CAN RESTART on it.`;
    },
  },
  {
    kinds: ['stop-warehouse'],
    check: async (api) =>
      `${(await api.listWarehouses()).length} SQL warehouse(s) visible; stopping one needs CAN MANAGE on it.`,
  },
  {
    kinds: ['pause-job-schedule', 'resume-job-schedule', 'cancel-run'],
    check: async (api) => {
      const list = await api.rest('GET', '/api/2.1/jobs/list?limit=25');
      const count = Array.isArray(list.jobs) ? list.jobs.length : 0;
      return `${count}${list.has_more === true ? '+' : ''} job(s) visible; pausing needs CAN MANAGE, cancelling CAN MANAGE RUN.`;
    },
  },
  {
    kinds: ['add-guardrails', 'remove-guardrails'],
    check: async (api) => {
      const list = await api.rest('GET', '/api/2.0/serving-endpoints');
      const endpoints = (Array.isArray(list.endpoints) ? list.endpoints : []) as {
        permission_level?: string;
      }[];
      const manageable = endpoints.filter((e) => e.permission_level === 'CAN_MANAGE').length;
      if (endpoints.length > 0 && manageable === 0) throw new Error('no serving endpoint with CAN MANAGE');
      return `${manageable} of ${endpoints.length} serving endpoint(s) with CAN MANAGE.`;
    },
  },
];

/** Reads, per action, what the connector's principal can see and manage in its workspace. */
export async function checkWriteAccess(api: WorkspaceApi): Promise<Record<ActionKindName, WriteCheck>> {
  const checks = {} as Record<ActionKindName, WriteCheck>;
  for (const family of FAMILIES) {
    let result: WriteCheck;
    try {
      result = { ok: true, detail: await family.check(api) };
    } catch (error) {
      result = {
        ok: false,
        detail: `Cannot: ${(error instanceof Error ? error.message : String(error)).slice(0, 200)}`,
      };
    }
    for (const kind of family.kinds) checks[kind] = result;
  }
  return checks;
}

/**
 * `connector enable-actions <name>` / `disable-actions`: write access is opt-in per connector.
 * Enabling runs the write checks first and reports them per action.
 */
export async function setWriteAccess(
  deps: ConnectorDeps,
  actor: ConnectorActor,
  name: string,
  enabled: boolean,
): Promise<{ connector: string; enabled: boolean; checks: Record<string, WriteCheck> }> {
  assertConnectorAdmin(deps, actor);
  const connector = await connectorNamed(deps.db, name);
  let checks: Record<string, WriteCheck> = {};
  if (enabled) {
    const api = openConnectorWorkspace(deps, connector, connector.workspace_url);
    try {
      checks = await checkWriteAccess(api);
    } finally {
      await api.close().catch(() => undefined);
    }
  }
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('connectors')
      .set({ write_access: enabled, write_checks: JSON.stringify(checks) })
      .where('id', '=', connector.id)
      .returning('id')
      .executeTakeFirst();
    if (!updated) throw new NotFound(`There is no connector named "${name}".`);
    await recordAuditEvent(trx, {
      actor: formatActor(actor),
      action: enabled ? 'connector.write_access_enabled' : 'connector.write_access_disabled',
      subjectType: 'connector',
      subjectId: connector.id,
      before: { writeAccess: connector.write_access },
      after: { writeAccess: enabled },
      details: enabled ? { checks } : undefined,
      at: now,
    });
  });
  return { connector: connector.name, enabled, checks };
}

export function writeCheckFields(checks: Record<string, WriteCheck>): MessageField[] {
  return ACTION_KIND_NAMES.filter((kind) => checks[kind]).map((kind) => ({
    label: kind,
    value: `${checks[kind]!.ok ? 'ok' : 'NOT possible'}: ${checks[kind]!.detail}`,
  }));
}
