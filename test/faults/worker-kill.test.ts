/**
 * Issue 11: `kill -9` of the worker while grants are applied and removed, including right
 * after Databricks applied an add PATCH and before the worker heard back (so the add landed but
 * the worker's commit never happened), and (issue 19) right after Slack accepted a post and
 * before the worker heard back. The orchestrator restarts the worker each time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FaultInjector } from './support/fault-injector.js';
import { judge, type FaultVerdict } from './support/fault-verdict.js';
import { startFaultWorld, type FaultWorld } from './support/fault-world.js';
import { grantCount, grantMix, longestSeconds, requestAll, STANDING_IN } from './support/grant-mix.js';
import { settle } from './support/settle.js';
import { endsWindow } from './support/grant-window.js';
import { itKeepsTheGrantPromises, summarizeVerdict } from './support/verdict-tests.js';

describe('kill -9 of the worker during applies and removals', () => {
  let world: FaultWorld | undefined;
  let verdict: FaultVerdict;
  let faults: FaultInjector;
  const plans = grantMix(0, 12, 30);

  beforeAll(async () => {
    world = await startFaultWorld({ tag: 'WK', requesters: 12, standingIn: STANDING_IN });
    faults = new FaultInjector(world);
    const between = 'kill -9 of the worker between the SCIM add and its commit';
    faults.whenPatchLands('add', 2, between, faults.killWorker);
    faults.whenPatchLands('add', 6, between, faults.killWorker);
    faults.atRandom(0, 8_000, 'kill -9 of the worker at a random point during applies', faults.killWorker);
    faults.whenSlackAccepts(
      'chat.postMessage',
      [18, 30],
      'kill -9 of the worker between Slack accepting a post and its commit',
      faults.killWorker,
    );
    await requestAll(world, plans);
    const { firstEnd, lastEnd } = await endsWindow(world);
    faults.atRandom(
      firstEnd - Date.now(),
      lastEnd - Date.now(),
      'kill -9 of the worker during removals',
      faults.killWorker,
    );
    await faults.done();
    await settle(world, longestSeconds(plans));
    verdict = await judge(world);
    console.log(
      `${summarizeVerdict('worker kill -9', verdict)}\nseed ${faults.seed}; faults:\n  ${faults.log.join('\n  ')}`,
    );
  });
  afterAll(() => world?.close());

  it(`asks for ${grantCount(plans)} grants and injects every planned kill`, () => {
    expect(verdict.requests.length).toBe(grantCount(plans));
    expect(faults.log.filter((line) => line.includes('between the SCIM add')).length).toBe(2);
    expect(faults.log.filter((line) => line.includes('between Slack accepting')).length).toBe(2);
    expect(faults.log.filter((line) => line.includes('FAILED'))).toEqual([]);
  });
  itKeepsTheGrantPromises(() => verdict);
});
