import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatAmount, formatChange } from '../src/cost/money.js';
import { createRegion, insertUsage, type ScenarioUsage } from './support/cost-fixture.js';
import { TEAMS_PEOPLE, text } from './support/teams-fixture.js';
import { startTeamsTestBot, type TeamsTestBot } from './support/teams-test-bot.js';

/**
 * `/databricks cost …` on Slack (acknowledged at once, answered on the response_url within
 * Slack's limits, the chart uploaded with files.uploadV2) and `cost …` on Teams (the chart in
 * the card), on usage whose figures are worked out here from the rows themselves.
 */
const USER = { id: 'U0COSTUSR1', email: 'pat@example.com', name: 'pat' };
const CHANNEL = 'C0FINOPS01';
const { approver: erin } = TEAMS_PEOPLE;
const PRICE = 0.15;
const WORKSPACES = { prod: '1111111111111111', dev: '2222222222222222' };
const JOBS = Array.from({ length: 12 }, (_, i) => ({
  id: String(900000 + i),
  name: `nightly_${i}`,
  workspace: i < 6 ? WORKSPACES.prod : WORKSPACES.dev,
  team: i % 2 === 0 ? 'data-eng' : 'analytics',
  dbu: 10 + i * 7,
}));
const DAYS = Array.from({ length: 14 }, (_, d) => `2026-11-${String(10 + d).padStart(2, '0')}`);
/**
 * Ids Databricks keeps unique only within a workspace, used in both: job 777 is `prod_ingest` in
 * prod and `dev_ingest` in dev; one cluster id, SQL warehouse id, DLT pipeline id and serving
 * endpoint name in each (the cluster and warehouse even share their names).
 */
const SHARED = {
  job: '777',
  cluster: '0101-shared',
  warehouse: 'wh-shared',
  pipeline: 'pl-shared',
  endpoint: 'chat-bot',
};
/** DBU a day of the shared job in each workspace, and of each other shared thing. */
const SHARED_DBU = { prod: 80, dev: 70 };
const OTHER_DBU = { prod: 5, dev: 4 };
const SHARED_JOB_NAMES = { prod: 'prod_ingest', dev: 'dev_ingest' };

let teams: TeamsTestBot;
const rows: ScenarioUsage[] = [];
const dayOfRow = (row: ScenarioUsage) => row.start.toISOString().slice(0, 10);
const spendOn = (filter: (row: ScenarioUsage) => boolean) =>
  rows.filter(filter).reduce((sum, row) => sum + row.quantity * PRICE, 0);
const inDays = (from: string, to: string) => (row: ScenarioUsage) =>
  dayOfRow(row) >= from && dayOfRow(row) <= to;

