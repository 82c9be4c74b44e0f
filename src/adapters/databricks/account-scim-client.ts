/**
 * The Databricks account SCIM API (`/api/2.0/accounts/{id}/scim/v2`) behind DatabricksAccountPort.
 * Reads are retried; membership PATCHes are also serialized and paced per client, because the
 * account allows only about 2 PATCH/s and answers 429 beyond that.
 */
import { z } from 'zod';
import {
  DatabricksApiError,
  type DatabricksAccountPort,
  type DatabricksGroup,
  type DatabricksUser,
  type GroupsPage,
  type ListedGroup,
  type ListedMember,
  type RequestPacer,
} from '../../ports/databricks-account.js';
import type { AccessTokenSource } from './account-token-provider.js';
import { PacedWriteQueue } from './paced-write-queue.js';
import { PendingMemberChanges, type TakenMembers } from './pending-member-changes.js';
import {
  DEFAULT_RETRY_OPTIONS,
  discardBody,
  isRetryableStatus,
  parseRetryAfter,
  sendWithRetry,
  type RetryOptions,
} from './retry-policy.js';
import type { WritePacer } from './shared-write-budget.js';

export interface AccountScimClientOptions {
  /** e.g. `https://accounts.cloud.databricks.com`, or a local fake in tests. */
  accountsHost: string;
  accountId: string;
  tokenProvider: AccessTokenSource;
  retry?: Partial<RetryOptions>;
  /** PATCH pace for this client; default 2, the reported account limit. */
  patchesPerSecond?: number;
  /** Paces PATCHes instead of this client's own pace (one budget shared by every replica). */
  writePacer?: WritePacer;
  /** Membership changes sent in one PATCH; default 100. */
  maxOperationsPerPatch?: number;
  /** Per HTTP request; default 30 s. */
  requestTimeoutMs?: number;
  /** Epoch milliseconds for PATCH pacing; default Date.now. */
  now?: () => number;
  /** Waits between paced PATCHes; tests may advance a manual clock instead of sleeping. */
  sleep?: (ms: number) => Promise<void>;
}

export const SCIM_PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

/**
 * No Databricks page documents a cap on operations per PATCH; 100 matches the SCIM list page
 * size Databricks documents and the cap other SCIM providers publish, and keeps bodies small.
 */
export const DEFAULT_MAX_OPERATIONS_PER_PATCH = 100;
export const DEFAULT_PATCHES_PER_SECOND = 2;

const scimUser = z.object({
  id: z.string(),
  userName: z.string(),
  displayName: z.string().optional(),
  active: z.boolean().optional(),
});
const scimMember = z.object({
  value: z.string(),
  display: z.string().optional(),
  $ref: z.string().optional(),
});
const scimGroup = z.object({
  id: z.string(),
  displayName: z.string(),
  members: z.array(scimMember).optional(),
});
const groupPage = z.object({
  totalResults: z.number().int().nonnegative().optional(),
  startIndex: z.number().int().optional(),
  Resources: z.array(scimGroup).optional(),
});
const listOf = <T extends z.ZodType>(item: T) => z.object({ Resources: z.array(item).optional() });
const userList = listOf(scimUser);
const groupList = listOf(scimGroup);

type MemberOperation =
  { op: 'add'; path: 'members'; value: { value: string }[] } | { op: 'remove'; path: string };

export class AccountScimClient implements DatabricksAccountPort {
  readonly #baseUrl: string;
  readonly #basePath: string;
  readonly #tokens: AccessTokenSource;
  readonly #retry: RetryOptions;
  readonly #writes: PacedWriteQueue;
  readonly #pacer: WritePacer;
  readonly #pending = new PendingMemberChanges();
  /** Keys with a PATCH queued or in flight. */
  readonly #scheduled = new Set<string>();
  readonly #maxOperations: number;
  readonly #timeoutMs: number;

