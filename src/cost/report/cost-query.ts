import { InvalidInput } from '../../errors/domain-errors.js';
import { dimensionWords, parseDimension, type CostDimension } from '../cost-dimensions.js';
import { DEFAULT_PERIOD, parsePeriod, PERIOD_HELP, type ReportPeriod } from './report-period.js';

/** `cost [period] [by dimension] [workspace:<name|id>]`. */
export interface CostBreakdownQuery {
  kind: 'breakdown';
  period: ReportPeriod;
  dimension: CostDimension;
  /** Only this workspace (name or id, as typed). */
  workspace: string | undefined;
}

/** `cost job <id or name> [workspace:<name or id>]`: the job's last runs with their cost. */
export interface JobRunsQuery {
  kind: 'job_runs';
  job: string;
  /** The job's workspace (name or id, as typed): job ids are unique only within a workspace. */
  workspace: string | undefined;
}

export type CostQuery = CostBreakdownQuery | JobRunsQuery;

export function costUsage(rollupTags: readonly string[]): string {
  return [
    'Usage: `cost [period] [by <dimension>] [workspace:<name or id>]`, e.g. `cost 7d by workspace`, `cost mtd by tag:team`, `cost 30d by job workspace:prod`; or `cost job <job id or name> [workspace:<name or id>]`.',
    `Periods: ${PERIOD_HELP}.`,
    `Dimensions: ${dimensionWords(rollupTags).join(', ')}.`,
  ].join('\n');
}

/** Parses the words after `cost`; anything not understood is refused with what is valid. */
export function parseCostQuery(
  words: readonly string[],
  rollupTags: readonly string[],
  now: Date,
): CostQuery {
  const refuse = (why: string): never => {
    throw new InvalidInput(`${why}\n${costUsage(rollupTags)}`);
  };
  if (words[0]?.toLowerCase() === 'job') {
    const isWorkspace = (word: string) =>
      word.toLowerCase().startsWith('workspace:') && word.length > 'workspace:'.length;
    const filters = words.slice(1).filter(isWorkspace);
    if (filters.length > 1) refuse('Give one workspace:<…> for a job.');
    const job = words
      .slice(1)
      .filter((word) => !isWorkspace(word))
      .join(' ')
      .trim();
    if (job === '') refuse('Which job? Give its id or name.');
    return { kind: 'job_runs', job, workspace: filters[0]?.slice('workspace:'.length) };
  }
  let period: ReportPeriod | undefined;
  let dimension: CostDimension | undefined;
  let workspace: string | undefined;
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const lower = word.toLowerCase();
    if (lower === 'by') {
      const next = words[++i];
      if (next === undefined) refuse('"by" needs a dimension.');
      dimension = parseDimension(next!, rollupTags) ?? refuse(`"${next}" is not a dimension.`);
      continue;
    }
    if (lower.startsWith('workspace:') && word.length > 'workspace:'.length) {
      workspace = word.slice('workspace:'.length);
      continue;
    }
    const asPeriod = parsePeriod(word, now);
    if (asPeriod && !period) {
      period = asPeriod;
      continue;
    }
    refuse(
      /^\d+[a-z]+$/i.test(word) || asPeriod
        ? `"${word}" is not a period I can use.`
        : `"${word}" is not a period, "by <dimension>" or a workspace:<…> filter.`,
    );
  }
  return {
    kind: 'breakdown',
    period: period ?? parsePeriod(DEFAULT_PERIOD, now)!,
    dimension: dimension ?? 'workspace',
    workspace,
  };
}