beforeAll(async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'cost-config-'));
  await writeFile(path.join(dir, 'cost.yml'), 'rollup_tags: [team]\n');
  teams = await startTeamsTestBot({
    policy: 'groups: {}\n',
    teamsPeople: [erin],
    slackUsers: [USER],
    env: { COST_CONFIG_FILE: path.join(dir, 'cost.yml') },
  });
  teams.bot.clock.set('2026-11-23T12:00:00Z');
  const db = teams.bot.db;
  const regionId = await createRegion(db);
  const collected = { region_id: regionId, collected_at: new Date() };
  await db
    .insertInto('collected_list_prices')
    .values({
      ...collected,
      sku_name: 'PREMIUM_JOBS_COMPUTE',
      cloud: 'AWS',
      currency_code: 'USD',
      usage_unit: 'DBU',
      price_start_time: new Date('2026-01-01T00:00:00Z'),
      price_end_time: null,
      pricing: JSON.stringify({ default: String(PRICE) }),
      price_default: String(PRICE),
      price_promotional: null,
      price_effective_list: String(PRICE),
    })
    .execute();
  await db
    .insertInto('collected_workspaces')
    .values(
      Object.entries(WORKSPACES).map(([name, id]) => ({
        ...collected,
        workspace_id: id,
        workspace_name: name,
      })),
    )
    .execute();
  await db
    .insertInto('collected_jobs')
    .values(
      JOBS.map((job) => ({ ...collected, workspace_id: job.workspace, job_id: job.id, name: job.name })),
    )
    .execute();
  for (const [d, day] of DAYS.entries()) {
    for (const job of JOBS) {
      rows.push({
        workspaceId: job.workspace,
        skuName: 'PREMIUM_JOBS_COMPUTE',
        product: 'JOBS',
        start: new Date(`${day}T0${job.dbu % 7}:00:00Z`),
        quantity: job.dbu * (1 + (d % 3) / 10) + (day === '2026-11-23' && job.id === JOBS[11]!.id ? 400 : 0),
        metadata: { job_id: job.id, job_run_id: `${job.id}-${day}` },
        identity: { run_as: `${job.team}@example.com` },
        tags: { team: job.team },
      });
    }
  }
  await db
    .insertInto('collected_jobs')
    .values(
      (['prod', 'dev'] as const).map((ws) => ({
        ...collected,
        workspace_id: WORKSPACES[ws],
        job_id: SHARED.job,
        name: SHARED_JOB_NAMES[ws],
      })),
    )
    .execute();
  await db
    .insertInto('collected_clusters')
    .values(
      Object.values(WORKSPACES).map((workspace_id) => ({
        ...collected,
        workspace_id,
        cluster_id: SHARED.cluster,
        cluster_name: 'etl-cluster',
      })),
    )
    .execute();
  await db
    .insertInto('collected_optional_rows')
    .values(
      Object.values(WORKSPACES).map((workspace_id) => ({
        ...collected,
        source_table: 'system.compute.warehouses',
        row_key: JSON.stringify([workspace_id, SHARED.warehouse]),
        version_time: null,
        row: JSON.stringify({ workspace_id, warehouse_id: SHARED.warehouse, warehouse_name: 'BI warehouse' }),
      })),
    )
    .execute();
  for (const day of DAYS.slice(7)) {
    for (const ws of ['prod', 'dev'] as const) {
      const usage = {
        workspaceId: WORKSPACES[ws],
        skuName: 'PREMIUM_JOBS_COMPUTE',
        quantity: OTHER_DBU[ws],
      };
      rows.push(
        {
          ...usage,
          quantity: SHARED_DBU[ws],
          product: 'JOBS',
          start: new Date(`${day}T05:00:00Z`),
          metadata: {
            job_id: SHARED.job,
            job_run_id: `${SHARED.job}-${ws}-${day}`,
            cluster_id: SHARED.cluster,
          },
        },
        {
          ...usage,
          product: 'SQL',
          start: new Date(`${day}T06:00:00Z`),
          metadata: { warehouse_id: SHARED.warehouse },
        },
        {
          ...usage,
          product: 'DLT',
          start: new Date(`${day}T07:00:00Z`),
          metadata: { dlt_pipeline_id: SHARED.pipeline },
        },
        {
          ...usage,
          product: 'MODEL_SERVING',
          start: new Date(`${day}T08:00:00Z`),
          metadata: { endpoint_name: SHARED.endpoint },
        },
      );
    }
  }
  await insertUsage(db, regionId, rows);
  await teams.bot.services.collectors.usageListener.afterCollectorRun(regionId, DAYS);
  await teams.bot.idle();
});

afterAll(async () => {
  await teams?.stop();
});

const lastResponse = () => teams.bot.slack.responses.at(-1)!;