  constructor(options: AccountScimClientOptions) {
    const patchesPerSecond = options.patchesPerSecond ?? DEFAULT_PATCHES_PER_SECOND;
    if (!(patchesPerSecond > 0) || !Number.isFinite(patchesPerSecond)) {
      throw new Error('AccountScimClient: patchesPerSecond must be a positive number');
    }
    const maxOperations = options.maxOperationsPerPatch ?? DEFAULT_MAX_OPERATIONS_PER_PATCH;
    if (!Number.isInteger(maxOperations) || maxOperations < 1) {
      throw new Error('AccountScimClient: maxOperationsPerPatch must be a positive integer');
    }
    this.#basePath = `/api/2.0/accounts/${encodeURIComponent(options.accountId)}/scim/v2`;
    this.#baseUrl = `${options.accountsHost.replace(/\/+$/, '')}${this.#basePath}`;
    this.#tokens = options.tokenProvider;
    this.#retry = { ...DEFAULT_RETRY_OPTIONS, ...options.retry };
    this.#writes = new PacedWriteQueue({
      minIntervalMs: Math.ceil(1000 / patchesPerSecond),
      ...(options.now ? { now: options.now } : {}),
      ...(options.sleep ? { sleep: options.sleep } : {}),
    });
    this.#pacer = options.writePacer ?? this.#writes;
    this.#maxOperations = maxOperations;
    this.#timeoutMs = options.requestTimeoutMs ?? 30_000;
  }

  async findUserByEmail(email: string): Promise<DatabricksUser | undefined> {
    const wanted = email.trim();
    if (wanted === '') return undefined;
    const list = await this.#getJson('/Users', `userName eq ${scimString(wanted)}`, userList);
    const lower = wanted.toLowerCase();
    const user = list.Resources?.find((candidate) => candidate.userName.toLowerCase() === lower);
    if (!user) return undefined;
    return {
      id: user.id,
      userName: user.userName,
      ...(user.displayName === undefined ? {} : { displayName: user.displayName }),
      // Databricks always sends `active`; a missing value is read as SCIM's usual default.
      active: user.active !== false,
    };
  }

  async getUser(userId: string): Promise<DatabricksUser | undefined> {
    try {
      const user = await this.#getJson(`/Users/${encodeURIComponent(userId)}`, undefined, scimUser);
      return {
        id: user.id,
        userName: user.userName,
        ...(user.displayName === undefined ? {} : { displayName: user.displayName }),
        active: user.active !== false,
      };
    } catch (error) {
      if (error instanceof DatabricksApiError && error.status === 404) return undefined;
      throw error;
    }
  }

  async findGroupByName(displayName: string): Promise<DatabricksGroup | undefined> {
    const wanted = displayName.trim();
    if (wanted === '') return undefined;
    const list = await this.#getJson('/Groups', `displayName eq ${scimString(wanted)}`, groupList);
    const groups = list.Resources ?? [];
    const lower = wanted.toLowerCase();
    const group =
      groups.find((candidate) => candidate.displayName === wanted) ??
      groups.find((candidate) => candidate.displayName.toLowerCase() === lower);
    if (!group) return undefined;
    // Account list responses no longer carry members (since 2025-08): read the group itself.
    if (group.members) return toGroup(group);
    try {
      return await this.getGroup(group.id);
    } catch (error) {
      if (error instanceof DatabricksApiError && error.status === 404) return undefined;
      throw error;
    }
  }

  async getGroup(groupId: string): Promise<DatabricksGroup> {
    return toGroup(await this.#getJson(`/Groups/${encodeURIComponent(groupId)}`, undefined, scimGroup));
  }

  /**
   * One page of groups with their direct members. `attributes=members` asks for them (account
   * listings leave members out by default); a group listed without the key is returned with
   * `members` undefined, so the caller can read it alone.
   */
  async listGroupsPage(
    page: { startIndex: number; count: number },
    pacer?: RequestPacer,
  ): Promise<GroupsPage> {
    const query = new URLSearchParams({
      startIndex: String(page.startIndex),
      count: String(page.count),
      attributes: 'id,displayName,members',
    });
    const body = await this.#getJson(`/Groups?${query.toString()}`, undefined, groupPage, pacer);
    const groups = (body.Resources ?? []).map(toListedGroup);
    return {
      totalResults: body.totalResults ?? groups.length,
      startIndex: body.startIndex ?? page.startIndex,
      groups,
    };
  }

  async getListedGroup(groupId: string, pacer?: RequestPacer): Promise<ListedGroup> {
    const group = await this.#getJson(`/Groups/${encodeURIComponent(groupId)}`, undefined, scimGroup, pacer);
    return { ...toListedGroup(group), members: toListedGroup(group).members ?? [] };
  }

  /**
   * Adds members. Adds to the same group asked for while earlier writes are still waiting for
   * their turn go out together, as one PATCH with many members.
   */
  addGroupMembers(groupId: string, userIds: string[]): Promise<void> {
    return this.#coalesce('add', groupId, userIds);
  }

  /** Removes members, coalesced like adds. */
  removeGroupMembers(groupId: string, userIds: string[]): Promise<void> {
    return this.#coalesce('remove', groupId, userIds);
  }

  #coalesce(kind: 'add' | 'remove', groupId: string, userIds: string[]): Promise<void> {
    if (userIds.length === 0) return Promise.resolve();
    const key = `${kind}\u0000${groupId}`;
    const done = this.#pending.join(key, userIds);
    if (!this.#scheduled.has(key)) {
      this.#scheduled.add(key);
      this.#scheduleWrite(kind, groupId, key);
    }
    return done;
  }

  /**
   * Queues one PATCH for `key` behind every earlier write of this client. Its members are taken
   * when its write slot has come, so whoever joined while it waited goes out with it; members
   * past one PATCH's cap, or joining while it is in flight, get the next turn (after the other
   * groups' turns).
   */
  #scheduleWrite(kind: 'add' | 'remove', groupId: string, key: string): void {
    void this.#writes.serialize(async () => {
      let taken: TakenMembers | undefined;
      try {
        await this.#sendPatch(groupId, () => {
          taken = this.#pending.take(key, this.#maxOperations);
          return kind === 'add' ? addOperations(taken.userIds) : removeOperations(taken.userIds);
        });
        taken?.written();
      } catch (error) {
        if (taken) taken.failed(error);
        else this.#pending.failAll(key, error);
      }
      if (this.#pending.waiting(key)) this.#scheduleWrite(kind, groupId, key);
      else this.#scheduled.delete(key);
    });
  }

  /** One PATCH, paced; its operations are made when its slot has come (and kept for retries). */
  async #sendPatch(groupId: string, operations: () => MemberOperation[]): Promise<void> {
    let body: string | undefined;
    const bodyNow = () => (body ??= JSON.stringify({ schemas: [SCIM_PATCH_OP], Operations: operations() }));
    const response = await this.#send('PATCH', `/Groups/${encodeURIComponent(groupId)}`, bodyNow);
    await discardBody(response);
  }

  async #getJson<T extends z.ZodType>(
    path: string,
    filter: string | undefined,
    schema: T,
    pacer?: RequestPacer,
  ): Promise<z.infer<T>> {
    const query = filter === undefined ? '' : `?filter=${encodeURIComponent(filter)}`;
    const response = await this.#send('GET', `${path}${query}`, undefined, pacer);
    const label = `GET ${this.#basePath}${path}`;
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      throw new DatabricksApiError(`${label}: response is not JSON`, response.status, false);
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue ? ` (${issue.path.join('.') || 'body'}: ${issue.message})` : '';
      throw new DatabricksApiError(`${label}: unexpected response shape${where}`, response.status, false);
    }
    return parsed.data;
  }

  /**
   * Sends with retries; a 401 drops the token and tries once more with a fresh one. Returns a
   * 2xx response, or throws DatabricksApiError describing the last answer.
   */
  async #send(
    method: 'GET' | 'PATCH',
    pathAndQuery: string,
    body?: () => string,
    readPacer?: RequestPacer,
  ): Promise<Response> {
    const label = `${method} ${this.#basePath}${pathAndQuery.split('?')[0] ?? ''}`;
    const pacer = method === 'PATCH' ? this.#pacer : readPacer;
    const sendOnce = (token: string): Promise<Response> => {
      const request = () => this.#fetch(method, pathAndQuery, token, body?.());
      if (!pacer) return request();
      return pacer.paced(async () => {
        const response = await request();
        if (response.status === 429) {
          // Every replica waits, not only this one.
          const asked = parseRetryAfter(response.headers.get('retry-after'), Date.now()) ?? 1_000;
          await pacer.holdFor?.(asked);
        }
        return response;
      });
    };
    let refreshedToken = false;
    const response = await sendWithRetry(
      label,
      async () => {
        const token = await this.#tokens.getToken();
        const first = await sendOnce(token);
        if (first.status !== 401 || refreshedToken) return first;
        refreshedToken = true;
        await discardBody(first);
        this.#tokens.invalidate(token);
        return sendOnce(await this.#tokens.getToken());
      },
      // A membership write that timed out may have landed: the caller reads the group first.
      method === 'PATCH' ? { ...this.#retry, onlyUnsentRetries: true } : this.#retry,
    );
    if (response.ok) return response;
    throw new DatabricksApiError(
      `${label} failed: HTTP ${response.status}${await describeError(response)}`,
      response.status,
      isRetryableStatus(response.status),
    );
  }

  #fetch(method: string, pathAndQuery: string, token: string, body: string | undefined): Promise<Response> {
    return fetch(`${this.#baseUrl}${pathAndQuery}`, {
      method,
      headers: {
        Authorization: `Bearer ${token}`,
        Accept: 'application/json',
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body }),
      signal: AbortSignal.timeout(this.#timeoutMs),
    });
  }
}

