import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabricksEmulator } from '../emulator/databricks-emulator.js';
import { ACTION_BUTTONS } from '../src/actions/action-messages.js';
import { GUARDRAILS } from '../src/actions/kinds/guardrails.js';
import { PEOPLE, eventually, repliesTo } from './support/access-fixture.js';
import {
  ACTIONS_POLICY,
  CLOCK_START,
  PROD,
  connectActionsWorkspace,
  startActionsEmulator,
} from './support/actions-fixture.js';
import { emulatorEnv } from './support/connectors-fixture.js';
import { TEAMS_PEOPLE, text } from './support/teams-fixture.js';
import { invokeCard, startTeamsTestBot, verbsOf, type TeamsTestBot } from './support/teams-test-bot.js';

/**
 * Every other action through Teams invokes (and Slack, for a second approver) against the
 * emulator: stop a warehouse, pause a job's schedule with two approvals and resume it, cancel a
 * run, put guardrails on an LLM endpoint and take them off; and the refusals on Teams.
 */
const { requester: dana, approver: erin } = TEAMS_PEOPLE;
const { approver1, approver2, admin } = PEOPLE;
let teams: TeamsTestBot;
let emulator: DatabricksEmulator;

beforeAll(async () => {
  const started = await startActionsEmulator();
  emulator = started.emulator;
  teams = await startTeamsTestBot({
    policy: ACTIONS_POLICY,
    teamsPeople: [dana, erin],
    slackUsers: [approver1, approver2, admin],
    env: { ADMIN_SLACK_USER_IDS: admin.id, ...emulatorEnv(started.caFile) },
    runtime: { actionExecution: { leaseMs: 2_000, settleReads: 3, settleReadDelayMs: 50 } },
  });
  teams.bot.clock.set(CLOCK_START);
  await connectActionsWorkspace(teams.bot.services, emulator);
  await teams.install(dana);
  await teams.install(erin);
});
afterAll(async () => {
  await teams?.stop();
  await emulator?.close();
});

const latestAction = async () =>
  (
    await teams.bot.db
      .selectFrom('remediation_actions')
      .selectAll()
      .orderBy('created_at', 'desc')
      .limit(1)
      .execute()
  )[0]!;
const lastCardTo = (person: typeof dana) => text(teams.cardsTo(person.personalChat).slice(-3));
/** Types a command one second after the last one, so the newest action is the latest created. */
async function say(person: typeof dana, words: string) {
  teams.bot.clock.advance(1_000);
  await teams.say(person, words);
}
async function settled(state: string) {
  return eventually(async () => {
    const row = await latestAction();
    expect(row.state).toBe(state);
    return row;
  }, 15_000);
}
const click = (person: typeof dana, verb: string, value: string) => {
  teams.bot.clock.advance(1_000);
  return teams.click(person, verb, { action: verb, value });
};

