import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DatabricksEmulator } from '../emulator/databricks-emulator.js';
import { ACTION_BUTTONS } from '../src/actions/action-messages.js';
import { auditTrailOf } from '../src/audit/record-audit-event.js';
import { PEOPLE, eventually, repliesTo, saidTo } from './support/access-fixture.js';
import {
  ACTIONS_CHANNEL,
  CLOCK_START,
  COST_CHANNEL,
  DEV,
  DEV_CLUSTER,
  GONE_CLUSTER,
  IDLE_CLUSTER,
  PROD,
  startActionsCostBot,
} from './support/actions-fixture.js';
import { insertCollectedNodeMinutes, insertUsage, nodeMinutes } from './support/cost-fixture.js';
import type { TestBot } from './support/test-bot.js';

/**
 * Remediation actions through the real Slack front door against the emulator: terminate the idle
 * cluster from its cost alert (request → approve → executed → verified → every card and the
 * alert updated → undo), and every refusal a person can meet.
 */
let bot: TestBot;
let emulator: DatabricksEmulator;
let regionId: string;
const { requester, approver1, outsider, admin } = PEOPLE;
const HOUR = 3_600_000;

beforeAll(async () => {
  ({ bot, emulator, regionId } = await startActionsCostBot(
    'alerts:\n  - name: idle-clusters\n    kind: idle_compute\n    scope: account\n    idle_for: 6h\n    warehouses: false\n',
  ));
});
afterAll(async () => {
  await bot?.stop();
  await emulator?.close();
});
beforeEach(() => emulator.faults.clear());

const actionRows = () => bot.db.selectFrom('remediation_actions').selectAll().orderBy('created_at').execute();
/** Each interaction a second after the last, so the newest action is the latest created. */
const tick = () => bot.clock.advance(1_000);
const latestAction = async () => (await actionRows()).at(-1)!;
const deletes = () => emulator.requests.filter((r) => r.path === '/api/2.1/clusters/delete');
/** Every copy of an action's card (approval and requester copies), as it reads now. */
async function cardsOf(actionId: string): Promise<string[]> {
  const posted = await bot.db
    .selectFrom('posted_messages')
    .select(['channel', 'message_id', 'purpose'])
    .where('subject_type', '=', 'remediation_action')
    .where('subject_id', '=', actionId)
    .execute();
  return posted.map((p) => JSON.stringify(bot.slack.message(p.channel, p.message_id)?.blocks ?? null));
}
/** The idle cluster's alert as posted to the cost channel, as it reads now. */
function costAlertNow(): string {
  const post = bot.slack
    .callsTo('chat.postMessage')
    .find(
      (c) =>
        c.params.channel === COST_CHANNEL && JSON.stringify(c.params.blocks).includes('shared-analytics'),
    );
  if (!post) return '[]';
  const ts = bot.slack.callsTo('chat.postMessage').indexOf(post);
  void ts;
  const posted = JSON.stringify(post.params.blocks);
  const stored = [...bot.slack.callsTo('chat.update')]
    .reverse()
    .find((c) => c.params.channel === COST_CHANNEL);
  return stored ? JSON.stringify(stored.params.blocks) : posted;
}
/** The value of the first button with `actionId` in some blocks (as JSON). */
function buttonValue(blocks: string, actionId: string): string {
  const elements = (JSON.parse(blocks) as { elements?: { action_id?: string; value?: string }[] }[]).flatMap(
    (block) => block.elements ?? [],
  );
  const button = elements.find((element) => element.action_id === actionId);
  if (!button?.value) throw new Error(`no ${actionId} button in ${blocks.slice(0, 2000)}`);
  return button.value;
}

