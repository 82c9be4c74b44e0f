import { randomUUID } from 'node:crypto';
import { recordAuditEvent } from '../audit/record-audit-event.js';
import { Conflict } from '../errors/domain-errors.js';
import {
  assertConnectorAdmin,
  formatActor,
  requireSecretBox,
  secretContext,
  type ConnectorActor,
  type ConnectorDeps,
} from './connector-deps.js';
import {
  CONNECTOR_FIELDS,
  parseNewConnector,
  type NewConnectorInput,
  type ParsedConnector,
} from './connector-input.js';
import { validateWorkspace, type WorkspaceValidation } from './validate-workspace.js';
import type { Cloud } from './workspace-url.js';

export interface ConnectorOutcome {
  /** Saved only when every required check passed. */
  saved: boolean;
  name: string;
  workspaceHost: string;
  cloud: Cloud;
  validation: WorkspaceValidation;
  connectorId?: string;
}

/**
 * The quick checks, before anything talks to Databricks: an admin, an encryption key to seal the
 * secret with, well-formed fields (errors name the field) and a free name.
 */
export async function precheckConnector(
  deps: ConnectorDeps,
  actor: ConnectorActor,
  input: NewConnectorInput,
): Promise<ParsedConnector> {
  assertConnectorAdmin(deps, actor);
  requireSecretBox(deps);
  const parsed = parseNewConnector(input, { allowLoopback: deps.allowLoopbackHosts });
  const taken = await deps.db
    .selectFrom('connectors')
    .select('id')
    .where('name', '=', parsed.name)
    .executeTakeFirst();
  if (taken) throw new Conflict(`A connector named "${parsed.name}" already exists.`, CONNECTOR_FIELDS.name);
  return parsed;
}

/**
 * Registers an account connector: validates the credentials against the workspace (every check
 * reported) and saves it — the client secret sealed with SecretBox — only when all required
 * checks pass. The secret is never logged, returned or shown again.
 */
export async function addConnector(
  deps: ConnectorDeps,
  actor: ConnectorActor,
  input: NewConnectorInput,
): Promise<ConnectorOutcome> {
  const parsed = await precheckConnector(deps, actor, input);
  const secrets = requireSecretBox(deps);
  const api = deps.workspaces.connect({
    workspaceUrl: parsed.workspace.url,
    clientId: parsed.clientId,
    clientSecret: parsed.clientSecret,
  });
  let validation: WorkspaceValidation;
  try {
    validation = await validateWorkspace(api, { warehouse: parsed.warehouse });
  } finally {
    await api.close();
  }
  const outcome = {
    name: parsed.name,
    workspaceHost: parsed.workspace.host,
    cloud: parsed.workspace.cloud,
    validation,
  };
  const logged = { connector: parsed.name, workspace: parsed.workspace.host, actor: formatActor(actor) };
  if (!validation.passed) {
    const failed = validation.checks.filter((check) => check.status === 'failed').map((check) => check.name);
    deps.log.info({ ...logged, failed }, 'connector refused: a required check failed');
    return { ...outcome, saved: false };
  }
  const id = randomUUID();
  const now = deps.clock.now();
  const sealed = secrets.seal(parsed.clientSecret, secretContext(id));
  await deps.db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('connectors')
      .values({
        id,
        name: parsed.name,
        cloud: parsed.workspace.cloud,
        workspace_url: parsed.workspace.url,
        account_id: parsed.accountId,
        client_id: parsed.clientId,
        client_secret: sealed,
        warehouse_id: validation.warehouse?.id ?? null,
        optional_tables: JSON.stringify(validation.optionalTables),
        created_by: formatActor(actor),
        created_at: now,
        validated_at: now,
      })
      .onConflict((oc) => oc.column('name').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted)
      throw new Conflict(`A connector named "${parsed.name}" already exists.`, CONNECTOR_FIELDS.name);
    await recordAuditEvent(trx, {
      actor: formatActor(actor),
      action: 'connector.added',
      subjectType: 'connector',
      subjectId: id,
      after: {
        name: parsed.name,
        cloud: parsed.workspace.cloud,
        workspace: parsed.workspace.url,
        accountId: parsed.accountId,
        clientId: parsed.clientId,
        warehouseId: validation.warehouse?.id ?? null,
        optionalTables: validation.optionalTables,
      },
      at: now,
    });
  });
  deps.log.info({ ...logged, connectorId: id }, 'connector added');
  return { ...outcome, saved: true, connectorId: id };
}
