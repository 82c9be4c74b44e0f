import type { ConnectorScheduleHooks } from '../connectors/connector-schedules.js';

/** Each region's recurring collection (BullMQ job schedulers, see jobs/collect-job-scheduler.ts). */
export interface RegionSchedules extends ConnectorScheduleHooks {
  /** Ids of the regions that have a schedule. */
  scheduledRegions(): Promise<string[]>;
  /** Queues a run now; while one is already queued, asking again changes nothing. */
  runNow(regionId: string): Promise<void>;
}