async function idleClusterAlert(): Promise<void> {
  // The cluster idles at 1% CPU from 01:00 to 09:00 (8 h), as the collectors would have recorded it.
  const from = new Date(Date.parse(CLOCK_START) - 8 * HOUR);
  await insertCollectedNodeMinutes(
    bot.db,
    regionId,
    nodeMinutes({
      workspaceId: PROD.id,
      clusterId: IDLE_CLUSTER,
      nodes: 2,
      from,
      minutes: 8 * 60,
      cpuPercent: 1,
      memoryPercent: 15,
    }),
  );
  await bot.db
    .insertInto('collected_clusters')
    .values({
      region_id: regionId,
      workspace_id: PROD.id,
      cluster_id: IDLE_CLUSTER,
      cluster_name: 'shared-analytics',
      owned_by: 'ana@example.com',
      auto_termination_minutes: 0,
      cluster_source: 'UI',
      change_time: new Date('2026-11-01T00:00:00Z'),
      collected_at: new Date(),
    })
    .execute();
  const rows = Array.from({ length: 8 }, (_, h) => ({
    workspaceId: PROD.id,
    skuName: 'PREMIUM_ALL_PURPOSE_COMPUTE',
    product: 'ALL_PURPOSE',
    start: new Date(from.getTime() + h * HOUR),
    quantity: 3,
    metadata: { cluster_id: IDLE_CLUSTER },
  }));
  await insertUsage(bot.db, regionId, rows);
  await bot.services.collectors.usageListener.afterCollectorRun(regionId, ['2026-11-23']);
  await bot.idle();
}

describe('write access is opt-in per connector', () => {
  it('refuses actions until an admin enables it, and reports what the principal may do per action', async () => {
    const refused = await repliesTo(
      bot,
      () => tick() && bot.command(requester.id, `action terminate-cluster ${PROD.name} ${IDLE_CLUSTER}`),
    );
    expect(refused).toContain('Write access is not enabled for connector prod');
    expect(await actionRows()).toEqual([]);
    expect(deletes()).toEqual([]);

    const notAdmin = await repliesTo(
      bot,
      () => tick() && bot.command(requester.id, 'connector enable-actions prod'),
    );
    expect(notAdmin).toContain('Only admins');
    const report = await repliesTo(
      bot,
      () => tick() && bot.command(admin.id, 'connector enable-actions prod'),
    );
    expect(report).toContain('Write access enabled for connector prod');
    expect(report).toMatch(/terminate-cluster.*ok: 2 cluster\(s\) visible/);
    expect(report).toMatch(/add-guardrails.*ok: 1 of 1 serving endpoint/);
  });
});

