import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import { InvalidInput, NotFound } from '../../errors/domain-errors.js';
import { knownWorkspaces, resolveWorkspace, type WorkspaceRef } from './resolve-workspace.js';

export interface FoundJob {
  workspace_id: string;
  job_id: string;
  name: string | null;
}

const CANDIDATES_SHOWN = 10;

/**
 * A job named by a person: its id, its exact name (any case), else the one name containing the
 * text; within one workspace when `workspaceText` is given. Job ids are unique only within a
 * workspace, so an id (or name) found in several workspaces is refused with each candidate and
 * the exact command that shows it, never a bare "give the job id".
 */
export async function findJob(db: Db, text: string, workspaceText?: string): Promise<FoundJob> {
  const workspace = workspaceText === undefined ? undefined : await resolveWorkspace(db, workspaceText);
  const jobs = (await knownJobs(db)).filter((job) => !workspace || job.workspace_id === workspace.id);
  const wanted = text.toLowerCase();
  const byId = jobs.filter((job) => job.job_id === text);
  const exact = jobs.filter((job) => job.name?.toLowerCase() === wanted);
  const partial = jobs.filter((job) => job.name?.toLowerCase().includes(wanted));
  const found = [byId, exact, partial].find((list) => list.length > 0) ?? [];
  if (found.length === 1) return found[0]!;
  if (found.length > 1) throw new InvalidInput(await severalJobs(db, text, found));
  const where = workspace ? ` in ${workspace.name}` : '';
  throw new NotFound(`I know no job "${text}"${where}. Give its id or name, e.g. \`cost job nightly_etl\`.`);
}

/** Every job with a collected name or with run costs, once per (workspace, job id). */
async function knownJobs(db: Db): Promise<FoundJob[]> {
  const named = await db
    .selectFrom('collected_jobs')
    .select(['workspace_id', 'job_id', 'name'])
    .distinctOn(['workspace_id', 'job_id'])
    .orderBy('workspace_id')
    .orderBy('job_id')
    .orderBy('change_time', 'desc')
    .execute();
  const withCosts = await db
    .selectFrom('cost_job_run_days')
    .select(['workspace_id', 'job_id', sql<null>`null`.as('name')])
    .distinct()
    .where('job_id', '!=', '')
    .execute();
  const byKey = new Map<string, FoundJob>();
  for (const job of [...withCosts, ...named]) byKey.set(`${job.workspace_id}/${job.job_id}`, job);
  return [...byKey.values()];
}

async function severalJobs(db: Db, text: string, found: FoundJob[]): Promise<string> {
  const workspaces = await knownWorkspaces(db);
  const nameOf = new Map(workspaces.map((w) => [w.id, w.name]));
  const sameName = (w: WorkspaceRef) =>
    workspaces.filter((o) => o.name.toLowerCase() === w.name.toLowerCase());
  const lines = found.slice(0, CANDIDATES_SHOWN).map((job) => {
    const name = nameOf.get(job.workspace_id);
    // The workspace by name when that name is unambiguous, else by id.
    const ref =
      name !== undefined && sameName({ id: job.workspace_id, name }).length === 1 && !/\s/.test(name)
        ? name
        : job.workspace_id;
    const label = job.name ? `${job.name} (${job.job_id})` : `job ${job.job_id}`;
    return `• ${label} in ${name ?? `workspace ${job.workspace_id}`}: \`cost job ${job.job_id} workspace:${ref}\``;
  });
  const more = found.length > CANDIDATES_SHOWN ? [`…and ${found.length - CANDIDATES_SHOWN} more.`] : [];
  const inWorkspaces = new Set(found.map((job) => job.workspace_id)).size;
  const what =
    inWorkspaces > 1 && found.every((job) => job.job_id === found[0]!.job_id)
      ? `Job ${text} exists in ${inWorkspaces} workspaces`
      : `"${text}" matches ${found.length} jobs`;
  return [`${what}. Which one?`, ...lines, ...more].join('\n');
}
