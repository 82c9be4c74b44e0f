/**
 * Issue 11: Postgres restarted (`pg_ctl restart -m fast`, every connection terminated) while
 * grants are applied (one right after Databricks applied an add, before the worker heard back)
 * and while they are removed. Both roles must survive it and the grants must still end.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FaultInjector } from './support/fault-injector.js';
import { judge, type FaultVerdict } from './support/fault-verdict.js';
import { startFaultWorld, type FaultWorld } from './support/fault-world.js';
import { grantCount, grantMix, longestSeconds, requestAll, STANDING_IN } from './support/grant-mix.js';
import { endsWindow } from './support/grant-window.js';
import { settle } from './support/settle.js';
import { itKeepsTheGrantPromises, summarizeVerdict } from './support/verdict-tests.js';

describe('Postgres restarts during applies and removals', () => {
  let world: FaultWorld | undefined;
  let verdict: FaultVerdict;
  let faults: FaultInjector;
  const plans = grantMix(0, 11, 30);

  beforeAll(async () => {
    world = await startFaultWorld({ tag: 'PG', requesters: 11, standingIn: STANDING_IN });
    faults = new FaultInjector(world);
    faults.whenPatchLands('add', 3, 'Postgres restart during an apply', faults.restartPostgres);
    faults.atRandom(0, 6_000, 'Postgres restart at a random point during applies', faults.restartPostgres);
    faults.whenPatchLands('removal', 1, 'Postgres restart during a removal', faults.restartPostgres);
    await requestAll(world, plans);
    const { firstEnd, lastEnd } = await endsWindow(world);
    const now = Date.now();
    faults.atRandom(
      firstEnd - now,
      lastEnd - now,
      'Postgres restart during removals',
      faults.restartPostgres,
    );
    await faults.done();
    await settle(world, longestSeconds(plans));
    verdict = await judge(world);
    console.log(
      `${summarizeVerdict('Postgres restart', verdict)}\nseed ${faults.seed}; faults:\n  ${faults.log.join('\n  ')}`,
    );
  });
  afterAll(() => world?.close());

  it(`asks for ${grantCount(plans)} grants and restarts Postgres during applies and removals`, () => {
    expect(verdict.requests.length).toBe(grantCount(plans));
    expect(world?.postgres.restarts).toBe(4);
    expect(faults.log.filter((line) => line.includes('FAILED'))).toEqual([]);
  });
  itKeepsTheGrantPromises(() => verdict);
});
