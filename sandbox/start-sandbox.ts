import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { OffsetClock } from '../bots/sandbox/sandbox-clock.js';
import { dmChannel, SandboxInbox } from '../bots/sandbox/sandbox-inbox.js';
import { loadConfig } from '../src/config/config.js';
import type { Logger } from '../src/logging/logger.js';
import { AppRuntime } from '../src/runtime/app-runtime.js';
import { listen } from '../src/runtime/http-server.js';
import { resetSandboxState } from './sandbox-state.js';
import {
  startFakeDatabricksAccounts,
  type FakeDatabricksAccounts,
} from '../test/fakes/fake-databricks-accounts.js';
import { connectDemoWorkspace, startDemoWorkspace, type DemoWorkspace } from './demo-workspace.js';
import { welcomeMessage } from './demo-welcome.js';
import { markOwner, removeLeftovers, SANDBOX_DIR_PREFIX } from './sandbox-leftovers.js';
import {
  DEMO_ACCOUNT_ID,
  DEMO_CHANNELS,
  DEMO_GROUPS,
  DEMO_POLICY,
  DEMO_STANDING_MEMBERS,
  DEMO_USERS,
} from './demo-account.js';
import { discoverGroups } from '../src/governance/discover-groups.js';

export const SANDBOX_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/databricks_chatops_sandbox';
export const SANDBOX_QUEUE_PREFIX = 'dbchatops-sandbox';

/** A monthly account budget small enough for the demo usage to pass it. */
const DEMO_COST_CONFIG = `alerts:
  - name: demo-monthly-budget
    kind: budget
    scope: account
    period: month
    amount: 500
    thresholds: [50, 80, 100]
    forecast: true
  - name: demo-idle-clusters
    kind: idle_compute
    scope: account
    idle_for: 2h
    warehouses: false
`;

export interface SandboxOptions {
  log: Logger;
  /** Where NODE_ENV is read from; sandbox mode refuses `production`. */
  nodeEnv: string | undefined;
  port?: number;
  databaseUrl?: string;
  redisUrl?: string;
  queuePrefix?: string;
  /** Called once the console answers (it says "loading demo data…" until the demo is set up). */
  onConsoleOpen?: (url: string) => void;
}

export interface Sandbox {
  url: string;
  runtime: AppRuntime;
  accounts: FakeDatabricksAccounts;
  /** The demo workspace (Databricks workspace emulator) the bot collects and scans. */
  workspace: DemoWorkspace;
  stop(): Promise<void>;
}

export class SandboxRefused extends Error {}

const isLoopback = (url: string) => ['127.0.0.1', 'localhost', '[::1]'].includes(new URL(url).hostname);

/**
 * The whole bot in one process with nothing outside this machine: the web front end and workers
 * on their own database and queue prefix, a fake Databricks account (SCIM users and groups) with
 * the demo people, the demo policy, the sandbox chat console as its only chat platform, and a
 * Databricks workspace emulator the bot is connected to, collects and scans (demo-workspace.ts).
 */
