import { Conflict } from '../../errors/domain-errors.js';
import { readResource, text, type ActionKind, type ObservedResource } from '../action-kind.js';

type PauseStatus = 'PAUSED' | 'UNPAUSED';

async function observeJob(
  api: Parameters<ActionKind['observe']>[0],
  jobId: string,
): Promise<ObservedResource> {
  if (!/^\d+$/.test(jobId)) throw new Conflict(`"${jobId.slice(0, 40)}" is not a job id (digits).`);
  const raw = await readResource(api, `/api/2.1/jobs/get?job_id=${jobId}`, `The job ${jobId}`);
  const settings = (raw.settings ?? {}) as Record<string, unknown>;
  const schedule = settings.schedule as Record<string, unknown> | undefined;
  const state = schedule ? text(schedule.pause_status, 'UNPAUSED') : 'NO SCHEDULE';
  const summary = schedule
    ? `schedule \`${text(schedule.quartz_cron_expression)}\` (${text(schedule.timezone_id)}) · ${state}`
    : 'no schedule (runs only when triggered)';
  return { label: text(settings.name, jobId), state, summary, raw };
}

/** `POST /api/2.1/jobs/update` with the job's own schedule and `pause_status` set. */
function scheduleKind(target: PauseStatus): ActionKind {
  const pausing = target === 'PAUSED';
  return {
    name: pausing ? 'pause-job-schedule' : 'resume-job-schedule',
    title: pausing ? "Pause job's schedule" : "Resume job's schedule",
    resource: 'job',
    undo: pausing ? 'resume-job-schedule' : 'pause-job-schedule',
    observe: (api, jobId) => observeJob(api, jobId),
    alreadyDone: (observed) =>
      observed.state === 'NO SCHEDULE'
        ? `The job ${observed.label} has no schedule to ${pausing ? 'pause' : 'resume'}.`
        : observed.state === target
          ? `The schedule of ${observed.label} is already ${pausing ? 'paused' : 'running (unpaused)'}.`
          : undefined,
    change: (observed) => [
      `Schedule ${observed.state} → ${target} (jobs/update, new_settings.schedule.pause_status).`,
      pausing
        ? 'Runs already going are not stopped; cancel them separately.'
        : 'The next scheduled run starts on time.',
    ],
    execute: async (api, jobId, observed) => {
      const schedule = ((observed.raw.settings ?? {}) as Record<string, unknown>).schedule as Record<
        string,
        unknown
      >;
      await api.rest('POST', '/api/2.1/jobs/update', {
        job_id: Number(jobId),
        new_settings: { schedule: { ...schedule, pause_status: target } },
      });
    },
    verify: (observed) => (observed.state === target ? 'done' : 'not done'),
  };
}

export const pauseJobSchedule = scheduleKind('PAUSED');
export const resumeJobSchedule = scheduleKind('UNPAUSED');
