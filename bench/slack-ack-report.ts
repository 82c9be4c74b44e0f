/** Turns the Slack ack benchmark's measurements into report lines and checks. */
import { cpus } from 'node:os';
import { metricSamples } from './bot-process.js';
import { check, type BenchResult, type Check } from './report.js';
import type { SlackAckOptions } from './slack-ack-latency.js';
import { ms, perSecond, summarize, table } from './stats.js';
import type { PhaseVitals } from './vitals.js';

export const SLACK_ACK_LIMIT_MS = 3_000;

export interface Shot {
  index: number;
  /** Epoch ms when the request left, to match follow-ups recorded by the fakes. */
  sentAt: number;
  ms: number;
  ok: boolean;
  detail?: string;
}

/** What the person sees after the ack: how long from sending the request, for those that came. */
export interface FollowUps {
  label: string;
  delays: number[];
  failed: string[];
  missing: number;
}

export interface Phase {
  kind: string;
  concurrency: number;
  shots: Shot[];
  /** Firing the requests, first sent to last answered. */
  elapsedMs: number;
  startedAt: number;
  endedAt: number;
  /** When the follow-ups (if any) had all arrived or timed out. */
  finishedAt: number;
  followUps?: FollowUps;
  vitals: PhaseVitals;
  /** Slack Web API calls the bot made from the phase's start until finishedAt. */
  slackCalls: number;
}

export interface AckReportInput {
  options: SlackAckOptions;
  bootMs: number;
  phases: Phase[];
  serverTimes: number[][];
  pendingBeforeApproval: number;
  states: Record<string, number>;
  patches: { status: number }[];
  metrics: string;
  logs: Record<string, unknown>[];
  stopped: { code: number | null; ms: number };
}