describe('actions on Teams', () => {
  it('refuses while write access is off, then an admin turns it on', async () => {
    await say(dana, `action stop-warehouse ${PROD.name} ffeeddccbbaa9988`);
    expect(lastCardTo(dana)).toContain('Write access is not enabled for connector prod');
    await teams.bot.command(admin.id, 'connector enable-actions prod');
    expect(await teams.bot.db.selectFrom('connectors').select('write_access').executeTakeFirst()).toEqual({
      write_access: true,
    });
  });

  it('stop a SQL warehouse: request, self-approval refused, approve, stopped and verified', async () => {
    await say(erin, `action stop-warehouse ${PROD.name} ffeeddccbbaa9988 nobody uses it at night`);
    expect(lastCardTo(erin)).toContain('Stop SQL warehouse BI warehouse in analytics-prod: requested');
    const row = await latestAction();
    const self = invokeCard(await click(erin, ACTION_BUTTONS.approve, row.id));
    expect(text(self)).toContain('You cannot approve or deny your own action request.');
    expect(verbsOf(self)).not.toContain(ACTION_BUTTONS.approve);
    await teams.bot.click(approver1.id, ACTION_BUTTONS.approve, row.id);
    await settled('succeeded');
    expect(emulator.warehouses[0]!.state).toBe('STOPPED');
    teams.bot.clock.advance(1_000);
    const again = await repliesTo(teams.bot, () =>
      teams.bot.command(approver1.id, `action stop-warehouse ${PROD.name} ffeeddccbbaa9988`),
    );
    expect(again).toContain('The SQL warehouse BI warehouse is already stopped. Nothing was requested.');
  });

  it('pause a job schedule needs two approvers (Teams and Slack), then Undo resumes it', async () => {
    await say(dana, `action pause-job-schedule ${PROD.name} 424242 spiking`);
    const row = await latestAction();
    expect(lastCardTo(erin)).toContain('Schedule UNPAUSED → PAUSED');
    const first = invokeCard(await click(erin, ACTION_BUTTONS.approve, row.id));
    expect(text(first)).toContain('Approval recorded: 1 of 2');
    const twice = invokeCard(await click(erin, ACTION_BUTTONS.approve, row.id));
    expect(text(twice)).toContain('You already approved this action');
    await teams.bot.click(approver2.id, ACTION_BUTTONS.approve, row.id);
    await settled('succeeded');
    expect(emulator.jobs[0]!.settings.schedule!.pause_status).toBe('PAUSED');
    const undo = invokeCard(await click(dana, ACTION_BUTTONS.undo, row.id));
    expect(text(undo)).toMatch(/Resume job's schedule nightly.*_etl in analytics-prod: requested/);
    const resume = await latestAction();
    await click(erin, ACTION_BUTTONS.approve, resume.id);
    await teams.bot.click(approver1.id, ACTION_BUTTONS.approve, resume.id);
    await settled('succeeded');
    expect(emulator.jobs[0]!.settings.schedule!.pause_status).toBe('UNPAUSED');
  });

  it('cancel an active run', async () => {
    await say(dana, `action cancel-run ${PROD.name} 9001`);
    const row = await latestAction();
    const approved = invokeCard(await click(erin, ACTION_BUTTONS.approve, row.id));
    expect(text(approved)).toContain('Approved: running it now.');
    const done = await settled('succeeded');
    expect(done.outcome).toMatchObject({ summary: 'TERMINATED/CANCELED' });
    await teams.bot.idle();
    expect(text(teams.cardsTo(dana.personalChat).at(-1))).toContain('Cancel job run');
  });

  it('add AI Gateway guardrails to an LLM endpoint, keeping its inference table, then remove them', async () => {
    await say(dana, `action add-guardrails ${PROD.name} support-llm leaks PII`);
    const row = await latestAction();
    expect(lastCardTo(erin)).toContain('Input: PII BLOCK, safety filter on. Output: PII MASK');
    await click(erin, ACTION_BUTTONS.approve, row.id);
    await settled('succeeded');
    const gateway = emulator.servingEndpoints[0]!.ai_gateway!;
    expect(gateway).toMatchObject({
      ...GUARDRAILS,
      inference_table_config: { table_name_prefix: 'support_llm' },
    });
    const put = emulator.requests.filter((r) => r.method === 'PUT' && r.path.endsWith('/ai-gateway'));
    expect(put.map((r) => r.status)).toEqual([200]);
    // The undo follows the rules of add-guardrails.
    await click(dana, ACTION_BUTTONS.undo, row.id);
    const undo = await latestAction();
    expect(undo.kind).toBe('remove-guardrails');
    await click(erin, ACTION_BUTTONS.approve, undo.id);
    await settled('succeeded');
    expect(emulator.servingEndpoints[0]!.ai_gateway).toEqual({
      inference_table_config: expect.objectContaining({ table_name_prefix: 'support_llm' }),
    });
  });

  it('refuses a resource that is gone, and someone not allowed to request', async () => {
    await say(dana, `action cancel-run ${PROD.name} 123456`);
    expect(lastCardTo(dana)).toContain('The run 123456 does not exist (any more) in that workspace.');
    await say(erin, `action terminate-cluster ${PROD.name} 0101-120000-idle0001`);
    expect(lastCardTo(erin)).toContain('You are not allowed to request “terminate-cluster”');
  });
});
