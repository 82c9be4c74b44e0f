import { randomUUID } from 'node:crypto';
import { Queue, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import { DEFAULT_JOB_OPTIONS, type JobDefinition } from './job-definition.js';

export interface EnqueueOptions {
  /** Deterministic id: a job enqueued twice with the same id runs once. */
  jobId?: string;
  delayMs?: number;
  /**
   * With `jobId`: when a job with that id already finished (completed, or failed for good: e.g.
   * stalled by worker crashes), run it again rather than treat the add as a duplicate.
   */
  rerunFinished?: boolean;
  /**
   * With `jobId`: when the job with that id is running right now (it may have looked already),
   * add this one under an id of its own so it runs after all.
   */
  anotherWhileRunning?: boolean;
}

/** The producer side of every queue, sharing one Redis connection. */
export class JobQueues {
  private readonly queues = new Map<string, Queue>();

  constructor(
    /** Shared with whoever needs plain Redis commands next to the queues. */
    readonly connection: Redis,
    private readonly prefix: string,
    /** Applied over every job's own options (tests shorten backoff delays with it). */
    private readonly overrides: JobsOptions = {},
  ) {}

  queueFor(definition: Pick<JobDefinition, 'queue' | 'options'>): Queue {
    let queue = this.queues.get(definition.queue);
    if (queue === undefined) {
      queue = new Queue(definition.queue, {
        connection: this.connection,
        prefix: this.prefix,
        defaultJobOptions: { ...DEFAULT_JOB_OPTIONS, ...definition.options, ...this.overrides },
      });
      this.queues.set(definition.queue, queue);
    }
    return queue;
  }

  async enqueue<Payload>(
    definition: JobDefinition<Payload>,
    payload: Payload,
    options: EnqueueOptions = {},
  ): Promise<void> {
    const data = definition.payload.parse(payload);
    const queue = this.queueFor(definition);
    let jobId = options.jobId === undefined ? undefined : safeJobId(options.jobId);
    if (jobId !== undefined && (options.rerunFinished || options.anotherWhileRunning)) {
      const existing = await queue.getJob(jobId);
      const state = await existing?.getState();
      if (options.rerunFinished && (state === 'completed' || state === 'failed')) await existing!.remove();
      if (options.anotherWhileRunning && state === 'active') jobId = `${jobId}-${randomUUID()}`;
    }
    await queue.add(definition.queue, data, {
      ...(jobId === undefined ? {} : { jobId }),
      ...(options.delayMs === undefined ? {} : { delay: Math.max(0, options.delayMs) }),
    });
  }

  /** Removes a job that has not run yet (e.g. a delayed expiry that was rescheduled). */
  async remove(definition: Pick<JobDefinition, 'queue'>, jobId: string): Promise<void> {
    await this.queueFor(definition).remove(safeJobId(jobId));
  }

  /** Whether any queue opened here has a job waiting or running (delayed ones do not count). */
  async busy(): Promise<boolean> {
    const counts = await Promise.all(
      [...this.queues.values()].map((queue) => queue.getJobCounts('wait', 'active', 'prioritized')),
    );
    return counts.some((c) => (c.wait ?? 0) + (c.active ?? 0) + (c.prioritized ?? 0) > 0);
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
    this.queues.clear();
  }
}

/** BullMQ reserves ":" in custom job ids. */
export function safeJobId(jobId: string): string {
  return jobId.replace(/:/g, '_');
}
