/**
 * Issue 11: Redis FLUSHALL (on the suite's own Redis) while grants are applied, while they wait
 * for their end (every delayed expiry job and every schedule lost) and while they are removed.
 * Removals must still come within one sweep interval, not when schedules happen to come back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FaultInjector } from './support/fault-injector.js';
import { judge, type FaultVerdict } from './support/fault-verdict.js';
import { startFaultWorld, type FaultWorld } from './support/fault-world.js';
import { grantCount, grantMix, longestSeconds, requestAll, STANDING_IN } from './support/grant-mix.js';
import { endsWindow } from './support/grant-window.js';
import { settle } from './support/settle.js';
import { itKeepsTheGrantPromises, summarizeVerdict } from './support/verdict-tests.js';

describe('Redis FLUSHALL during applies, waits and removals', () => {
  let world: FaultWorld | undefined;
  let verdict: FaultVerdict;
  let faults: FaultInjector;
  // Ends spread over ~40 s, one every ~3 s: whenever a lost schedule comes back, some grant
  // ended just after the last sweep and waits for the next one.
  const plans = grantMix(0, 11, 30).map((plan, i) => ({ ...plan, seconds: 30 + 3 * i }));

  beforeAll(async () => {
    world = await startFaultWorld({ tag: 'RF', requesters: 11, standingIn: STANDING_IN });
    faults = new FaultInjector(world);
    faults.atRandom(1_000, 5_000, 'Redis FLUSHALL during applies', faults.flushRedis);
    await requestAll(world, plans);
    const { firstEnd, lastEnd } = await endsWindow(world);
    const now = Date.now();
    const beforeFirstEnd = firstEnd - now;
    faults.atRandom(
      beforeFirstEnd - 3_000,
      beforeFirstEnd - 1_000,
      'Redis FLUSHALL just before grants end',
      faults.flushRedis,
    );
    faults.atRandom(firstEnd - now, lastEnd - now, 'Redis FLUSHALL during removals', faults.flushRedis);
    await faults.done();
    await settle(world, longestSeconds(plans));
    verdict = await judge(world);
    console.log(
      `${summarizeVerdict('Redis FLUSHALL', verdict)}\nseed ${faults.seed}; faults:\n  ${faults.log.join('\n  ')}`,
    );
  });
  afterAll(() => world?.close());

  it(`asks for ${grantCount(plans)} grants and flushes Redis three times`, () => {
    expect(verdict.requests.length).toBe(grantCount(plans));
    expect(world?.redis.flushes).toBe(3);
  });
  itKeepsTheGrantPromises(() => verdict);
});
