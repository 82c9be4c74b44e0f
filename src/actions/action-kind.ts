import { NotFound } from '../errors/domain-errors.js';
import { DatabricksApiError } from '../ports/databricks-account.js';
import type { WorkspaceApi } from '../ports/databricks-workspace.js';
import type { AccessDeps } from '../access/access-deps.js';

export const ACTION_KIND_NAMES = [
  'terminate-cluster',
  'start-cluster',
  'stop-warehouse',
  'pause-job-schedule',
  'resume-job-schedule',
  'cancel-run',
  'add-guardrails',
  'remove-guardrails',
  'remove-group-member',
] as const;

export type ActionKindName = (typeof ACTION_KIND_NAMES)[number];

/** A resource as Databricks reports it now, in the words a card shows. */
export interface ObservedResource {
  /** What people call it: the cluster's name, the job's name, the endpoint's name. */
  label: string;
  /** The state the action changes: `RUNNING`, `UNPAUSED`, `guardrails off`… */
  state: string;
  /** One line: the live state and what matters about it. */
  summary: string;
  /** For auto-approve rules: seconds since the cluster's last activity. */
  idleSeconds?: number;
  /** The target's id as stored, when it differs from what was typed (a group's name for its key). */
  targetId?: string;
  /** The resource as read (for the call that changes it), not shown. */
  raw: Record<string, unknown>;
}

/**
 * One remediation action: how to read the resource, whether it is already as the action would
 * leave it, what will change, the call, and how to tell from a second read that the change took
 * effect. `Api` is what it reads and changes through.
 */
export interface ActionKindContract<Api> {
  name: ActionKindName;
  /** `Terminate cluster`. */
  title: string;
  /** `cluster`, `SQL warehouse`, `job`, `job run`, `serving endpoint`. */
  resource: string;
  /** The action that undoes this one, where the API allows. */
  undo?: ActionKindName;
  observe(api: Api, targetId: string, now: Date): Promise<ObservedResource>;
  /** Why nothing needs doing (already in the target state), or undefined. */
  alreadyDone(observed: ObservedResource): string | undefined;
  /** What the call will change, one line each. */
  change(observed: ObservedResource): string[];
  /** Sends the change (idempotent on Databricks' side, or refused as such). */
  execute(api: Api, targetId: string, observed: ObservedResource): Promise<void>;
  /** Read back: done, still settling (TERMINATING, STOPPING…), or not done. */
  verify(observed: ObservedResource): 'done' | 'settling' | 'not done';
}

/** An action on one workspace, over its REST API with the connector's service principal. */
export interface ActionKind extends ActionKindContract<WorkspaceApi> {
  scope?: 'workspace';
}

/**
 * An action on the Databricks account (its groups), through the access engine: its SCIM client,
 * its policy (which groups the bot manages) and its membership records. No connector involved.
 */
export interface AccountActionKind extends ActionKindContract<AccessDeps> {
  scope: 'account';
}

export type AnyActionKind = ActionKind | AccountActionKind;

export const isAccountKind = (kind: AnyActionKind): kind is AccountActionKind => kind.scope === 'account';

/** What an account action stores where a workspace action stores its workspace. */
export const ACCOUNT_SCOPE = { url: 'databricks-account', name: 'the Databricks account' } as const;

/** The resource does not exist (any more): Databricks' 404, or Jobs' and Clusters' legacy 400. */
export function isResourceGone(error: unknown): boolean {
  return (
    error instanceof DatabricksApiError &&
    (error.status === 404 ||
      error.errorCode === 'RESOURCE_DOES_NOT_EXIST' ||
      (error.status === 400 &&
        error.errorCode === 'INVALID_PARAMETER_VALUE' &&
        /does not exist/i.test(error.message)))
  );
}

/** Reads a resource; a resource that does not exist is a NotFound the person can read. */
export async function readResource(
  api: WorkspaceApi,
  path: string,
  what: string,
): Promise<Record<string, unknown>> {
  try {
    return await api.rest('GET', path);
  } catch (error) {
    if (isResourceGone(error)) throw new NotFound(`${what} does not exist (any more) in that workspace.`);
    throw error;
  }
}

export const text = (value: unknown, fallback = 'unknown'): string =>
  typeof value === 'string' && value !== '' ? value : typeof value === 'number' ? String(value) : fallback;

/** `3h 10m`, `45m`. */
export function durationText(seconds: number): string {
  const minutes = Math.floor(seconds / 60);
  const hours = Math.floor(minutes / 60);
  if (hours === 0) return `${minutes}m`;
  return minutes % 60 === 0 ? `${hours}h` : `${hours}h ${minutes % 60}m`;
}