describe('/databricks cost on Slack', () => {
  it('answers with the total, the top 10 with their change, and uploads the chart', async () => {
    await teams.bot.command(USER.id, 'cost 7d by job', { channelId: CHANNEL });
    const answer = lastResponse();
    expect(answer.status).toBe(200); // the fake Slack rejects anything over Slack's limits
    expect(answer.body.response_type).toBe('in_channel');
    const total = spendOn(inDays('2026-11-17', '2026-11-23'));
    const previous = spendOn(inDays('2026-11-10', '2026-11-16'));
    const shown = text(answer.body.blocks);
    expect(answer.body.text).toBe(`Cost last 7 days by job: ${formatAmount(total, 'USD')} (provisional)`);
    expect(shown).toContain(`*Previous period*\\n${formatAmount(previous, 'USD')}`);
    expect(shown).toContain(`*Change*\\n${formatChange(total, previous)}`);
    const top = JOBS[11]!;
    const topNow = spendOn((r) => inDays('2026-11-17', '2026-11-23')(r) && r.metadata?.job_id === top.id);
    const topBefore = spendOn((r) => inDays('2026-11-10', '2026-11-16')(r) && r.metadata?.job_id === top.id);
    expect(shown).toContain(
      `1. ${top.name} (${top.id}) — ${formatAmount(topNow, 'USD')} (${formatChange(topNow, topBefore)})`,
    );
    expect(shown).toContain('…and 5 more'); // 14 jobs (777 twice) and usage without a job
    expect(shown).toContain('provisional');
    expect(shown).toContain('list prices');

    const upload = await teams.bot.slack.waitForCall('files.completeUploadExternal');
    expect(upload.params).toMatchObject({
      channel_id: CHANNEL,
      files: [{ title: 'Cost last 7 days by job' }],
    });
    const file = teams.bot.slack.files.at(-1)!;
    expect(file).toMatchObject({ filename: 'cost-7d-by-job.png', completed: true });
    expect(file.data!.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  });

  it('filters by workspace and breaks down by a rolled-up tag', async () => {
    await teams.bot.command(USER.id, 'cost 7d by tag:team workspace:prod', { channelId: CHANNEL });
    const shown = text(lastResponse().body.blocks);
    const prodTeam = (team: string) =>
      spendOn(
        (r) =>
          inDays('2026-11-17', '2026-11-23')(r) && r.workspaceId === WORKSPACES.prod && r.tags?.team === team,
      );
    expect(lastResponse().body.text).toContain('Cost last 7 days by tag team in prod');
    expect(shown).toContain(`data-eng — ${formatAmount(prodTeam('data-eng'), 'USD')}`);
    expect(shown).toContain(`analytics — ${formatAmount(prodTeam('analytics'), 'USD')}`);
  });

  it('answers hour periods from the hourly rollups', async () => {
    await teams.bot.command(USER.id, 'cost 24h by workspace', { channelId: CHANNEL });
    const from = Date.parse('2026-11-22T13:00:00Z');
    const to = Date.parse('2026-11-23T13:00:00Z');
    const total = spendOn((r) => r.start.getTime() >= from && r.start.getTime() < to);
    expect(lastResponse().body.text).toBe(
      `Cost last 24 hours by workspace: ${formatAmount(total, 'USD')} (provisional)`,
    );
  });

  it('refuses a bad period or dimension with what is valid', async () => {
    await teams.bot.command(USER.id, 'cost fortnight', { channelId: CHANNEL });
    expect(text(lastResponse().body)).toContain('\\"fortnight\\" is not a period');
    expect(text(lastResponse().body)).toContain(
      'Periods: `24h` (1h–72h), `7d` (1d–365d), `today`, `yesterday`, `mtd`, `last-month`',
    );
    await teams.bot.command(USER.id, 'cost 7d by colour', { channelId: CHANNEL });
    expect(text(lastResponse().body)).toContain(
      'Dimensions: workspace, sku, product, job, cluster, warehouse, pipeline, endpoint, run-as, tag:team',
    );
    expect(lastResponse().body.response_type).toBe('ephemeral');
  });

  it('`cost job <name>` shows the last runs with their cost', async () => {
    await teams.bot.command(USER.id, 'cost job nightly_11', { channelId: CHANNEL });
    const shown = text(lastResponse().body.blocks);
    expect(lastResponse().body.text).toBe('Cost of the last 10 runs of job nightly_11 (900011)');
    const run = rows.find((r) => r.metadata?.job_run_id === '900011-2026-11-23')!;
    expect(shown).toContain(`Run \`900011-2026-11-23\``);
    const line = /Run `900011-2026-11-23`[^$]*\$([\d.,]+) \(provisional\)/.exec(shown);
    expect(Number(line?.[1])).toBeCloseTo(run.quantity * PRICE, 1);
    expect(shown).toContain('*Workspace*\\ndev');
  });
});

describe('ids that are unique only within a workspace', () => {
  const last7 = inDays('2026-11-17', '2026-11-23');
  const sharedSpend = (ws: 'prod' | 'dev', key: string, id: string) =>
    spendOn((r) => last7(r) && r.workspaceId === WORKSPACES[ws] && r.metadata?.[key] === id);

  it('`cost … by job` keeps two jobs with one id apart, naming their workspaces', async () => {
    await teams.bot.command(USER.id, 'cost 7d by job', { channelId: CHANNEL });
    const shown = text(lastResponse().body.blocks);
    for (const ws of ['prod', 'dev'] as const) {
      expect(shown).toContain(
        `${SHARED_JOB_NAMES[ws]} (777) in ${ws} — ${formatAmount(sharedSpend(ws, 'job_id', SHARED.job), 'USD')}`,
      );
    }
  });

  it.each([
    ['cluster', 'cluster_id', SHARED.cluster, (ws: string) => `etl-cluster (${SHARED.cluster}) in ${ws}`],
    ['warehouse', 'warehouse_id', SHARED.warehouse, (ws: string) => `BI warehouse in ${ws}`],
    ['pipeline', 'dlt_pipeline_id', SHARED.pipeline, (ws: string) => `${SHARED.pipeline} in ${ws}`],
    ['endpoint', 'endpoint_name', SHARED.endpoint, (ws: string) => `${SHARED.endpoint} in ${ws}`],
  ])('`cost … by %s` keeps one id in two workspaces apart', async (dimension, key, id, label) => {
    await teams.bot.command(USER.id, `cost 7d by ${dimension}`, { channelId: CHANNEL });
    const shown = text(lastResponse().body.blocks);
    for (const ws of ['prod', 'dev'] as const) {
      expect(shown).toContain(`${label(ws)} — ${formatAmount(sharedSpend(ws, key, id), 'USD')}`);
    }
  });

  it('`cost job <id>` in two workspaces lists each with the exact command, and that command answers', async () => {
    await teams.bot.command(USER.id, 'cost job 777', { channelId: CHANNEL });
    const refusal = text(lastResponse().body);
    expect(lastResponse().body.response_type).toBe('ephemeral');
    expect(refusal).toContain('Job 777 exists in 2 workspaces');
    expect(refusal).toContain('prod_ingest (777) in prod: `cost job 777 workspace:prod`');
    expect(refusal).toContain('dev_ingest (777) in dev: `cost job 777 workspace:dev`');

    await teams.bot.command(USER.id, 'cost job 777 workspace:dev', { channelId: CHANNEL });
    const shown = text(lastResponse().body.blocks);
    expect(lastResponse().body.text).toBe('Cost of the last 7 runs of job dev_ingest (777)');
    expect(shown).toContain('Run `777-dev-2026-11-23`');
    expect(shown).not.toContain('777-prod-');
    expect(shown).toContain('*Workspace*\\ndev');

    await teams.bot.command(USER.id, 'cost job prod_ingest', { channelId: CHANNEL });
    expect(lastResponse().body.text).toBe('Cost of the last 7 runs of job prod_ingest (777)');
    expect(text(lastResponse().body.blocks)).toContain('Run `777-prod-2026-11-23`');
  });
});

describe('cost on Teams', () => {
  it('answers with a card that carries the chart as a data URI, within Teams’ message size', async () => {
    await teams.install(erin);
    const before = teams.cardsTo(erin.personalChat).length;
    const answer = await teams.say(erin, 'cost 7d by workspace');
    expect(answer.status).toBe(200);
    const card = teams.cardsTo(erin.personalChat).slice(before)[0]!;
    const total = spendOn(inDays('2026-11-17', '2026-11-23'));
    expect(text(card)).toContain(
      `Cost last 7 days by workspace: ${formatAmount(total, 'USD')} (provisional)`,
    );
    const image = (card.body as { type: string; url?: string }[]).find((element) => element.type === 'Image');
    expect(image?.url).toMatch(/^data:image\/png;base64,iVBORw0KGgo/);
    expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThan(28 * 1024);
  });
});
