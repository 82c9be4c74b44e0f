import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabricksEmulator } from '../emulator/databricks-emulator.js';
import { ACTION_BUTTONS } from '../src/actions/action-messages.js';
import { PEOPLE, eventually, repliesTo, saidTo } from './support/access-fixture.js';
import { CLOCK_START, COST_CHANNEL, PROD, startActionsCostBot } from './support/actions-fixture.js';
import { insertUsage, type ScenarioUsage } from './support/cost-fixture.js';
import type { TestBot } from './support/test-bot.js';

/**
 * A job-run cost spike alert offers the two fixes the issue names, through the real Slack front
 * door against the emulator: Pause job's schedule (the request shows the schedule as Databricks
 * has it now, two approvals pause it) and Cancel job run on the run that spiked while it is still
 * running (one approval cancels it). Each call is made once and read back.
 */
let bot: TestBot;
let emulator: DatabricksEmulator;
let regionId: string;
const { requester, approver1, approver2 } = PEOPLE;
const JOB = '424242';
const SPIKE_RUN = '9001';
const HOUR = 3_600_000;
const DBU_PRICE = 0.5;

beforeAll(async () => {
  ({ bot, emulator, regionId } = await startActionsCostBot(
    'alerts:\n  - name: job-spikes\n    kind: job_run_cost_spike\n    scope: account\n    min_cost: 1\n',
  ));
  await bot.db.updateTable('connectors').set({ write_access: true }).execute();
});
afterAll(async () => {
  await bot?.stop();
  await emulator?.close();
});

const tick = () => bot.clock.advance(1_000);
const latestAction = async () =>
  (await bot.db.selectFrom('remediation_actions').selectAll().orderBy('created_at').execute()).at(-1)!;
const calls = (suffix: string) => emulator.requests.filter((r) => r.path.endsWith(suffix));

/** The spike alert as posted to the cost channel (blocks as JSON). */
function spikeAlert(): string {
  const post = bot.slack
    .callsTo('chat.postMessage')
    .find((c) => c.params.channel === COST_CHANNEL && JSON.stringify(c.params).includes('A run of job'));
  if (!post)
    throw new Error(
      `no job-run spike alert in ${COST_CHANNEL}: ${saidTo(bot, COST_CHANNEL).slice(0, 2_000)}`,
    );
  return JSON.stringify(post.params.blocks);
}

/** Values of the action-request buttons on some blocks, by the action kind they ask for. */
function requestButtons(blocks: string): Map<string, string> {
  const elements = (JSON.parse(blocks) as { elements?: { action_id?: string; value?: string }[] }[]).flatMap(
    (block) => block.elements ?? [],
  );
  return new Map(
    elements
      .filter((e) => e.action_id === ACTION_BUTTONS.request && e.value)
      .map((e) => [e.value!.split(' ')[0]!, e.value!]),
  );
}

/** Every copy of an action's card as it reads now. */
async function cardsOf(actionId: string): Promise<string[]> {
  const posted = await bot.db
    .selectFrom('posted_messages')
    .select(['channel', 'message_id'])
    .where('subject_type', '=', 'remediation_action')
    .where('subject_id', '=', actionId)
    .execute();
  return posted.map((p) => JSON.stringify(bot.slack.message(p.channel, p.message_id)?.blocks ?? null));
}

/**
 * Six ordinary nightly runs of the job ($5 each) and tonight's run, still going, at $100 so far:
 * 20× the median, as the collectors would have recorded the usage and the prices.
 */
async function jobRunSpike(): Promise<void> {
  await bot.db
    .insertInto('collected_list_prices')
    .values({
      region_id: regionId,
      collected_at: new Date(),
      sku_name: 'PREMIUM_JOBS_COMPUTE',
      cloud: 'AWS',
      currency_code: 'USD',
      usage_unit: 'DBU',
      price_start_time: new Date('2026-01-01T00:00:00Z'),
      price_end_time: null,
      pricing: JSON.stringify({ default: String(DBU_PRICE) }),
      price_default: String(DBU_PRICE),
      price_promotional: null,
      price_effective_list: String(DBU_PRICE),
    })
    .execute();
  const now = Date.parse(CLOCK_START);
  const run = (runId: string, start: number, quantity: number): ScenarioUsage => ({
    workspaceId: PROD.id,
    skuName: 'PREMIUM_JOBS_COMPUTE',
    product: 'JOBS',
    start: new Date(start),
    quantity,
    metadata: { job_id: JOB, job_run_id: runId },
  });
  const earlier = Array.from({ length: 6 }, (_, i) => run(String(8001 + i), now - (9 - i) * 24 * HOUR, 10));
  const spike = [run(SPIKE_RUN, now - 3 * HOUR, 100), run(SPIKE_RUN, now - 2 * HOUR, 100)];
  await insertUsage(bot.db, regionId, [...earlier, ...spike]);
  const dates = [...new Set([...earlier, ...spike].map((u) => u.start.toISOString().slice(0, 10)))];
  await bot.services.collectors.usageListener.afterCollectorRun(regionId, dates);
  await bot.idle();
}

