import { UnrecoverableError, Worker, type Job } from 'bullmq';
import { ZodError } from 'zod';
import { createRedisConnection } from '../src/adapters/redis/redis-connection.js';
import type { Logger } from '../src/logging/logger.js';
import type { Metrics } from '../src/metrics/metrics.js';
import type { JobDefinition } from './job-definition.js';
import type { JobDeps } from './job-deps.js';
import type { JobQueues } from './job-queues.js';

export interface WorkerPoolOptions {
  definitions: readonly JobDefinition<never>[];
  redisUrl: string;
  prefix: string;
  deps: JobDeps;
  queues: JobQueues;
  log: Logger;
  metrics: Metrics;
}

/** The consumer side: one BullMQ worker per job definition, plus the recurring schedules. */
export class WorkerPool {
  private constructor(
    readonly workers: Worker[],
    private readonly log: Logger,
    private readonly scheduleKeeper: NodeJS.Timeout,
  ) {}

  static async start(options: WorkerPoolOptions): Promise<WorkerPool> {
    const workers = options.definitions.map((definition) =>
      startWorker(definition as JobDefinition, options),
    );
    const scheduled = (options.definitions as readonly JobDefinition[]).filter(
      (d) => d.schedule !== undefined,
    );
    await registerSchedules(scheduled, options);
    for (const definition of scheduled) {
      // e.g. the access sweeper: after a restart, overdue grants are revoked at once.
      if (definition.schedule!.runOnStart)
        await options.queues.enqueue(definition, definition.schedule!.payload);
    }
    // Schedules live in Redis: a marker key says they are registered; when Redis comes back
    // empty (flushed, replaced) the marker is gone and they are registered again within seconds.
    const marker = `${options.prefix}:schedules-registered`;
    await options.queues.connection.set(marker, new Date().toISOString());
    const scheduleKeeper = setInterval(() => {
      ensureSchedules(scheduled, options, marker).catch((error: unknown) =>
        options.log.warn({ err: error }, 'could not re-register job schedules'),
      );
    }, SCHEDULE_CHECK_MS);
    scheduleKeeper.unref();
    await Promise.all(workers.map((worker) => worker.waitUntilReady()));
    options.log.info({ queues: options.definitions.map((d) => d.queue) }, 'workers started');
    return new WorkerPool(workers, options.log, scheduleKeeper);
  }

  /** Stops taking jobs and lets running ones finish, for at most `timeoutMs`; then forces. */
  async close(timeoutMs: number): Promise<void> {
    clearInterval(this.scheduleKeeper);
    const graceful = Promise.all(this.workers.map((worker) => worker.close()));
    const finished = await Promise.race([
      graceful.then(() => true),
      new Promise<false>((resolve) => setTimeout(() => resolve(false), timeoutMs).unref()),
    ]);
    if (!finished) {
      this.log.warn({ timeoutMs }, 'jobs still running at shutdown; closing workers forcibly');
      await Promise.all(this.workers.map((worker) => worker.close(true)));
    }
    // Each worker was handed its own connection, which BullMQ leaves for us to close.
    for (const worker of this.workers) (await worker.client).disconnect();
  }
}

const SCHEDULE_CHECK_MS = 3_000;

async function ensureSchedules(definitions: JobDefinition[], options: WorkerPoolOptions, marker: string) {
  if ((await options.queues.connection.exists(marker)) === 1) return;
  await registerSchedules(definitions, options);
  await options.queues.connection.set(marker, new Date().toISOString());
  options.log.warn('job schedules were missing from Redis (flushed or replaced); registered again');
}

/** Upserts every recurring schedule (idempotent: the same id and interval change nothing). */
async function registerSchedules(definitions: JobDefinition[], options: WorkerPoolOptions): Promise<void> {
  for (const definition of definitions) {
    const { every, payload } = definition.schedule!;
    await options.queues
      .queueFor(definition)
      .upsertJobScheduler(
        `${definition.queue}-schedule`,
        'everyMs' in every ? { every: every.everyMs } : { pattern: every.cron },
        { name: definition.queue, data: payload },
      );
  }
}

function startWorker(definition: JobDefinition, options: WorkerPoolOptions): Worker {
  const { log, metrics, deps } = options;
  const worker = new Worker(
    definition.queue,
    async (job: Job, token?: string) => {
      const started = performance.now();
      const jobLog = log.child({ queue: definition.queue, jobId: job.id, attempt: job.attemptsMade + 1 });
      try {
        const payload = parsePayload(definition, job.data);
        const result = await definition.handle(payload, { deps, job, token, log: jobLog });
        metrics.jobDuration.observe({ queue: definition.queue, outcome: 'completed' }, seconds(started));
        return result;
      } catch (error) {
        metrics.jobDuration.observe({ queue: definition.queue, outcome: 'failed' }, seconds(started));
        throw error;
      }
    },
    {
      connection: createRedisConnection(options.redisUrl, `worker:${definition.queue}`),
      prefix: options.prefix,
      concurrency: definition.concurrency ?? 1,
      // Jobs are idempotent: one whose worker was killed is run again, even after several kills,
      // and soon: its lock lapses after 15 s (renewed every 7.5 s while it runs) and stalled jobs
      // are looked for every 5 s.
      maxStalledCount: 5,
      lockDuration: 15_000,
      stalledInterval: 5_000,
    },
  );
  worker.on('completed', () => metrics.jobsCompleted.inc({ queue: definition.queue }));
  worker.on('failed', (job, error) => {
    const attempts = job?.opts.attempts ?? 1;
    const final = error instanceof UnrecoverableError || (job?.attemptsMade ?? attempts) >= attempts;
    metrics.jobsFailed.inc({ queue: definition.queue, final: String(final) });
    const fields = {
      queue: definition.queue,
      jobId: job?.id,
      attemptsMade: job?.attemptsMade,
      reason: error.message,
    };
    if (final) log.error(fields, 'dead job: no retries left');
    else log.warn(fields, 'job failed; will retry with backoff');
  });
  worker.on('error', (error) => log.error({ queue: definition.queue, err: error }, 'worker error'));
  return worker;
}

function parsePayload(definition: JobDefinition, data: unknown): unknown {
  try {
    return definition.payload.parse(data);
  } catch (error) {
    if (error instanceof ZodError) {
      throw new UnrecoverableError(`invalid payload for ${definition.queue}: ${error.message}`);
    }
    throw error;
  }
}

const seconds = (startedMs: number) => (performance.now() - startedMs) / 1000;
