/**
 * The bot (Slack and Teams) with one connector on the Databricks emulator whose workspace has
 * agent serving endpoints and both kinds of trace tables: an AI Gateway inference table
 * (`main.agents.support_agent_payload`) and an MLflow spans table
 * (`workspace.default.research_agent_otel_spans`), plus the Unity Catalog information_schema view
 * discovery lists trace tables with. Rows are written with plain SQL into the emulator's Postgres.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { agentScanWorkspaceJob } from '../jobs/agent-scan-workspace-job.js';
import { secretContext } from '../src/connectors/connector-deps.js';
import { SecretBox } from '../src/security/secret-box.js';
import { addInferenceRow, createAgentTraceTables } from '../emulator/agent-trace-tables.js';
import {
  DEFAULT_WAREHOUSE_ID,
  startDatabricksEmulator,
  type DatabricksEmulator,
} from '../emulator/databricks-emulator.js';
import { teamsPerson } from './support/teams-activities.js';
import { startTeamsTestBot, type TeamsTestBot } from './support/teams-test-bot.js';

export const SP = { clientId: 'agents-sp', clientSecret: 'agents-sp-secret' };
export const SECURITY_CHANNEL = 'C0SECURITY';
export const TEAMS_SECURITY_CHANNEL = '19:security@thread.tacv2';
export const ADMIN = { slack: 'U0ADMIN001', teams: teamsPerson('erin', 'erin@example.com') };
/** Declared in SECURITY_RESPONDERS_SLACK / _TEAMS: may mute rules and mark false positives. */
export const RESPONDER = { slack: 'U0RESPOND1', teams: teamsPerson('rita', 'rita@example.com') };
/** Sees the security channel, may acknowledge and snooze, nothing more. */
export const BYSTANDER = { slack: 'U0BYSTAND1', teams: teamsPerson('otto', 'otto@example.com') };
export const INFERENCE_TABLE = 'main.agents.support_agent_payload';
export const SPANS_TABLE = 'workspace.default.research_agent_otel_spans';

export const AGENT_POLICY = `
defaults:
  allowed_domains: [databricks.com, example.com]
agents:
  support-agent:
    allowed_tools: [search_kb, create_ticket]
`;

export async function startAgentsBot() {
  const emulator: DatabricksEmulator = await startDatabricksEmulator({
    ...SP,
    servingEndpoints: [
      {
        name: 'support-agent',
        task: 'agent/v1/chat',
        config: {
          served_entities: [
            { name: 'support', entity_name: 'main.agents.support_agent', entity_version: '3' },
          ],
        },
        ai_gateway: {
          inference_table_config: {
            catalog_name: 'main',
            schema_name: 'agents',
            table_name_prefix: 'support_agent',
            enabled: true,
          },
        },
      },
      {
        name: 'research-agent',
        task: 'agent/v1/responses',
        config: { served_entities: [{ entity_name: 'main.agents.research_agent', entity_version: '1' }] },
      },
      { name: 'text-embeddings', task: 'llm/v1/embeddings', config: { served_entities: [] } },
    ],
    unityCatalog: {
      registeredModels: [
        { catalog_name: 'main', schema_name: 'agents', name: 'support_agent' },
        { catalog_name: 'main', schema_name: 'agents', name: 'billing_agent' },
        { catalog_name: 'main', schema_name: 'other', name: 'elsewhere_agent' },
      ],
      functions: [{ catalog_name: 'main', schema_name: 'agents', name: 'lookup_order', routine_body: 'SQL' }],
    },
  });
  await createAgentTraceTables(emulator.pool, { inferenceTable: INFERENCE_TABLE, spansTable: SPANS_TABLE });
  const dir = await mkdtemp(path.join(tmpdir(), 'agents-'));
  const caFile = path.join(dir, 'emulator-ca.pem');
  const policyFile = path.join(dir, 'agent-policies.yml');
  await writeFile(caFile, emulator.caCert);
  await writeFile(policyFile, AGENT_POLICY);
  const encryptionKey = randomBytes(32);
  const teams: TeamsTestBot = await startTeamsTestBot({
    policy: 'groups: {}\n',
    teamsPeople: [ADMIN.teams, RESPONDER.teams, BYSTANDER.teams],
    env: {
      ENCRYPTION_KEY: encryptionKey.toString('base64'),
      DATABRICKS_TLS_CA_FILE: caFile,
      DATABRICKS_ALLOW_LOOPBACK_HOSTS: 'true',
      ADMIN_SLACK_USER_IDS: ADMIN.slack,
      ADMIN_TEAMS_USERS: ADMIN.teams.email,
      SECURITY_RESPONDERS_SLACK: RESPONDER.slack,
      SECURITY_RESPONDERS_TEAMS: RESPONDER.teams.email,
      AGENT_POLICY_FILE: policyFile,
    },
  });
  const { bot } = teams;
  bot.clock.set('2026-11-23T09:00:00Z');
  const connectorId = randomUUID();
  await bot.db
    .insertInto('connectors')
    .values({
      id: connectorId,
      name: 'prod-emulated',
      cloud: 'aws',
      workspace_url: emulator.url,
      account_id: randomUUID(),
      client_id: SP.clientId,
      client_secret: new SecretBox(encryptionKey).seal(SP.clientSecret, secretContext(connectorId)),
      warehouse_id: DEFAULT_WAREHOUSE_ID,
      created_by: 'test',
      created_at: bot.clock.now(),
      validated_at: bot.clock.now(),
    })
    .execute();

  return {
    teams,
    bot,
    emulator,
    connectorId,
    /** One scan cycle on the real job runner, then every delivery it queued. */
    async scan() {
      const result = await bot.runJob(agentScanWorkspaceJob, { connectorId });
      await bot.idle();
      return result as {
        agents: number;
        rows: number;
        scanned: number;
        newFindings: number;
        failedAgents: string[];
      };
    },
    async addRequest(row: { id: string; at: string; request: unknown; response: unknown }) {
      await addInferenceRow(emulator.pool, INFERENCE_TABLE, row);
    },
    async addSpan(span: {
      traceId: string;
      spanId: string;
      name: string;
      at: string;
      attributes: Record<string, string>;
    }) {
      const nanos = BigInt(new Date(span.at).getTime()) * 1_000_000n;
      await emulator.pool.query(
        `insert into workspace__default.research_agent_otel_spans
           (trace_id, span_id, parent_span_id, name, kind, start_time_unix_nano, end_time_unix_nano, attributes)
         values ($1, $2, null, $3, 'SPAN_KIND_INTERNAL', $4, $4, $5::jsonb)`,
        [span.traceId, span.spanId, span.name, nanos.toString(), JSON.stringify(span.attributes)],
      );
    },
    async stop() {
      await teams.stop();
      await emulator.close();
    },
  };
}

export type AgentsBot = Awaited<ReturnType<typeof startAgentsBot>>;
