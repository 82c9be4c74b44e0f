import { randomUUID } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startDatabricksEmulator, type DatabricksEmulator } from '../../emulator/databricks-emulator.js';
import { addConnector } from '../../src/connectors/add-connector.js';
import type { Services } from '../../src/services.js';
import { PEOPLE, SLACK_USERS } from './access-fixture.js';
import { ACCOUNT_UUID, SP, emulatorEnv } from './connectors-fixture.js';
import { startTestBot, type TestBot } from './test-bot.js';

/** Two workspaces behind one emulator: approvals in `analytics-prod`, auto-approval in `finance-dev`. */
export const PROD = { id: '1111222233334444', name: 'analytics-prod' };
export const DEV = { id: '5555666677778888', name: 'finance-dev' };
export const IDLE_CLUSTER = '0101-120000-idle0001';
export const DEV_CLUSTER = '0101-120000-devx0002';
export const GONE_CLUSTER = '0101-120000-gone0003';
export const ACTIONS_CHANNEL = 'C0ACTIONS1';
export const COST_CHANNEL = 'C0COSTS001';
export const CLOCK_START = '2026-11-23T09:00:00Z';
const HOUR = 3_600_000;

/**
 * The actions policy: the requester and approver1 approve (one approval), so the requester's
 * own click is a self-approval; terminating a cluster idle for more than 2 h in finance-dev is
 * approved without waiting.
 */
export const ACTIONS_POLICY = `
integration_owners:
  slack_users: [${PEOPLE.admin.id}]
groups: {}
actions:
  terminate-cluster:
    requesters:
      slack_users: [${PEOPLE.requester.id}, ${PEOPLE.approver1.id}]
      teams_users: [dana@example.com]
    approvers:
      slack_users: [${PEOPLE.requester.id}, ${PEOPLE.approver1.id}]
      teams_users: [erin@example.com]
      slack_channel: ${ACTIONS_CHANNEL}
    min_approvals: 1
    auto_approve:
      - idle_for_more_than: 2h
        workspaces: [${DEV.name}]
  stop-warehouse:
    approvers:
      slack_users: [${PEOPLE.approver1.id}]
      teams_users: [erin@example.com]
  pause-job-schedule:
    approvers:
      slack_users: [${PEOPLE.approver1.id}, ${PEOPLE.approver2.id}]
      teams_users: [erin@example.com]
    min_approvals: 2
  cancel-run:
    approvers:
      slack_users: [${PEOPLE.approver1.id}]
      teams_users: [erin@example.com]
  add-guardrails:
    approvers:
      slack_users: [${PEOPLE.approver1.id}]
      teams_users: [erin@example.com]
`;

export async function startActionsEmulator(): Promise<{ emulator: DatabricksEmulator; caFile: string }> {
  const start = Date.parse(CLOCK_START);
  const emulator = await startDatabricksEmulator({
    ...SP,
    warehouses: [{ id: 'ffeeddccbbaa9988', name: 'BI warehouse', state: 'RUNNING', auto_stop_mins: 0 }],
    clusters: [
      {
        cluster_id: IDLE_CLUSTER,
        cluster_name: 'shared-analytics',
        state: 'RUNNING',
        num_workers: 4,
        autotermination_minutes: 0,
        creator_user_name: 'ana@example.com',
        last_activity_time: start - 7 * HOUR,
      },
      {
        cluster_id: DEV_CLUSTER,
        cluster_name: 'dev-scratch',
        state: 'RUNNING',
        last_activity_time: start - 3 * HOUR,
      },
    ],
    jobs: [
      {
        job_id: 424242,
        settings: {
          name: 'nightly_etl',
          schedule: { quartz_cron_expression: '0 0 2 * * ?', timezone_id: 'UTC', pause_status: 'UNPAUSED' },
        },
      },
    ],
    runs: [{ run_id: 9001, job_id: 424242, life_cycle_state: 'RUNNING', run_name: 'nightly_etl' }],
    servingEndpoints: [
      {
        name: 'support-llm',
        task: 'llm/v1/chat',
        config: { served_entities: [] },
        ai_gateway: {
          inference_table_config: {
            catalog_name: 'main',
            schema_name: 'agents',
            table_name_prefix: 'support_llm',
            enabled: true,
          },
        },
      },
    ],
  });
  const dir = await mkdtemp(path.join(tmpdir(), 'dbchatops-actions-'));
  const caFile = path.join(dir, 'emulator-ca.pem');
  await writeFile(caFile, emulator.caCert);
  return { emulator, caFile };
}

