/**
 * Issue 11: SIGTERM to the web role while slash-command handlers are still running (Slack
 * already has its HTTP 200; the Databricks user look-up is slow), then a new web role, as a
 * rolling deploy does. Every acknowledged command must still be carried out and answered.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoleExit } from './support/bot-role.js';
import { judge, type FaultVerdict } from './support/fault-verdict.js';
import { startFaultWorld, type FaultWorld } from './support/fault-world.js';
import { extendGrant, followUp, sendRequest, type GrantAttempt } from './support/grant-requests.js';
import { grantCount, grantMix, longestSeconds, requestAll, STANDING_IN } from './support/grant-mix.js';
import { settle } from './support/settle.js';
import { itKeepsTheGrantPromises, summarizeVerdict } from './support/verdict-tests.js';

// Longer than the web role's default SHUTDOWN_TIMEOUT_MS (8 s): the handlers cannot finish before it stops.
const SLOW_LOOKUP_MS = 10_000;

describe('SIGTERM of the web role with slash commands in flight', () => {
  let world: FaultWorld | undefined;
  let verdict: FaultVerdict;
  let inFlight: GrantAttempt[] = [];
  let oldWeb: RoleExit;
  const inFlightPlans = grantMix(0, 8, 30);
  const laterPlans = grantMix(8, 12, 30);

  beforeAll(async () => {
    world = await startFaultWorld({ tag: 'WT', requesters: 12, standingIn: STANDING_IN });
    const w = world;
    w.databricks.delayUserReads(SLOW_LOOKUP_MS);
    inFlight = await Promise.all(
      inFlightPlans.map((plan) =>
        sendRequest(w, w.cast.requesters[plan.person]!.id, plan.group, plan.seconds),
      ),
    );
    // Right after Slack got its acknowledgements, while every handler waits on Databricks.
    const { stopped } = await w.bots.replaceWeb();
    w.databricks.delayUserReads(0);
    await Promise.all(inFlight.map((attempt) => followUp(w, attempt, 45_000)));
    // Only a command that was carried out has a grant to extend.
    const extensions = inFlightPlans
      .filter((plan, i) => plan.extend && inFlight[i]?.reply !== undefined)
      .map((plan) => extendGrant(w, w.cast.requesters[plan.person]!.id, plan.group).catch(() => undefined));
    await requestAll(w, laterPlans);
    await Promise.all(extensions);
    oldWeb = await stopped;
    await settle(w, longestSeconds([...inFlightPlans, ...laterPlans]));
    verdict = await judge(w);
    console.log(
      `${summarizeVerdict('web SIGTERM', verdict)}\nold web role: ${JSON.stringify({ ...oldWeb, logTail: undefined })}`,
    );
  });
  afterAll(() => world?.close());

  it('has every in-flight command acknowledged before the SIGTERM, and asks for at least 12 grants', () => {
    expect(inFlight.map((attempt) => attempt.command.status)).toEqual(inFlight.map(() => 200));
    expect(grantCount(inFlightPlans) + grantCount(laterPlans)).toBeGreaterThanOrEqual(12);
  });

  it('carries out every command that was in flight at the SIGTERM (a request is filed for each)', () => {
    const filed = (attempt: GrantAttempt) =>
      verdict.requests.some(
        (r) => r.requester === `slack:${attempt.userId}` && r.group_key === attempt.group,
      );
    expect(
      inFlight.filter((attempt) => !filed(attempt)).map((a) => `${a.command.id} ${a.command.text}`),
    ).toEqual([]);
  });

  it('lets the old web role exit cleanly', () => {
    expect({ code: oldWeb.code, signal: oldWeb.signal }).toEqual({ code: 0, signal: null });
  });

  itKeepsTheGrantPromises(() => verdict);
});
