import { randomUUID } from 'node:crypto';
import { QueueEvents } from 'bullmq';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { collectJobScheduler } from '../jobs/collect-job-scheduler.js';
import { collectRegionJob } from '../jobs/collect-region-job.js';
import type { JobDefinition } from '../jobs/job-definition.js';
import type { JobDeps } from '../jobs/job-deps.js';
import { JobQueues } from '../jobs/job-queues.js';
import { WorkerPool } from '../jobs/worker-pool.js';
import { createRedisConnection } from '../src/adapters/redis/redis-connection.js';
import { collectRegion } from '../src/collectors/collect-region.js';
import type { RegionSchedules } from '../src/collectors/region-schedules.js';
import { syncRegionSchedules } from '../src/collectors/sync-region-schedules.js';
import { createMetrics } from '../src/metrics/metrics.js';
import { captureLogger } from './support/capture-logger.js';
import { startCollectorFixture, type CollectorFixture } from './support/collector-fixture.js';
import { createTestRedisPrefix, TEST_REDIS_URL } from './support/test-redis.js';

const redisPrefix = createTestRedisPrefix('collect');
let redis: Redis;
let queues: JobQueues;
let schedules: RegionSchedules;
let fixture: CollectorFixture;

beforeAll(async () => {
  fixture = await startCollectorFixture({ seed: { days: 2, workspaces: 1 } });
  redis = createRedisConnection(TEST_REDIS_URL, 'collect-jobs-test');
  queues = new JobQueues(redis, redisPrefix.prefix);
  schedules = collectJobScheduler(queues);
  fixture.deps.schedules = schedules;
});

afterAll(async () => {
  await queues?.close();
  redis?.disconnect();
  await redisPrefix.clear();
  await fixture?.stop();
});

test('scheduling a region starts a repeatable collection job that collects it', async () => {
  const events = new QueueEvents(collectRegionJob.queue, {
    connection: { url: TEST_REDIS_URL },
    prefix: redisPrefix.prefix,
  });
  await events.waitUntilReady();
  const completed = new Promise<unknown>((resolve) =>
    events.once('completed', ({ returnvalue }) => resolve(returnvalue)),
  );
  const pool = await WorkerPool.start({
    definitions: [collectRegionJob] as JobDefinition<never>[],
    redisUrl: TEST_REDIS_URL,
    prefix: redisPrefix.prefix,
    deps: { db: fixture.db, collectors: fixture.deps } as unknown as JobDeps,
    queues,
    log: captureLogger('warn').log,
    metrics: createMetrics({ defaultMetrics: false }),
  });
  try {
    await schedules.scheduleRegion(fixture.regionId, 900);

    expect(await bounded(completed, 20_000)).toMatchObject({ status: 'succeeded', health: 'ok' });
    expect(await schedules.scheduledRegions()).toEqual([fixture.regionId]);
    const queue = queues.queueFor(collectRegionJob);
    const [scheduler] = await queue.getJobSchedulers();
    expect(scheduler).toMatchObject({ key: `collect-region-${fixture.regionId}`, every: 900_000 });
    const runs = await fixture.db.selectFrom('collector_runs').selectAll().execute();
    expect(runs.map((r) => [r.trigger, r.status])).toEqual([['schedule', 'succeeded']]);

    // The next run waits a full interval; scheduling again (the sync job does it every few
    // minutes) keeps that one job instead of adding a run.
    const next = await queue.getJobs(['delayed']);
    await schedules.scheduleRegion(fixture.regionId, 900);
    expect((await queue.getJobs(['delayed', 'waiting'])).map((j) => j.id)).toEqual(next.map((j) => j.id));
    expect(next).toHaveLength(1);

    await schedules.unscheduleRegion(fixture.regionId);
    expect(await schedules.scheduledRegions()).toEqual([]);
  } finally {
    await pool.close(5_000);
    await events.close();
  }
});

test('an immediate run asked for twice while it waits is queued once', async () => {
  const queue = queues.queueFor(collectRegionJob);
  await queue.obliterate({ force: true });
  await schedules.runNow(fixture.regionId);
  await schedules.runNow(fixture.regionId);

  const jobs = await queue.getJobs(['waiting', 'active', 'delayed']);
  expect(jobs.map((job) => job.data)).toEqual([{ regionId: fixture.regionId, trigger: 'manual' }]);
  await queue.obliterate({ force: true });
});

test('two runs of one region at the same time: one collects, the other is skipped', async () => {
  fixture.clock.advance(15 * 60_000);
  const results = await Promise.all([
    collectRegion(fixture.deps, fixture.regionId),
    collectRegion(fixture.deps, fixture.regionId, { trigger: 'manual' }),
  ]);

  expect(results.map((r) => r.status).sort()).toEqual(['skipped', 'succeeded']);
  expect(results.find((r) => r.status === 'skipped')).toMatchObject({
    reason: 'a run of this region is already in progress',
  });
});

test('schedules are synced with the region connectors: direct regions only, strays removed', async () => {
  const remote = randomUUID();
  const connector = await fixture.db.selectFrom('connectors').select('id').executeTakeFirstOrThrow();
  await fixture.db
    .insertInto('region_connectors')
    .values({
      id: remote,
      connector_id: connector.id,
      region: 'eu-west-1',
      workspace_url: fixture.emulator.url,
      warehouse_id: null,
      mode: 'remote',
      remote_token_hash: 'hash',
      health_changed_at: null,
      last_ingested_at: null,
      created_at: fixture.clock.now(),
    })
    .execute();
  const stray = randomUUID();
  await schedules.scheduleRegion(stray, 900);

  expect(await syncRegionSchedules(fixture.db, schedules)).toEqual({ scheduled: 1, removed: 1 });
  expect(await schedules.scheduledRegions()).toEqual([fixture.regionId]);
  await schedules.unscheduleRegion(fixture.regionId);
  await queues.queueFor(collectRegionJob).obliterate({ force: true });
});

function bounded<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`nothing within ${ms} ms`)), ms).unref()),
  ]);
}