describe('terminate the idle cluster from its cost alert', () => {
  let actionId: string;

  it('the idle alert offers Terminate cluster; someone not allowed to request is refused', async () => {
    await idleClusterAlert();
    const alert = costAlertNow();
    expect(alert).toContain('has been idle for');
    const value = buttonValue(alert, ACTION_BUTTONS.request);
    expect(value).toMatch(/^terminate-cluster cost_alert:/);
    const refused = await repliesTo(
      bot,
      () => tick() && bot.click(outsider.id, ACTION_BUTTONS.request, value, { channelId: COST_CHANNEL }),
    );
    expect(refused).toContain('You are not allowed to request `terminate-cluster`');
  });

  it('a request shows the live state and the change to every approver, but not to the requester as approver', async () => {
    const value = buttonValue(costAlertNow(), ACTION_BUTTONS.request);
    const reply = await repliesTo(
      bot,
      () => tick() && bot.click(requester.id, ACTION_BUTTONS.request, value, { channelId: COST_CHANNEL }),
    );
    expect(reply).toContain('Terminate cluster shared-analytics in analytics-prod: requested');
    const action = await latestAction();
    actionId = action.id;
    expect(action).toMatchObject({
      kind: 'terminate-cluster',
      state: 'pending',
      target_id: IDLE_CLUSTER,
      source_type: 'cost_alert',
    });
    const approverCard = saidTo(bot, approver1.id);
    expect(approverCard).toContain('RUNNING · idle 7h · 4 workers · auto-termination off');
    expect(approverCard).toContain('State RUNNING → TERMINATED (clusters/delete).');
    expect(saidTo(bot, ACTIONS_CHANNEL)).toContain(ACTION_BUTTONS.approve);
    expect(saidTo(bot, requester.id)).not.toContain(ACTION_BUTTONS.approve);
    expect(deletes()).toEqual([]);

    const again = await repliesTo(
      bot,
      () => tick() && bot.command(approver1.id, `action terminate-cluster ${PROD.name} ${IDLE_CLUSTER}`),
    );
    expect(again).toContain('There is already an open `terminate-cluster` request for shared-analytics');
  });

  it('refuses self-approval and someone who is no approver', async () => {
    const self = await repliesTo(
      bot,
      () => tick() && bot.click(requester.id, ACTION_BUTTONS.approve, actionId),
    );
    expect(self).toContain('You cannot approve or deny your own action request.');
    const stranger = await repliesTo(
      bot,
      () => tick() && bot.click(outsider.id, ACTION_BUTTONS.approve, actionId),
    );
    expect(stranger).toContain('You are not an approver for `terminate-cluster`.');
    expect((await latestAction()).state).toBe('pending');
  });

  it('an approval executes it once, verifies it, updates every card and resolves the alert', async () => {
    await bot.click(approver1.id, ACTION_BUTTONS.approve, actionId);
    const done = await eventually(async () => {
      const row = await latestAction();
      expect(row.state).toBe('succeeded');
      return row;
    }, 15_000);
    await bot.idle();
    expect(deletes().map((r) => r.status)).toEqual([200]);
    expect(emulator.clusters.find((c) => c.cluster_id === IDLE_CLUSTER)!.state).toBe('TERMINATED');
    expect(done.outcome).toMatchObject({ summary: expect.stringContaining('TERMINATED') });
    for (const card of await cardsOf(actionId)) {
      expect(card).toContain('Done and verified');
      expect(card).not.toContain(ACTION_BUTTONS.approve);
    }
    expect((await cardsOf(actionId)).join()).toContain(ACTION_BUTTONS.undo);
    await eventually(async () => {
      const alert = await bot.db.selectFrom('cost_alerts').selectAll().executeTakeFirstOrThrow();
      expect(alert.state).toBe('resolved');
    });
    await bot.idle();
    expect(costAlertNow()).toContain('Resolved at');
    expect(
      JSON.stringify(
        bot.slack
          .callsTo('chat.postMessage')
          .filter((c) => c.params.channel === COST_CHANNEL && c.params.thread_ts),
      ),
    ).toContain('Terminate cluster shared-analytics in analytics-prod: done');
    const trail = (await auditTrailOf(bot.db, 'remediation_action', actionId)).map(
      (e) => `${e.action} ${e.actor}`,
    );
    expect(trail).toEqual([
      `action.requested slack:${requester.id}`,
      `action.approved slack:${approver1.id}`,
      'action.executing system',
      'action.succeeded system',
    ]);
  });

  it('Undo starts the cluster again after its own approval, and the first card says it was undone', async () => {
    const reply = await repliesTo(
      bot,
      () => tick() && bot.click(requester.id, ACTION_BUTTONS.undo, actionId),
    );
    expect(reply).toContain('Start cluster shared-analytics in analytics-prod: requested');
    const undo = await latestAction();
    expect(undo).toMatchObject({ kind: 'start-cluster', undoes_action_id: actionId, state: 'pending' });
    tick();
    await bot.click(approver1.id, ACTION_BUTTONS.approve, undo.id);
    await eventually(async () => expect((await latestAction()).state).toBe('succeeded'), 15_000);
    await bot.idle();
    expect(emulator.clusters.find((c) => c.cluster_id === IDLE_CLUSTER)!.state).toBe('RUNNING');
    for (const card of await cardsOf(actionId)) expect(card).toContain(`Undone by action ${undo.id}`);
    const twice = await repliesTo(
      bot,
      () => tick() && bot.click(requester.id, ACTION_BUTTONS.undo, actionId),
    );
    expect(twice).toContain('It was already undone');
  });
});

