/**
 * Issue 17: `kill -9` of the worker while remediation actions run against the Databricks
 * workspace emulator, once right after the emulator carried out an action call and before it
 * answered (the change happened, the worker never heard), once at a random moment while the
 * second batch runs. The orchestrator restarts the worker each time. Every action must end
 * executed and verified exactly once: one mutating call per resource, no action left approved or
 * executing, every card saying so, no chat message posted twice, no role crashed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabricksEmulator } from '../../emulator/databricks-emulator.js';
import { ACTION_BUTTONS } from '../../src/actions/action-messages.js';
import {
  ACTION_CALL,
  CLUSTERS,
  JOB_ID,
  WAREHOUSE_ID,
  actionsPolicy,
  cardsOf,
  connectWithWriteAccess,
  mutatedResource,
  startActionsWorkspace,
  type ActionRecord,
} from './support/actions-world.js';
import { FaultInjector } from './support/fault-injector.js';
import { APPROVER } from './support/fault-cast.js';
import { duplicatePosts } from './support/fault-verdict.js';
import { startFaultWorld, type FaultWorld } from './support/fault-world.js';
import { holdsWithin, waitUntil } from './support/wait.js';

const DONE = 'Done and verified';

describe('kill -9 of the worker during remediation actions', () => {
  let world: FaultWorld | undefined;
  let emulator: DatabricksEmulator | undefined;
  let closeWorkspace: (() => Promise<void>) | undefined;
  let faults: FaultInjector;
  let requester: string;
  /** Every mutating call the emulator carried out, by resource (`cluster <id>`…). */
  const mutations: string[] = [];
  const actions: ActionRecord[] = [];
  let cards = new Map<string, string[]>();
  let audit: { subject_id: string; action: string }[] = [];

  /** `/databricks action …` from the requester, then Approve by the approver (again if it did not take). */
  async function requestAndApprove(text: string, target: string): Promise<void> {
    const w = world!;
    const sent = await w.front.command(requester, `action ${text}`);
    expect(sent.status).toBe(200);
    expect(await w.front.reply(sent, 60_000)).toContain(': requested');
    const [row] = await w.db.query<ActionRecord>(
      `select id, kind, target_id, state, outcome from remediation_actions where target_id = $1`,
      [target],
    );
    if (!row) throw new Error(`no action was filed for ${target}`);
    actions.push(row);
    const decided = async () =>
      (
        await w.db.query<{ state: string }>(`select state from remediation_actions where id = $1`, [row.id])
      )[0]?.state !== 'pending';
    for (let click = 1; click <= 3 && !(await decided()); click++) {
      expect(await w.front.click(APPROVER.id, ACTION_BUTTONS.approve, row.id)).toBe(200);
      await holdsWithin(decided, 15_000, 250);
    }
  }

  beforeAll(async () => {
    const workspace = await startActionsWorkspace();
    emulator = workspace.emulator;
    closeWorkspace = workspace.close;
    emulator.beforeAnswering((call) => {
      const resource = mutatedResource(call);
      if (resource) mutations.push(resource);
    });
    world = await startFaultWorld({
      tag: 'AK',
      requesters: 1,
      policyExtra: actionsPolicy(APPROVER.id),
      env: { ...workspace.env, ADMIN_SLACK_USER_IDS: APPROVER.id },
    });
    requester = world.cast.requesters[0]!.id;
    await connectWithWriteAccess(world, emulator);
    faults = new FaultInjector(world);
    faults.whenEmulatorCarriesOut(
      emulator,
      ACTION_CALL,
      [2],
      'kill -9 of the worker between an action call carried out and its answer',
      faults.killWorker,
    );

    // First batch: the second action call to land kills the worker before it hears back.
    for (const cluster of CLUSTERS.slice(0, 3))
      await requestAndApprove(`terminate-cluster prod ${cluster}`, cluster);
    await requestAndApprove(`stop-warehouse prod ${WAREHOUSE_ID}`, WAREHOUSE_ID);
    await waitUntil('the kill between a call and its answer', () => faults.log.length >= 1, 90_000);
    await world.bots.workerReady();

    // Second batch: a kill at a random moment while it runs. Terminating and stopping now take
    // 2 s to settle, as on Databricks, so the worker spends time reading back mid-action.
    emulator.settleMs = 2_000;
    faults.atRandom(0, 4_000, 'kill -9 of the worker at a random moment during actions', async () => {
      await world!.bots.workerReady();
      const open = await world!.db.query<{ state: string }>(
        `select state from remediation_actions where state in ('approved', 'executing')`,
      );
      await world!.bots.killWorker();
      faults.log.push(`(the random kill came with ${open.length} action(s) approved or executing)`);
    });
    for (const cluster of CLUSTERS.slice(3))
      await requestAndApprove(`terminate-cluster prod ${cluster}`, cluster);
    await requestAndApprove(`pause-job-schedule prod ${JOB_ID}`, String(JOB_ID));
    await faults.done();

    // Settled: every action over and every card saying how. Bounded by the slowest recovery chain:
    // an action's lease outlives a kill by 30 s and the actions sweeper runs every 30 s; a card
    // edit whose delivery job died with the worker is re-queued by the outbox sweeper (every 60 s,
    // for rows pending 60 s): about three minutes at worst, so four are allowed.
    const ids = actions.map((a) => a.id);
    await holdsWithin(
      async () => {
        const rows = await world!.db.query<ActionRecord>(
          `select id, kind, target_id, state, outcome from remediation_actions where id = any($1)`,
          [ids],
        );
        if (!rows.every((r) => r.state === 'succeeded' || r.state === 'failed')) return false;
        cards = await cardsOf(world!, ids);
        return ids.every(
          (id) => (cards.get(id) ?? []).length > 0 && cards.get(id)!.every((c) => c.includes(DONE)),
        );
      },
      240_000,
      500,
    );
    const final = await world.db.query<ActionRecord>(
      `select id, kind, target_id, state, outcome from remediation_actions order by created_at`,
    );
    actions.splice(0, actions.length, ...final);
    cards = await cardsOf(world, ids);
    audit = await world.db.query(
      `select subject_id, action from audit_events where subject_type = 'remediation_action' order by id`,
    );
    console.log(
      `fault suite, actions worker kill -9: ${actions.length} actions, ${mutations.length} mutating calls\n` +
        `seed ${faults.seed}; faults:\n  ${faults.log.join('\n  ')}`,
    );
  });
  afterAll(async () => {
    await world?.close();
    await closeWorkspace?.();
  });

  it('requests 8 actions and injects both kills', () => {
    expect(actions.map((a) => `${a.kind} ${a.target_id}`)).toEqual([
      ...CLUSTERS.slice(0, 3).map((c) => `terminate-cluster ${c}`),
      `stop-warehouse ${WAREHOUSE_ID}`,
      ...CLUSTERS.slice(3).map((c) => `terminate-cluster ${c}`),
      `pause-job-schedule ${JOB_ID}`,
    ]);
    expect(faults.log.filter((line) => line.includes('carried out, not yet answered'))).toHaveLength(1);
    expect(faults.log.filter((line) => line.includes('at a random moment'))).toHaveLength(1);
    expect(faults.log.filter((line) => line.includes('FAILED'))).toEqual([]);
  });

  it('ends every action executed and verified, none left pending, approved or executing', () => {
    const notDone = actions
      .filter((a) => a.state !== 'succeeded' || typeof a.outcome?.verifiedAt !== 'string')
      .map((a) => `${a.kind} ${a.target_id}: ${a.state} ${JSON.stringify(a.outcome)}`);
    expect(notDone).toEqual([]);
  });

  it('changes every resource exactly once: no call repeated after a kill', () => {
    const expected = [
      ...CLUSTERS.map((c) => `cluster ${c}`),
      `warehouse ${WAREHOUSE_ID}`,
      `job ${JOB_ID}`,
    ].sort();
    expect([...mutations].sort()).toEqual(expected);
    expect(emulator!.clusters.map((c) => c.state)).toEqual(CLUSTERS.map(() => 'TERMINATED'));
    expect(emulator!.warehouses.find((w) => w.id === WAREHOUSE_ID)?.state).toBe('STOPPED');
    expect(emulator!.jobs.find((j) => j.job_id === JOB_ID)?.settings.schedule?.pause_status).toBe('PAUSED');
  });

  it('records each action executing and succeeding exactly once in the audit trail', () => {
    const problems = actions.flatMap((a) => {
      const trail = audit.filter((e) => e.subject_id === a.id).map((e) => e.action);
      const once = (step: string) => trail.filter((s) => s === step).length === 1;
      return once('action.executing') && once('action.succeeded') && !trail.includes('action.failed')
        ? []
        : [`${a.kind} ${a.target_id}: ${trail.join(', ')}`];
    });
    expect(problems).toEqual([]);
  });

  it('every card of every action says it was done and verified', () => {
    const stale = actions.flatMap((a) => {
      const copies = cards.get(a.id) ?? [];
      if (copies.length === 0) return [`${a.kind} ${a.target_id}: no card was posted`];
      return copies
        .filter((c) => !c.includes(DONE))
        .map((c) => `${a.kind} ${a.target_id}: ${c.slice(0, 300)}`);
    });
    expect(stale).toEqual([]);
  });

  it('posts no chat message twice', () => {
    expect(duplicatePosts(world!)).toEqual([]);
  });

  it('no role crashed: the only exits are the ones the test caused', () => {
    expect(
      world!.bots.crashes().map((e) => `${e.role} ${e.signal ?? e.code}: ${e.logTail.slice(-400)}`),
    ).toEqual([]);
  });
});
