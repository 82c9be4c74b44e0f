import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabricksEmulator } from '../emulator/databricks-emulator.js';
import { sweepActions } from '../src/actions/sweep-actions.js';
import { auditTrailOf } from '../src/audit/record-audit-event.js';
import { PEOPLE, SLACK_USERS, eventually } from './support/access-fixture.js';
import {
  ACTIONS_POLICY,
  CLOCK_START,
  IDLE_CLUSTER,
  PROD,
  connectActionsWorkspace,
  startActionsEmulator,
} from './support/actions-fixture.js';
import { emulatorEnv } from './support/connectors-fixture.js';
import { startTestBot, type TestBot } from './support/test-bot.js';

/**
 * What a worker killed mid-action leaves behind, picked up by the next attempt on the real queue:
 * the intent recorded and committed, the call sent or not, the outcome never recorded. The next
 * attempt reads the cluster before calling, so the action is neither repeated nor left half-done.
 */
let bot: TestBot;
let emulator: DatabricksEmulator;
const LEASE_MS = 1_500;

beforeAll(async () => {
  const started = await startActionsEmulator();
  emulator = started.emulator;
  bot = await startTestBot({
    policy: ACTIONS_POLICY,
    slackUsers: SLACK_USERS,
    env: emulatorEnv(started.caFile),
    runtime: { actionExecution: { leaseMs: LEASE_MS, settleReads: 3, settleReadDelayMs: 50 } },
  });
  bot.clock.set(CLOCK_START);
  await connectActionsWorkspace(bot.services, emulator);
  await bot.db.updateTable('connectors').set({ write_access: true }).execute();
});
afterAll(async () => {
  await bot?.stop();
  await emulator?.close();
});

const cluster = () => emulator.clusters.find((c) => c.cluster_id === IDLE_CLUSTER)!;
const deletes = () => emulator.requests.filter((r) => r.path === '/api/2.1/clusters/delete').length;

/** A pending request, then left as a killed worker leaves it: executing, intent committed, no outcome. */
async function interruptedAction(intentAgeMs: number): Promise<string> {
  bot.clock.advance(1_000);
  await bot.command(PEOPLE.requester.id, `action terminate-cluster ${PROD.name} ${IDLE_CLUSTER}`);
  const row = await bot.db
    .selectFrom('remediation_actions')
    .selectAll()
    .orderBy('created_at', 'desc')
    .executeTakeFirstOrThrow();
  await bot.db
    .updateTable('remediation_actions')
    .set({
      state: 'executing',
      decided_by: `slack:${PEOPLE.approver1.id}`,
      intent_token: randomUUID(),
      intent_at: new Date(Date.now() - intentAgeMs),
      intent_attempts: 1,
      call_started_at: bot.clock.now(),
    })
    .where('id', '=', row.id)
    .execute();
  return row.id;
}

async function finished(actionId: string) {
  return eventually(async () => {
    const row = await bot.db
      .selectFrom('remediation_actions')
      .selectAll()
      .where('id', '=', actionId)
      .executeTakeFirstOrThrow();
    expect(['succeeded', 'failed']).toContain(row.state);
    return row;
  }, 45_000);
}

describe('a worker killed mid-action', () => {
  it('after its call landed: the next attempt sees the cluster terminated and does not call again', async () => {
    cluster().state = 'RUNNING';
    const id = await interruptedAction(10_000);
    cluster().state = 'TERMINATED'; // the killed attempt's delete reached Databricks
    const before = deletes();
    await bot.services.actions.jobs.execute(id);
    const row = await finished(id);
    expect(row.state).toBe('succeeded');
    expect(deletes()).toBe(before);
    const trail = (await auditTrailOf(bot.db, 'remediation_action', id)).map((e) => e.action);
    expect(trail.filter((action) => action === 'action.succeeded')).toHaveLength(1);
  });

  it('before its call landed: the next attempt sends it once and verifies it', async () => {
    cluster().state = 'RUNNING';
    const id = await interruptedAction(10_000);
    const before = deletes();
    await bot.services.actions.jobs.execute(id);
    const row = await finished(id);
    expect(row.state).toBe('succeeded');
    expect(deletes() - before).toBe(1);
    expect(cluster().state).toBe('TERMINATED');
  });

  it('while its lease is live: a second attempt waits it out instead of calling alongside', async () => {
    cluster().state = 'RUNNING';
    const id = await interruptedAction(0);
    const before = deletes();
    const started = Date.now();
    await bot.services.actions.jobs.execute(id);
    const row = await finished(id);
    expect(row.state).toBe('succeeded');
    expect(Date.now() - started).toBeGreaterThanOrEqual(LEASE_MS - 200);
    expect(deletes() - before).toBe(1);
  }, 60_000);

  it('the sweeper re-queues an action whose job was lost (Redis flushed), once its lease ran out', async () => {
    cluster().state = 'RUNNING';
    const id = await interruptedAction(10_000);
    const before = deletes();
    // No job is queued for it: only the sweeper (Postgres, not Redis) can find it.
    const swept = await sweepActions(bot.services.actions);
    expect(swept.requeued).toBe(1);
    const row = await finished(id);
    expect(row.state).toBe('succeeded');
    expect(deletes() - before).toBe(1);
  });

  it('after its outcome was recorded but before the cards were told: the sweeper has them told, calling nothing', async () => {
    cluster().state = 'RUNNING';
    const id = await interruptedAction(10_000);
    await bot.idle();
    // The killed attempt's call landed and its outcome committed; announcing it never happened.
    cluster().state = 'TERMINATED';
    await bot.db
      .updateTable('remediation_actions')
      .set({
        state: 'succeeded',
        outcome: JSON.stringify({ summary: 'TERMINATED', verifiedAt: bot.clock.now().toISOString() }),
        finished_at: new Date(bot.clock.now().getTime() - 10_000),
        intent_token: null,
        intent_at: null,
        followed_up_at: null,
      })
      .where('id', '=', id)
      .execute();
    const before = deletes();
    const swept = await sweepActions(bot.services.actions);
    expect(swept.requeued).toBe(1);
    await eventually(async () => {
      const row = await bot.db
        .selectFrom('remediation_actions')
        .select('followed_up_at')
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(row.followed_up_at).not.toBeNull();
    }, 45_000);
    await bot.idle();
    const posted = await bot.db
      .selectFrom('posted_messages')
      .select(['channel', 'message_id'])
      .where('subject_type', '=', 'remediation_action')
      .where('subject_id', '=', id)
      .execute();
    expect(posted.length).toBeGreaterThan(0);
    for (const p of posted)
      expect(JSON.stringify(bot.slack.message(p.channel, p.message_id)?.blocks)).toContain(
        'Done and verified',
      );
    expect(deletes()).toBe(before);
    expect((await sweepActions(bot.services.actions)).requeued).toBe(0);
  });
});
