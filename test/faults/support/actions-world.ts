/**
 * The Databricks workspace a remediation-actions fault run changes: the real workspace emulator
 * (in this process) with idle clusters, a running SQL warehouse and a scheduled job; the actions
 * policy; a connector added with the bot's own CLI and given write access by an admin through
 * Slack, as an operator would; and how to read the action cards as Slack shows them now.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  startDatabricksEmulator,
  type CarriedOutCall,
  type DatabricksEmulator,
} from '../../../emulator/databricks-emulator.js';
import { REPO_ROOT } from '../../support/spawn-bot.js';
import { APPROVER } from './fault-cast.js';
import type { FaultWorld } from './fault-world.js';

const SP = { clientId: 'fault-actions-sp', clientSecret: 'fault-actions-sp-secret' };
const ACCOUNT_UUID = '0d26daa6-5e44-4c97-a497-ef015f91254a';
const ENCRYPTION_KEY = Buffer.alloc(32, 7).toString('base64');
const HOUR = 3_600_000;

export const CLUSTERS = Array.from({ length: 6 }, (_, i) => `0101-120000-idle${String(i).padStart(4, '0')}`);
/** The warehouse an action stops; the connector reads through another one (a query would wake it). */
export const WAREHOUSE_ID = 'ffeeddccbbaa9988';
const READ_WAREHOUSE_ID = '5e2a7c1d9b3f4a60';
export const JOB_ID = 424242;

export interface ActionRecord {
  id: string;
  kind: string;
  target_id: string;
  state: string;
  outcome: { verifiedAt?: string; summary?: string } | null;
}

/** Who may do what: anyone may request, the approver approves each action once. */
export function actionsPolicy(approverId: string): string {
  const rule = `\n    approvers:\n      slack_users: [${approverId}]\n    min_approvals: 1`;
  return `actions:\n  terminate-cluster:${rule}\n  stop-warehouse:${rule}\n  pause-job-schedule:${rule}\n`;
}

/** The calls that change something in the workspace (reads and token requests do not). */
export const ACTION_CALL = (call: CarriedOutCall): boolean =>
  mutatedResource(call) !== undefined && call.status === 200;

/** `cluster <id>`, `warehouse <id>`, `job <id>` for a call that changes it; undefined for reads. */
export function mutatedResource(call: CarriedOutCall): string | undefined {
  if (call.method !== 'POST') return undefined;
  const body = (call.body ?? {}) as { cluster_id?: string; job_id?: number };
  if (/\/clusters\/delete$/.test(call.path)) return `cluster ${body.cluster_id}`;
  const warehouse = /\/sql\/warehouses\/([^/]+)\/stop$/.exec(call.path)?.[1];
  if (warehouse) return `warehouse ${warehouse}`;
  if (/\/jobs\/update$/.test(call.path)) return `job ${body.job_id}`;
  return undefined;
}

/** The emulator (idle clusters, a running warehouse, a scheduled job) and the bot's environment for it. */
export async function startActionsWorkspace(): Promise<{
  emulator: DatabricksEmulator;
  env: Record<string, string>;
  close(): Promise<void>;
}> {
  const now = Date.now();
  const emulator = await startDatabricksEmulator({
    ...SP,
    warehouses: [
      { id: READ_WAREHOUSE_ID, name: 'Chatops reads', state: 'RUNNING' },
      { id: WAREHOUSE_ID, name: 'BI warehouse', state: 'RUNNING', auto_stop_mins: 0 },
    ],
    clusters: CLUSTERS.map((id, i) => ({
      cluster_id: id,
      cluster_name: `idle-${i}`,
      state: 'RUNNING' as const,
      num_workers: 2,
      autotermination_minutes: 0,
      last_activity_time: now - 5 * HOUR,
    })),
    jobs: [
      {
        job_id: JOB_ID,
        settings: {
          name: 'nightly_etl',
          schedule: { quartz_cron_expression: '0 0 2 * * ?', timezone_id: 'UTC', pause_status: 'UNPAUSED' },
        },
      },
    ],
  });
  const dir = mkdtempSync(path.join(tmpdir(), 'dbchatops-faults-actions-'));
  const caFile = path.join(dir, 'emulator-ca.pem');
  writeFileSync(caFile, emulator.caCert);
  return {
    emulator,
    env: {
      // Loopback workspace hosts (the emulator) are refused in production.
      NODE_ENV: 'test',
      ENCRYPTION_KEY,
      DATABRICKS_TLS_CA_FILE: caFile,
      DATABRICKS_ALLOW_LOOPBACK_HOSTS: 'true',
    },
    close: async () => {
      await emulator.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * `npm run cli -- connector add` (every read check against the emulator), then the admin's
 * `/databricks connector enable-actions prod` in Slack. Actions then name the workspace `prod`.
 */
export async function connectWithWriteAccess(world: FaultWorld, emulator: DatabricksEmulator): Promise<void> {
  const args = [
    'scripts/run-bundled.mjs',
    'src/cli/cli.ts',
    'connector',
    'add',
    '--name',
    'prod',
    '--workspace-url',
    emulator.url,
    '--account-id',
    ACCOUNT_UUID,
    '--client-id',
    SP.clientId,
    '--client-secret-env',
    'FAULT_SP_SECRET',
    '--warehouse',
    READ_WAREHOUSE_ID,
  ];
  const output = await runCli(args, { ...world.bots.env, FAULT_SP_SECRET: SP.clientSecret });
  const enable = await world.front.command(APPROVER.id, 'connector enable-actions prod');
  const reply = await world.front.reply(enable, 60_000);
  if (!reply.includes('Write access enabled for connector prod'))
    throw new Error(`enable-actions was refused: ${reply.slice(0, 1_000)}\n(connector add said: ${output})`);
}

function runCli(args: string[], env: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
    child.once('error', reject);
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(output);
      else reject(new Error(`connector add exited ${code}: ${output.slice(-2_000)}`));
    });
  });
}

/** Every posted copy of each action's card (approval and requester copies), as Slack shows it now. */
export async function cardsOf(world: FaultWorld, actionIds: string[]): Promise<Map<string, string[]>> {
  const posted = await world.db.query<{ subject_id: string; channel: string; message_id: string }>(
    `select subject_id, channel, message_id from posted_messages
      where subject_type = 'remediation_action' and subject_id = any($1)`,
    [actionIds],
  );
  const cards = new Map<string, string[]>();
  for (const p of posted) {
    const message = world.slack.message(p.channel, p.message_id);
    cards.set(p.subject_id, [...(cards.get(p.subject_id) ?? []), JSON.stringify(message ?? null)]);
  }
  return cards;
}
