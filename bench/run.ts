/**
 * `npm run bench`: runs each benchmark against local Postgres, Redis and the fake Slack and
 * Databricks servers, and prints a report. Options: `--only ack|expiry|expiry-10k|approvals|faults|collector|cost|scan|detectors|idle|sandbox|discovery`,
 * `--requests N`, `--concurrency C`, `--grants N`, `--groups N`, `--approvals N`, `--fault-grants N` (removal lateness
 * under faults, per fault), and for the collector `--rows N`, `--batch-size N`, `--format arrow|column`, and for agent
 * trace scanning (`scan`) `--scan-mb N`, for detector throughput per core (`detectors`) `--detector-mb N`, for idle
 * compute (`idle`) `--idle-workspaces N`, `--idle-clusters N`, `--idle-days N` (default the issue's size, 20 × 500 × 30:
 * 432 M node-minutes, 7.2 M node hours as the collector stores them), for sandbox start-up (`sandbox`) `--sandbox-runs N`, for group discovery (`discovery`)
 * `--discovery-groups N`, `--discovery-members N`, `--discovery-rps R` (the SCIM read budget, default 2). Exits non-zero when a check failed.
 */
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { collectorThroughput } from './collector-throughput.js';
import { costRollupBench } from './cost-rollup.js';
import { detectorThroughput } from './detector-throughput.js';
import { discoveryBench } from './discovery.js';
import { expiryLateness } from './expiry-lateness.js';
import { removalLatenessUnderFaults } from './removal-lateness-faults.js';
import { approvalThroughput } from './approval-throughput.js';
import { idleComputeBench } from './idle-compute.js';
import { sandboxStartup } from './sandbox-startup.js';
import { scanThroughput } from './scan-throughput.js';
import type { BenchResult } from './report.js';
import { slackAckLatency } from './slack-ack-latency.js';
import { sampleMachineBusy } from './vitals.js';

const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    requests: { type: 'string', default: '500' },
    concurrency: { type: 'string', default: '50' },
    grants: { type: 'string', default: '1000' },
    groups: { type: 'string', default: '5' },
    approvals: { type: 'string', default: '1000' },
    rows: { type: 'string', default: '200000' },
    'batch-size': { type: 'string', default: '5000' },
    format: { type: 'string', default: 'arrow' },
    'scan-mb': { type: 'string', default: '20' },
    'detector-mb': { type: 'string', default: '8' },
    'cost-workspaces': { type: 'string', default: '20' },
    'cost-jobs': { type: 'string', default: '1000' },
    'fault-grants': { type: 'string', default: '6' },
    // The issue's size: 432 M node-minutes, stored as 7.2 M node hours (rolled up at collection).
    'idle-workspaces': { type: 'string', default: '20' },
    'idle-clusters': { type: 'string', default: '500' },
    'idle-days': { type: 'string', default: '30' },
    'sandbox-runs': { type: 'string', default: '3' },
    'discovery-groups': { type: 'string', default: '1000' },
    'discovery-members': { type: 'string', default: '50' },
    // The SCIM read budget of discovery (SCIM_DISCOVERY_READS_PER_SECOND); raise it for a quick check.
    'discovery-rps': { type: 'string', default: '2' },
  },
});

const positive = (name: string, text: string | undefined, max = 100_000): number => {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new Error(`--${name} must be a whole number from 1 to ${max}`);
  }
  return value;
};

const rate = (name: string, text: string | undefined): number => {
  const value = Number(text);
  if (!(value > 0 && value <= 100)) throw new Error(`--${name} must be a number above 0 and at most 100`);
  return value;
};