/** A SCIM filter string literal (RFC 7644 §3.4.2.2 uses JSON strings): quotes and backslashes escaped. */
export function scimString(value: string): string {
  return JSON.stringify(value);
}

function addOperations(ids: string[]): MemberOperation[] {
  return [{ op: 'add', path: 'members', value: ids.map((id) => ({ value: id })) }];
}

function removeOperations(ids: string[]): MemberOperation[] {
  return ids.map((id) => ({ op: 'remove' as const, path: `members[value eq ${scimString(id)}]` }));
}

function toGroup(group: z.infer<typeof scimGroup>): DatabricksGroup {
  return {
    id: group.id,
    displayName: group.displayName,
    memberIds: (group.members ?? []).map((member) => member.value),
  };
}

/** `Users/1`, `Groups/2`, `ServicePrincipals/3` (relative or absolute): what kind of member. */
function memberType(ref: string | undefined): ListedMember['type'] {
  if (ref === undefined) return 'user';
  if (/(^|\/)Groups\//.test(ref)) return 'group';
  if (/(^|\/)ServicePrincipals\//.test(ref)) return 'service_principal';
  return 'user';
}

function toListedGroup(group: z.infer<typeof scimGroup>): ListedGroup {
  return {
    id: group.id,
    displayName: group.displayName,
    members: group.members?.map((member) => ({
      id: member.value,
      display: member.display ?? member.value,
      type: memberType(member.$ref),
    })),
  };
}

/** ` invalidValue: Member 9 is not …` from a SCIM or Databricks error body, else ''. */
async function describeError(response: Response): Promise<string> {
  const text = await response.text().catch(() => '');
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return '';
  }
  if (typeof body !== 'object' || body === null) return '';
  const record = body as Record<string, unknown>;
  const parts = [record.scimType ?? record.error_code, record.detail ?? record.message].filter(
    (part): part is string => typeof part === 'string' && part !== '',
  );
  return parts.length === 0 ? '' : ` ${parts.join(': ').slice(0, 300)}`;
}
