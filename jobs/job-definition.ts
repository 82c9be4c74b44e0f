import type { Job, JobsOptions } from 'bullmq';
import type { z } from 'zod';
import type { Logger } from '../src/logging/logger.js';
import type { JobDeps } from './job-deps.js';

export interface JobContext {
  deps: JobDeps;
  job: Job;
  /** The worker's lock token for this job (needed to move it to delayed). */
  token: string | undefined;
  log: Logger;
}

/** How often a scheduled job runs: a fixed interval or a cron pattern. */
export type JobSchedule = { everyMs: number } | { cron: string };

/**
 * One kind of job: its queue, the payload it accepts, how it retries, and what it does.
 * One file per job under jobs/, registered in jobs/job-catalog.ts.
 */
export interface JobDefinition<Payload = unknown> {
  queue: string;
  payload: z.ZodType<Payload>;
  options?: JobsOptions;
  concurrency?: number;
  /** A recurring run; `runOnStart` also runs it once whenever a worker starts. */
  schedule?: { every: JobSchedule; payload: Payload; runOnStart?: boolean };
  handle(payload: Payload, context: JobContext): Promise<unknown>;
}

export function defineJob<Payload>(definition: JobDefinition<Payload>): JobDefinition<Payload> {
  return definition;
}

/** Retries with exponential backoff unless a job says otherwise; old jobs are pruned. */
export const DEFAULT_JOB_OPTIONS: JobsOptions = {
  attempts: 6,
  backoff: { type: 'exponential', delay: 1_000 },
  removeOnComplete: { age: 24 * 3600, count: 5_000 },
  removeOnFail: { age: 14 * 24 * 3600 },
};
