import { formatDuration } from '../../access/duration.js';
import { userText, type ChatMessage } from '../../messages/chat-message.js';
import { basisLabel } from '../contract-discount.js';
import { formatAmount, moneyIn } from '../money.js';
import { median } from '../robust-stats.js';
import type { JobRunCosts } from './job-run-costs.js';
import { utcTime } from './period-text.js';

/** The answer to `cost job <id or name>`. */
export function jobRunCostsMessage(result: JobRunCosts): ChatMessage {
  const { job, runs } = result;
  const name = job.name ? `${userText(job.name)} (${job.jobId})` : job.jobId;
  const currency = runs[0]?.currency ?? 'USD';
  const middle = median(runs.map((r) => r.amount));
  const money = moneyIn([...runs.map((r) => r.amount), middle], currency);
  const lines = runs.map((run) => {
    const took = formatDuration((run.endedAt.getTime() - run.startedAt.getTime()) / 1000);
    const state = run.resultState ?? 'running or not reported';
    const amount = run.currency === currency ? money(run.amount) : formatAmount(run.amount, run.currency);
    return `Run \`${run.runId}\` · ${utcTime(run.startedAt)} · ${took} · ${state} — ${amount}${run.provisional ? ' (provisional)' : ''}`;
  });
  return {
    kind: 'cost.job_runs',
    title: `Cost of the last ${runs.length} run${runs.length === 1 ? '' : 's'} of job ${name}`,
    body: lines.length > 0 ? lines : ['No run of this job has usage in the collected billing data yet.'],
    fields:
      runs.length > 0
        ? [
            { label: 'Median run', value: money(middle) },
            { label: 'Workspace', value: job.workspaceName },
          ]
        : [],
    context: [
      `${basisLabel(result.basis)}; usage joined to runs by usage_metadata.job_run_id. Runs that ended in the last 24 hours are provisional.`,
    ],
  };
}
