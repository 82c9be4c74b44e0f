import type { Services } from '../src/services.js';

/** What a job handler may use: the same services the chat front ends call. */
export type JobDeps = Services;