export function ackReport(input: AckReportInput): BenchResult {
  const { options, phases } = input;
  const latency = [
    ['round trip', 'n', 'conc.', 'ok', 'p50', 'p90', 'p99', 'max', 'req/s', 'server p50', 'server p99'],
  ];
  const after = [['after the ack', 'arrived', 'p50', 'p99', 'max']];
  const load = [
    [
      'phase (incl. follow-ups)',
      'wall',
      'Slack API calls',
      'bot CPU',
      'bot loop p99',
      'bot loop max',
      'gen CPU',
      'gen loop max',
      'machine',
      'others',
    ],
  ];
  phases.forEach((phase, i) => {
    const s = summarize(phase.shots.map((shot) => shot.ms));
    const server = summarize(input.serverTimes[i] ?? []);
    const ok = phase.shots.filter((shot) => shot.ok).length;
    latency.push([
      phase.kind,
      String(s.count),
      String(phase.concurrency),
      String(ok),
      ms(s.p50),
      ms(s.p90),
      ms(s.p99),
      ms(s.max),
      perSecond(s.count, phase.elapsedMs),
      ms(server.p50),
      ms(server.p99),
    ]);
    if (phase.followUps) {
      const f = summarize(phase.followUps.delays);
      const total = phase.followUps.delays.length + phase.followUps.missing;
      after.push([
        phase.followUps.label,
        `${phase.followUps.delays.length}/${total}`,
        ms(f.p50),
        ms(f.p99),
        ms(f.max),
      ]);
    }
    const v = phase.vitals;
    load.push([
      phase.kind,
      ms(v.wallMs),
      `${phase.slackCalls} (${perSecond(phase.slackCalls, v.wallMs)})`,
      `${v.botCpuSeconds.toFixed(2)} s`,
      ms(v.botLoopDelayP99Ms),
      ms(v.botLoopDelayMaxMs),
      `${v.generatorCpuSeconds.toFixed(2)} s`,
      ms(v.generatorLoopDelayMaxMs),
      `${Math.round(v.machineBusy * 100)}%`,
      `${v.otherCpuSeconds.toFixed(2)} s`,
    ]);
  });

  const patches429 = input.patches.filter((p) => p.status === 429).length;
  const jobs = metricSamples(input.metrics, 'jobs_completed_total')
    .map((s) => `${s.labels.replace(/[{}"]|queue=/g, '')}=${s.value}`)
    .join(', ');
  const failedJobs = metricSamples(input.metrics, 'jobs_failed_total').reduce((sum, s) => sum + s.value, 0);
  const problems = input.logs.filter((line) => line.level === 'error' || line.level === 'warn');
  const distinct = [...new Set(problems.map((line) => `${String(line.level)}: ${String(line.msg)}`))];
  return {
    title: `Slack ack latency: ${options.requests} requests per kind, concurrency ${options.concurrency}`,
    lines: [
      `Bot: src/main.ts in its own process (NODE_ENV=production, LOG_LEVEL=info, acks before working),`,
      `fresh database and Redis prefix; the fakes and the load generator share this process.`,
      `Boot to ready: ${ms(input.bootMs)}. Warm-up: ${options.warmup} help commands, not counted.`,
      `Round trip = signed POST /slack/events until the response body is read (what Slack waits for,`,
      `limit ${ms(SLACK_ACK_LIMIT_MS)}); server = pino-http responseTime, from Express seeing the request.`,
      '',
      table(latency),
      '',
      table(after),
      '',
      table(load),
      `(bot loop = the bot's event-loop delay; gen = this process; machine = all ${cpus().length} cores busy;`,
      ` others = CPU of everything else: Postgres, Redis and any neighbour.)`,
      '',
      `Requests after the run: ${JSON.stringify(input.states)}. Grants apply at 2 PATCH/s, so ${options.requests}`,
      `approvals need ~${Math.ceil(options.requests / 2)} s of PATCHes; Databricks got ${input.patches.length} PATCHes (${patches429} x 429) before stop.`,
      `Jobs completed: ${jobs || 'none'}; failed attempts: ${failedJobs}.`,
      `Bot log: ${input.logs.length} lines, ${problems.length} warn/error${distinct.length ? `: ${distinct.slice(0, 5).join('; ')}` : ''}.`,
      `Shutdown (SIGTERM to exit): ${ms(input.stopped.ms)}, exit code ${input.stopped.code}.`,
    ],
    checks: [
      ...phases.flatMap(phaseChecks),
      ...followUpChecks(input),
      check(patches429 === 0, `Databricks answered no PATCH with 429 (${patches429} did)`),
    ],
  };
}

function phaseChecks(phase: Phase): Check[] {
  const bad = phase.shots.filter((shot) => !shot.ok);
  const slow = phase.shots.filter((shot) => shot.ms > SLACK_ACK_LIMIT_MS).length;
  return [
    check(
      bad.length === 0,
      `${phase.kind}: every request acknowledged with 200 (${bad.length} not${bad[0] ? `, e.g. ${bad[0].detail}` : ''})`,
    ),
    check(slow === 0, `${phase.kind}: every ack within Slack's 3 s (${slow} later)`),
  ];
}

function followUpChecks(input: AckReportInput): Check[] {
  const requested = input.phases.find((p) => p.kind.includes('request-access'));
  const approved = input.phases.find((p) => p.kind.includes('Approve'));
  const replies = requested?.followUps;
  const dms = approved?.followUps;
  return [
    check(
      replies !== undefined && replies.missing === 0 && replies.failed.length === 0,
      `request-access: every requester got the "sent to the approvers" reply (${replies?.missing} missing, ${replies?.failed.length} errors${replies?.failed[0] ? `, e.g. ${replies.failed[0]}` : ''})`,
    ),
    check(
      input.pendingBeforeApproval === input.options.requests,
      `request-access: ${input.pendingBeforeApproval} of ${input.options.requests} requests pending before the approvals`,
    ),
    check(
      dms !== undefined && dms.missing === 0,
      `approve: every requester was told of the approval (${dms?.missing} missing)`,
    ),
  ];
}