export async function startSandbox(options: SandboxOptions): Promise<Sandbox> {
  if (options.nodeEnv === 'production') {
    throw new SandboxRefused(
      'Sandbox mode is for trying the bot locally and refuses to start with NODE_ENV=production.',
    );
  }
  const databaseUrl = options.databaseUrl ?? SANDBOX_DATABASE_URL;
  const redisUrl = options.redisUrl ?? 'redis://127.0.0.1:6379';
  const queuePrefix = options.queuePrefix ?? SANDBOX_QUEUE_PREFIX;
  const port = options.port ?? 3000;
  // A taken port is reported before anything else: above all before emptying the database of
  // the sandbox that may be running on it.
  if (port !== 0) {
    const probe = await listen(createServer(), port);
    await new Promise((resolve) => probe.close(resolve));
  }
  const adminUrl = adminUrlOf(databaseUrl);
  // Independent steps run side by side: clearing up, starting the emulator, then seeding it while
  // the bot starts (start-up to a usable console is the sandbox's first impression).
  const preparing = Promise.all([
    removeLeftovers(adminUrl),
    resetSandboxState(databaseUrl, redisUrl, queuePrefix),
  ]);
  preparing.catch(() => undefined); // awaited below, after the emulator has started
  const cleanups: { label: string; run: () => Promise<unknown> }[] = [];
  const cleanUp = async () => {
    // Every step runs even when an earlier one fails; the last resource opened is closed first.
    for (const cleanup of cleanups.splice(0).reverse()) {
      await cleanup.run().catch((error: unknown) => {
        options.log.warn({ err: error, step: cleanup.label }, 'sandbox clean-up step failed');
      });
    }
  };
  try {
    const dir = await mkdtemp(path.join(tmpdir(), SANDBOX_DIR_PREFIX));
    cleanups.push({ label: 'temp folder', run: () => rm(dir, { recursive: true, force: true }) });
    await markOwner(dir);
    const [accounts, workspace] = await Promise.allSettled([
      startFakeDatabricksAccounts({
        accountId: DEMO_ACCOUNT_ID,
        clientId: 'sandbox-sp',
        clientSecret: 'sandbox-only-secret',
      }),
      startDemoWorkspace(dir, adminUrl),
    ]).then(([a, w]) => {
      if (a.status === 'fulfilled') cleanups.push({ label: 'fake accounts', run: () => a.value.close() });
      if (w.status === 'fulfilled') cleanups.push({ label: 'demo workspace', run: () => w.value.close() });
      if (a.status === 'rejected') throw a.reason;
      if (w.status === 'rejected') throw w.reason;
      return [a.value, w.value] as const;
    });
    const [leftovers] = await preparing;
    if (leftovers.dirs.length + leftovers.databases.length > 0) {
      options.log.info(leftovers, 'removed what earlier sandbox runs left behind');
    }
    const users = new Map(
      DEMO_USERS.map((u) => [u.id, accounts.addUser({ userName: u.email, displayName: u.name })]),
    );
    const standing = DEMO_STANDING_MEMBERS.map((member) => ({
      ...member,
      id: accounts.addUser({ userName: member.userName, displayName: member.displayName }).id,
    }));
    for (const group of DEMO_GROUPS) {
      accounts.addGroup({
        displayName: group,
        memberIds: [
          ...(group === 'platform-engineers' ? [users.get('admin')!.id] : []),
          ...standing.filter((member) => member.groups.includes(group)).map((member) => member.id),
        ],
      });
    }
    const policyFile = path.join(dir, 'policies.yml');
    await writeFile(policyFile, DEMO_POLICY);
    // A monthly budget the demo account's usage breaches, so #finops shows a budget alert.
    await writeFile(path.join(dir, 'cost.yml'), DEMO_COST_CONFIG);
    // Built from scratch, never from process.env: no Slack or Teams settings, no real Databricks host.
    const config = loadConfig({
      NODE_ENV: 'development',
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      REDIS_URL: redisUrl,
      QUEUE_PREFIX: queuePrefix,
      DATABRICKS_ACCOUNT_ID: DEMO_ACCOUNT_ID,
      DATABRICKS_ACCOUNTS_HOST: accounts.url,
      DATABRICKS_CLIENT_ID: 'sandbox-sp',
      DATABRICKS_CLIENT_SECRET: 'sandbox-only-secret',
      POLICY_FILE: policyFile,
      COST_CONFIG_FILE: path.join(dir, 'cost.yml'),
      ...workspace.env,
    });
    if (config.slack || config.teams || !config.databricks || !isLoopback(config.databricks.accountsHost)) {
      throw new SandboxRefused('Sandbox mode must not reach Slack, Teams or a real Databricks host.');
    }
    const clock = new OffsetClock();
    const inbox = new SandboxInbox(DEMO_USERS, DEMO_CHANNELS, clock);
    const admin = { platform: 'sandbox', id: 'admin' } as const;
    const runtime = await AppRuntime.start({
      config,
      log: options.log,
      role: 'all',
      policyRequired: true,
      sandbox: { inbox, clock, admins: [admin] },
    });
    cleanups.push({ label: 'bot runtime', run: () => runtime.stop() });
    // Before the runtime stops: open console event streams would hold its server.
    cleanups.push({ label: 'console streams', run: async () => inbox.close() });
    for (const user of DEMO_USERS) inbox.add(dmChannel(user.id), welcomeMessage(workspace.emulator.url));
    const url = `http://localhost:${runtime.port}/sandbox`;
    options.onConsoleOpen?.(url);
    // The demo account's groups are known from the start (`groups`, `group` and reviews work at
    // once), discovered while the workspace connects.
    await Promise.all([
      connectDemoWorkspace(runtime.services, workspace, admin),
      discoverGroups(runtime.services.governance),
    ]);
    inbox.markDemoReady();
    let stopped: Promise<void> | undefined;
    return {
      url,
      runtime,
      workspace,
      accounts,
      stop() {
        stopped ??= cleanUp();
        return stopped;
      },
    };
  } catch (error) {
    await preparing.catch(() => undefined);
    await cleanUp();
    throw error;
  }
}

/** The maintenance database next to `databaseUrl` (where databases are created and dropped). */
function adminUrlOf(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  url.pathname = '/postgres';
  return url.toString();
}
