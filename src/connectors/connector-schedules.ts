/**
 * How the connector domain starts and stops a region's collection schedule. The collectors
 * implement it (a repeatable job per region); until they are wired, nothing is scheduled.
 * Both calls must be idempotent: scheduling twice keeps one schedule, unscheduling an unknown
 * region does nothing.
 */
export interface ConnectorScheduleHooks {
  /** Collect region `regionId` every `everySeconds` (replaces an earlier schedule of the region). */
  scheduleRegion(regionId: string, everySeconds: number): Promise<void>;
  /** Stop collecting region `regionId` (it was deleted, or a remote collector now sends its data). */
  unscheduleRegion(regionId: string): Promise<void>;
}

export const noConnectorSchedules: ConnectorScheduleHooks = {
  scheduleRegion: async () => undefined,
  unscheduleRegion: async () => undefined,
};