describe('refusals and failures', () => {
  it('auto-approves terminating a cluster idle for more than 2 h in the dev workspace', async () => {
    tick();
    await bot.command(requester.id, `action terminate-cluster ${DEV.name} ${DEV_CLUSTER} weekend leftovers`);
    const row = await eventually(async () => {
      const latest = await latestAction();
      expect(latest.state).toBe('succeeded');
      return latest;
    }, 15_000);
    expect(row).toMatchObject({
      auto_approved: true,
      target_id: DEV_CLUSTER,
      decided_by: 'system:auto-approve',
    });
  });

  it('refuses a cluster already terminated, and one that does not exist, storing nothing', async () => {
    const before = (await actionRows()).length;
    const already = await repliesTo(
      bot,
      () => tick() && bot.command(requester.id, `action terminate-cluster ${DEV.name} ${DEV_CLUSTER}`),
    );
    expect(already).toContain('The cluster dev-scratch is already terminated. Nothing was requested.');
    const gone = await repliesTo(
      bot,
      () => tick() && bot.command(requester.id, `action terminate-cluster ${PROD.name} ${GONE_CLUSTER}`),
    );
    expect(gone).toContain(`The cluster ${GONE_CLUSTER} does not exist (any more) in that workspace.`);
    const unknownKind = await repliesTo(
      bot,
      () => tick() && bot.command(requester.id, `action nuke-cluster ${PROD.name} x`),
    );
    expect(unknownKind).toContain('There is no action \\"nuke-cluster\\"');
    const unlisted = await repliesTo(
      bot,
      () => tick() && bot.command(requester.id, `action start-cluster ${PROD.name} ${IDLE_CLUSTER}`),
    );
    expect(unlisted).toContain('No policy allows `start-cluster`');
    expect((await actionRows()).length).toBe(before);
  });

  it('retries 429 (with Retry-After) and 503 within limits, and terminates once', async () => {
    emulator.faults.failRequests('rest', {
      status: 429,
      retryAfterSeconds: 1,
      times: 1,
      path: 'clusters/delete',
    });
    emulator.faults.failRequests('rest', { status: 503, times: 1, path: 'clusters/delete' });
    tick();
    await bot.command(requester.id, `action terminate-cluster ${PROD.name} ${IDLE_CLUSTER}`);
    const row = await latestAction();
    await bot.click(approver1.id, ACTION_BUTTONS.approve, row.id);
    await eventually(async () => expect((await latestAction()).state).toBe('succeeded'), 20_000);
    expect(
      deletes()
        .slice(-3)
        .map((r) => r.status),
    ).toEqual([429, 503, 200]);
  });

  it('shows a permanent error (no permission) on the card and does not retry it', async () => {
    emulator.clusters.find((c) => c.cluster_id === IDLE_CLUSTER)!.state = 'RUNNING';
    emulator.faults.denyWrites('clusters/delete');
    tick();
    await bot.command(requester.id, `action terminate-cluster ${PROD.name} ${IDLE_CLUSTER}`);
    const row = await latestAction();
    const sent = deletes().length;
    await bot.click(approver1.id, ACTION_BUTTONS.approve, row.id);
    await eventually(async () => expect((await latestAction()).state).toBe('failed'), 15_000);
    await bot.idle();
    expect(deletes().length - sent).toBe(1);
    for (const card of await cardsOf(row.id))
      expect(card).toContain('Failed: POST /api/2.1/clusters/delete failed: HTTP 403 PERMISSION_DENIED');
  });

  it('says so when the cluster was terminated by someone else between approval and execution', async () => {
    tick();
    await bot.command(requester.id, `action terminate-cluster ${PROD.name} ${IDLE_CLUSTER}`);
    const row = await latestAction();
    emulator.clusters.find((c) => c.cluster_id === IDLE_CLUSTER)!.state = 'TERMINATED';
    const sent = deletes().length;
    await bot.click(approver1.id, ACTION_BUTTONS.approve, row.id);
    await eventually(async () => expect((await latestAction()).state).toBe('failed'), 15_000);
    await bot.idle();
    expect(deletes().length).toBe(sent);
    for (const card of await cardsOf(row.id))
      expect(card).toContain(
        'Not executed: The cluster shared-analytics is already terminated. It was so before the bot acted',
      );
  });
});