/**
 * The connector (through its own use case, every check against the emulator), one region, and
 * the two workspaces as the collectors would have recorded them (both at the emulator's URL).
 */
export async function connectActionsWorkspace(
  services: Services,
  emulator: DatabricksEmulator,
): Promise<{ connectorId: string; regionId: string }> {
  const added = await addConnector(
    services.connectors,
    { platform: 'cli', id: 'test' },
    {
      name: 'prod',
      workspaceUrl: emulator.url,
      accountId: ACCOUNT_UUID,
      ...SP,
    },
  );
  if (!added.saved) throw new Error(`the connector was refused: ${JSON.stringify(added)}`);
  const connector = await services.db
    .selectFrom('connectors')
    .select('id')
    .where('name', '=', 'prod')
    .executeTakeFirstOrThrow();
  const regionId = randomUUID();
  await services.db
    .insertInto('region_connectors')
    .values({
      id: regionId,
      connector_id: connector.id,
      region: 'us-east-1',
      workspace_url: emulator.url,
      created_at: new Date(),
    })
    .execute();
  for (const workspace of [PROD, DEV]) {
    await services.db
      .insertInto('collected_workspaces')
      .values({
        region_id: regionId,
        collected_at: new Date(),
        account_id: ACCOUNT_UUID,
        workspace_id: workspace.id,
        workspace_name: workspace.name,
        workspace_url: emulator.url,
        create_time: null,
        status: 'RUNNING',
      })
      .execute();
  }
  return { connectorId: connector.id, regionId };
}

/**
 * For `remove-group-member`: one policy group (analysts → data-analysts) whose grants approver1
 * or erin approve, and the action, requested by the requester, approver1 or dana and approved by
 * the requester, approver1 or erin (so the requester's own click is a self-approval).
 */
export const GROUP_MEMBER_POLICY = `
integration_owners:
  slack_users: [${PEOPLE.admin.id}]
groups:
  analysts:
    databricks_group: data-analysts
    approvers:
      slack_users: [${PEOPLE.approver1.id}]
      teams_users: [erin@example.com]
    max_duration: 8h
    default_duration: 2h
    require_reason: false
actions:
  remove-group-member:
    requesters:
      slack_users: [${PEOPLE.requester.id}, ${PEOPLE.approver1.id}]
      teams_users: [dana@example.com]
    approvers:
      slack_users: [${PEOPLE.requester.id}, ${PEOPLE.approver1.id}]
      teams_users: [erin@example.com]
      slack_channel: ${ACTIONS_CHANNEL}
    min_approvals: 1
`;

/**
 * A test bot for actions offered on cost alerts: the actions policy, `costYaml` as its cost
 * rules, the emulator's workspace connected and #costs subscribed to `cost`, on the manual clock
 * at CLOCK_START.
 */
export async function startActionsCostBot(
  costYaml: string,
): Promise<{ bot: TestBot; emulator: DatabricksEmulator; regionId: string }> {
  const { emulator, caFile } = await startActionsEmulator();
  const dir = await mkdtemp(path.join(tmpdir(), 'actions-cost-'));
  await writeFile(path.join(dir, 'cost.yml'), costYaml);
  const bot = await startTestBot({
    policy: ACTIONS_POLICY,
    slackUsers: SLACK_USERS,
    env: {
      ADMIN_SLACK_USER_IDS: PEOPLE.admin.id,
      COST_CONFIG_FILE: path.join(dir, 'cost.yml'),
      ...emulatorEnv(caFile),
    },
    runtime: { actionExecution: { leaseMs: 2_000, settleReads: 3, settleReadDelayMs: 50 } },
  });
  bot.clock.set(CLOCK_START);
  const { regionId } = await connectActionsWorkspace(bot.services, emulator);
  await bot.command(PEOPLE.admin.id, 'subscribe cost', { channelId: COST_CHANNEL });
  return { bot, emulator, regionId };
}
