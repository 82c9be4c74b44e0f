import type { JobDefinition } from './job-definition.js';

/**
 * Every job the runner knows: queue names and payload schemas live in each job's file,
 * and this list is the one place that registers them.
 */
export const JOB_CATALOG: readonly JobDefinition<never>[] = [];
