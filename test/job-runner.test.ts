import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Redis } from 'ioredis';
import { defineJob, type JobDefinition } from '../jobs/job-definition.js';
import type { JobDeps } from '../jobs/job-deps.js';
import { JobQueues } from '../jobs/job-queues.js';
import { WorkerPool } from '../jobs/worker-pool.js';
import { createRedisConnection } from '../src/adapters/redis/redis-connection.js';
import { createMetrics } from '../src/metrics/metrics.js';
import { captureLogger } from './support/capture-logger.js';
import { createTestRedisPrefix, TEST_REDIS_URL } from './support/test-redis.js';

const redisPrefix = createTestRedisPrefix('jobs');
let redis: Redis;
let queues: JobQueues;
let pool: WorkerPool | undefined;

beforeAll(() => {
  redis = createRedisConnection(TEST_REDIS_URL, 'job-runner-test');
  queues = new JobQueues(redis, redisPrefix.prefix);
});
afterEach(async () => {
  await pool?.close(2_000);
  pool = undefined;
});
afterAll(async () => {
  await queues.close();
  redis.disconnect();
  await redisPrefix.clear();
});

async function run(definitions: JobDefinition<never>[]) {
  const logs = captureLogger();
  const metrics = createMetrics({ defaultMetrics: false });
  pool = await WorkerPool.start({
    definitions,
    redisUrl: TEST_REDIS_URL,
    prefix: redisPrefix.prefix,
    deps: {} as JobDeps,
    queues,
    log: logs.log,
    metrics,
  });
  return { logs, metrics };
}

function settled<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('the job runner on real Redis', () => {
  it('retries a failing job with exponential backoff until it succeeds', async () => {
    const attempts: number[] = [];
    const done = settled<void>();
    const flaky = defineJob({
      queue: 'test-flaky',
      payload: z.object({ n: z.number() }),
      options: { attempts: 4, backoff: { type: 'exponential', delay: 20 } },
      handle: async (_payload, { job }) => {
        attempts.push(Date.now());
        if (job.attemptsMade < 2) throw new Error('transient');
        done.resolve();
      },
    });
    const { metrics } = await run([flaky as JobDefinition<never>]);
    await queues.enqueue(flaky, { n: 1 });
    await done.promise;
    expect(attempts).toHaveLength(3);
    const failed = await metrics.jobsFailed.get();
    expect(failed.values.find((v) => v.labels.final === 'false')?.value).toBe(2);
  });

  it('gives every job exponential backoff retries unless it says otherwise', async () => {
    const plain = defineJob({ queue: 'test-defaults', payload: z.object({}), handle: async () => undefined });
    await queues.enqueue(plain, {}, { jobId: 'defaults-1' });
    const job = await queues.queueFor(plain).getJob('defaults-1');
    expect(job?.opts.attempts).toBeGreaterThan(1);
    expect(job?.opts.backoff).toMatchObject({ type: 'exponential' });
  });

  it('logs a dead job with its id and reason when retries run out', async () => {
    const broken = defineJob({
      queue: 'test-broken',
      payload: z.object({}),
      options: { attempts: 2, backoff: { type: 'fixed', delay: 10 } },
      handle: async () => {
        throw new Error('warehouse unreachable');
      },
    });
    const { logs } = await run([broken as JobDefinition<never>]);
    await queues.enqueue(broken, {}, { jobId: 'broken-1' });
    await expect
      .poll(() => logs.lines().find((line) => line.msg === 'dead job: no retries left'))
      .toMatchObject({
        jobId: 'broken-1',
        reason: 'warehouse unreachable',
        queue: 'test-broken',
      });
  });

  it('runs a job enqueued twice with the same id once', async () => {
    let runs = 0;
    const done = settled<void>();
    const once = defineJob({
      queue: 'test-once',
      payload: z.object({ id: z.string() }),
      handle: async () => {
        runs += 1;
        done.resolve();
      },
    });
    await queues.enqueue(once, { id: 'a' }, { jobId: 'grant:42' });
    await queues.enqueue(once, { id: 'a' }, { jobId: 'grant:42' });
    await run([once as JobDefinition<never>]);
    await done.promise;
    await expect.poll(async () => (await queues.queueFor(once).getJobCounts('completed')).completed).toBe(1);
    expect(runs).toBe(1);
  });

  it('fails a job with an invalid payload at once, without retries', async () => {
    let runs = 0;
    const strict = defineJob({
      queue: 'test-strict',
      payload: z.object({ grantId: z.string() }),
      handle: async () => {
        runs += 1;
      },
    });
    const { logs } = await run([strict as JobDefinition<never>]);
    await queues.queueFor(strict).add('test-strict', { grantId: 7 });
    await expect.poll(() => logs.lines().some((line) => line.msg === 'dead job: no retries left')).toBe(true);
    expect(runs).toBe(0);
  });
});