describe('fix a job-run cost spike from its alert', () => {
  it('the spike alert offers Pause job’s schedule and Cancel job run', async () => {
    await jobRunSpike();
    const alert = spikeAlert();
    expect(alert).toContain(`Run \`${SPIKE_RUN}\` cost $100.00 so far`);
    const buttons = requestButtons(alert);
    expect([...buttons.keys()].sort()).toEqual(['cancel-run', 'pause-job-schedule']);
    const row = await bot.db.selectFrom('cost_alerts').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ rule_kind: 'job_run_cost_spike', scope_key: `job:${PROD.id}/${JOB}` });
    expect(buttons.get('pause-job-schedule')).toBe(`pause-job-schedule cost_alert:${row.id}`);
    expect(buttons.get('cancel-run')).toBe(`cancel-run cost_alert:${row.id}`);
  });

  it('Pause job’s schedule files a request with the live schedule; two approvals pause it once', async () => {
    const value = requestButtons(spikeAlert()).get('pause-job-schedule')!;
    const reply = await repliesTo(
      bot,
      () => tick() && bot.click(requester.id, ACTION_BUTTONS.request, value, { channelId: COST_CHANNEL }),
    );
    expect(reply).toContain("Pause job's schedule nightly_etl in analytics-prod: requested");
    const action = await latestAction();
    expect(action).toMatchObject({
      kind: 'pause-job-schedule',
      state: 'pending',
      target_id: JOB,
      source_type: 'cost_alert',
    });
    const card = saidTo(bot, approver1.id);
    expect(card).toContain('(UTC) · UNPAUSED');
    expect(card).toContain('Schedule UNPAUSED → PAUSED (jobs/update, new_settings.schedule.pause_status).');
    expect(calls('/jobs/update')).toEqual([]);

    tick();
    await bot.click(approver1.id, ACTION_BUTTONS.approve, action.id);
    await bot.idle();
    expect((await latestAction()).state).toBe('pending'); // the policy wants two approvals
    tick();
    await bot.click(approver2.id, ACTION_BUTTONS.approve, action.id);
    await eventually(async () => expect((await latestAction()).state).toBe('succeeded'), 15_000);
    await bot.idle();
    expect(calls('/jobs/update').map((r) => r.status)).toEqual([200]);
    expect(emulator.jobs.find((j) => String(j.job_id) === JOB)!.settings.schedule!.pause_status).toBe(
      'PAUSED',
    );
    expect(emulator.runs.find((r) => String(r.run_id) === SPIKE_RUN)!.life_cycle_state).toBe('RUNNING');
    for (const copy of await cardsOf(action.id)) expect(copy).toContain('Done and verified');
  });

  it('Cancel job run files a request for the run that spiked while it is active; one approval cancels it once', async () => {
    const value = requestButtons(spikeAlert()).get('cancel-run')!;
    const reply = await repliesTo(
      bot,
      () => tick() && bot.click(requester.id, ACTION_BUTTONS.request, value, { channelId: COST_CHANNEL }),
    );
    expect(reply).toContain(`(run ${SPIKE_RUN} of job ${JOB}) in analytics-prod: requested`);
    const action = await latestAction();
    expect(action).toMatchObject({ kind: 'cancel-run', state: 'pending', target_id: SPIKE_RUN });
    expect(saidTo(bot, approver1.id)).toContain('Run RUNNING → TERMINATED/CANCELED (jobs/runs/cancel).');
    expect(calls('/jobs/runs/cancel')).toEqual([]);

    tick();
    await bot.click(approver1.id, ACTION_BUTTONS.approve, action.id);
    await eventually(async () => expect((await latestAction()).state).toBe('succeeded'), 15_000);
    await bot.idle();
    expect(calls('/jobs/runs/cancel').map((r) => r.status)).toEqual([200]);
    expect(emulator.runs.find((r) => String(r.run_id) === SPIKE_RUN)!.life_cycle_state).toBe('TERMINATED');
    for (const copy of await cardsOf(action.id)) expect(copy).toContain('Done and verified');
  });

  it('refuses to cancel the run again once it is over, calling nothing', async () => {
    const value = requestButtons(spikeAlert()).get('cancel-run')!;
    const before = calls('/jobs/runs/cancel').length;
    const reply = await repliesTo(
      bot,
      () => tick() && bot.click(requester.id, ACTION_BUTTONS.request, value, { channelId: COST_CHANNEL }),
    );
    expect(reply).toContain('is not active (it is TERMINATED');
    expect(calls('/jobs/runs/cancel').length).toBe(before);
  });
});