const benchmarks: Record<string, () => Promise<BenchResult>> = {
  ack: () =>
    slackAckLatency({
      requests: positive('requests', values.requests),
      concurrency: positive('concurrency', values.concurrency),
      warmup: 2 * positive('concurrency', values.concurrency),
    }),
  expiry: () =>
    expiryLateness({
      grants: positive('grants', values.grants),
      groups: positive('groups', values.groups),
      windowMs: 60_000,
      leadMs: 5_000,
      drainTimeoutMs: 120_000,
    }),
  'expiry-10k': () =>
    expiryLateness({
      grants: 10_000,
      groups: 2,
      windowMs: 60_000,
      leadMs: 20_000,
      drainTimeoutMs: 120_000,
      goalP99Ms: 2_000,
    }),
  approvals: () =>
    approvalThroughput({
      approvals: positive('approvals', values.approvals),
      groups: positive('groups', values.groups),
    }),
  collector: () =>
    collectorThroughput({
      rows: positive('rows', values.rows, 1_000_000),
      batchSize: positive('batch-size', values['batch-size']),
      resultFormat: values.format === 'column' ? 'column' : 'arrow',
    }),
  faults: () =>
    removalLatenessUnderFaults({ grants: positive('fault-grants', values['fault-grants']), seconds: 15 }),
  sandbox: () => sandboxStartup({ runs: positive('sandbox-runs', values['sandbox-runs'], 10) }),
  scan: () => scanThroughput({ megabytes: positive('scan-mb', values['scan-mb']) }),
  detectors: () => detectorThroughput({ megabytes: positive('detector-mb', values['detector-mb']) }),
  cost: () =>
    costRollupBench({
      days: 90,
      workspaces: positive('cost-workspaces', values['cost-workspaces']),
      jobsPerWorkspace: positive('cost-jobs', values['cost-jobs']),
      clustersPerWorkspace: 5,
    }),
  discovery: () =>
    discoveryBench({
      groups: positive('discovery-groups', values['discovery-groups']),
      members: positive('discovery-members', values['discovery-members'], 1_000),
      readsPerSecond: rate('discovery-rps', values['discovery-rps']),
    }),
  idle: () =>
    idleComputeBench({
      workspaces: positive('idle-workspaces', values['idle-workspaces']),
      clusters: positive('idle-clusters', values['idle-clusters']),
      days: positive('idle-days', values['idle-days'], 31),
    }),
};

const selected = values.only === undefined ? Object.keys(benchmarks) : values.only.split(',');
for (const name of selected) {
  if (!(name in benchmarks))
    throw new Error(`--only: unknown benchmark "${name}" (${Object.keys(benchmarks)})`);
}

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
console.log(`databricks-chatops benchmarks — ${new Date().toISOString()}`);
console.log(
  `Node ${process.version}, ${os.cpus().length} x ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, loopback only`,
);
console.log(`Code: ${codeVersion()}`);

let failed = 0;
const started = performance.now();
for (const name of selected) {
  const benchStarted = performance.now();
  const loadBefore = os.loadavg()[0]!.toFixed(2);
  const idleBusy = await sampleMachineBusy(1_000);
  let result: BenchResult;
  try {
    result = await benchmarks[name]!();
  } catch (error) {
    failed++;
    console.log(
      `\n== ${name}: could not run ==\n${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    continue;
  }
  console.log(`\n== ${result.title} ==  (${((performance.now() - benchStarted) / 1000).toFixed(1)} s)\n`);
  console.log(
    `Machine before the run: ${Math.round(idleBusy * 100)}% of ${os.cpus().length} cores busy (1 s sample), load average ${loadBefore}; after: ${os.loadavg()[0]!.toFixed(2)}.`,
  );
  for (const line of result.lines) console.log(line);
  console.log('');
  for (const c of result.checks) {
    if (!c.ok) failed++;
    console.log(`${c.ok ? 'PASS' : 'FAIL'}  ${c.what}`);
  }
}
console.log(
  `\nDone in ${((performance.now() - started) / 1000).toFixed(1)} s; ${failed === 0 ? 'all checks passed' : `${failed} check(s) failed`}.`,
);
process.exitCode = failed === 0 ? 0 : 1;

// Everything was stopped and closed; anything still open now is a leak that would keep the
// process alive. Say what it is, then exit anyway so the run stays bounded.
setTimeout(() => {
  // Timers, and the pipes or terminals of stdout/stderr, are expected here.
  const open = process
    .getActiveResourcesInfo()
    .filter((kind) => !['Timeout', 'PipeWrap', 'TTYWrap'].includes(kind));
  if (open.length === 0) process.exit();
  const counts = Object.entries(
    open.reduce<Record<string, number>>((all, kind) => ({ ...all, [kind]: (all[kind] ?? 0) + 1 }), {}),
  );
  console.log(
    `Note: after every benchmark cleaned up, ${open.length} handle(s) still kept the process alive (${counts.map(([kind, n]) => `${n} ${kind}`).join(', ')}); exiting.`,
  );
  process.exit();
}, 2_000).unref();

/** The commit measured, and whether the working tree had uncommitted changes (read-only git). */
function codeVersion(): string {
  const git = (...args: string[]) =>
    execFileSync('git', ['--no-optional-locks', ...args], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
  try {
    const head = git('rev-parse', '--short', 'HEAD').trim();
    const changed = git('status', '--porcelain').split('\n').filter(Boolean).length;
    return changed === 0 ? `commit ${head}` : `commit ${head} + ${changed} uncommitted file(s)`;
  } catch {
    return 'unknown (no git)';
  }
}
