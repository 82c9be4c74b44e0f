/**
 * A fake Databricks account API on 127.0.0.1 speaking the real wire protocol: OAuth M2M tokens
 * (`/oidc/accounts/{id}/v1/token`) and account SCIM Users/Groups (`/api/2.0/accounts/{id}/scim/v2`),
 * with the per-account PATCH rate limit, fault injection and a record of every request.
 * Point DATABRICKS_ACCOUNTS_HOST at `fake.url`.
 */
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import type { Clock } from '../../src/ports/clock.js';
import {
  AccountDirectory,
  type FakeGroup,
  type FakeUser,
  type NewFakeGroup,
  type NewFakeUser,
} from './fake-account-directory.js';
import { AccountTokenIssuer, type TokenRequestFailure } from './fake-account-token-issuer.js';
import { AccountPatchGate, type InjectedFailure } from './fake-account-patch-gate.js';
import {
  recordableBody,
  RequestLog,
  type RecordedRequest,
  type RequestPredicate,
} from './databricks-request-log.js';
import { AccountScim } from './fake-account-scim.js';
import { databricksError, type WireReply } from './scim-wire.js';

export type { FakeGroup, FakeUser, NewFakeGroup, NewFakeUser } from './fake-account-directory.js';
export type { RecordedRequest, RequestPredicate } from './databricks-request-log.js';
export type { InjectedFailure } from './fake-account-patch-gate.js';

export interface FakeDatabricksAccountsOptions {
  accountId: string;
  clientId: string;
  clientSecret: string;
  /** Default unlimited. 2 enforces the reported ~2 PATCH/s per account (429 + Retry-After: 1). */
  patchesPerSecond?: number;
  /** Lifetime of issued tokens; default 3600 like Databricks. */
  tokenTtlSeconds?: number;
  /**
   * Default unlimited. Refuses `GET` requests beyond this many in any rolling second with 429 +
   * Retry-After: 1, so a client that reads too fast is caught.
   */
  readsPerSecond?: number;
  /** Each admitted PATCH takes this long before it is applied and answered. */
  patchLatencyMs?: number;
  /** Status of a successful PATCH: 204 with no body (default) or 200 with the group. */
  patchSuccessStatus?: 200 | 204;
  /** Drives token expiry, the rate-limit window and recorded times; default the system clock. */
  clock?: Clock;
}

export interface RecordedPatch {
  groupId: string;
  operations: unknown[];
  added: string[];
  removed: string[];
  /** Ids the PATCH asked to add that were members already when it arrived (a duplicate add). */
  alreadyMembers: string[];
  at: number;
}

/**
 * Runs after a membership PATCH was applied and recorded, before its answer is sent: the change
 * has landed in Databricks but the client does not know yet (fault tests kill it here).
 */
export type PatchAppliedHook = (patch: RecordedPatch) => Promise<void> | void;

export interface FakeDatabricksAccounts {
  readonly url: string;
  readonly accountId: string;
  /** Every request, in answer order, without headers (so without credentials). */
  readonly requests: readonly RecordedRequest[];
  /** PATCH requests that changed (or validly left unchanged) a group. */
  readonly patches: readonly RecordedPatch[];
  readonly tokensIssued: number;
  /** Highest number of PATCH requests in flight at once since start or reset. */
  readonly maxConcurrentPatches: number;
  /** GET requests refused with 429 because they came faster than `readsPerSecond`. */
  readonly readsRefused: number;
  addUser(input: NewFakeUser): FakeUser;
  addGroup(input: NewFakeGroup): FakeGroup;
  groupMemberIds(groupIdOrName: string): string[];
  failNextPatches(count: number, failure: InjectedFailure): void;
  /** Applies the next `count` PATCHes that change a group, then drops the connection unanswered. */
  loseNextPatchAnswers(count: number): void;
  failAllPatches(failure: InjectedFailure): void;
  failNextTokenRequests(count: number, status: number): void;
  /** Calls `hook` for every applied membership PATCH before answering it; undefined removes it. */
  onPatchApplied(hook: PatchAppliedHook | undefined): void;
  /** Answers every `GET /Users` (user look-ups) `ms` later; 0 answers at once again. */
  delayUserReads(ms: number): void;
  /** Ends every injected failure (PATCH and token). */
  stopFailing(): void;
  /** Makes every token issued so far invalid, as if it had expired. */
  expireTokens(): void;
  waitFor(predicate: RequestPredicate, timeoutMs?: number): Promise<RecordedRequest>;
  /** Replaces a group's members (as an admin would in the account console, outside the bot). */
  setGroupMembers(groupIdOrName: string, memberIds: string[]): void;
  /** Forgets users, groups, recordings, counters and injected failures; issued tokens stay valid. */
  reset(): void;
  close(): Promise<void>;
}

const TOKEN_PATH = /^\/oidc\/accounts\/([^/]+)\/v1\/token$/;
const ACCOUNT_API_PATH = /^\/api\/2\.0\/accounts\/([^/]+)(\/.*)$/;
const SCIM_PATH = /^\/scim\/v2\/(Users|Groups)(?:\/([^/]+))?$/;

export async function startFakeDatabricksAccounts(
  options: FakeDatabricksAccountsOptions,
): Promise<FakeDatabricksAccounts> {
  const fake = new FakeDatabricksAccountsServer(options);
  await fake.listen();
  return fake;
}

class FakeDatabricksAccountsServer implements FakeDatabricksAccounts {
  url = '';
  private readonly server: Server;
  private readonly clock: Clock;
  private readonly directory = new AccountDirectory();
  private readonly scim = new AccountScim(this.directory);
  private readonly tokens: AccountTokenIssuer;
  private readonly log = new RequestLog();
  private readonly recordedPatches: RecordedPatch[] = [];
  private readonly patchGate: AccountPatchGate;
  private patchAppliedHook: PatchAppliedHook | undefined;
  private lostPatchAnswers = 0;
  private readonly lostReplies = new WeakSet<WireReply>();
  private userReadDelayMs = 0;
  private readonly readTimes: number[] = [];
  private refusedReads = 0;

  constructor(private readonly options: FakeDatabricksAccountsOptions) {
    this.clock = options.clock ?? { now: () => new Date() };
    const { accountId, patchesPerSecond } = options;
    this.patchGate = new AccountPatchGate({ accountId, patchesPerSecond, now: () => this.now() });
    this.tokens = new AccountTokenIssuer({
      accountId: options.accountId,
      clientId: options.clientId,
      clientSecret: options.clientSecret,
      ttlSeconds: options.tokenTtlSeconds ?? 3600,
      now: () => this.now(),
    });
    this.server = createServer((req, res) => void this.handle(req, res));
  }

  get accountId(): string {
    return this.options.accountId;
  }
  get requests(): readonly RecordedRequest[] {
    return this.log.entries;
  }
  get patches(): readonly RecordedPatch[] {
    return this.recordedPatches;
  }
  get tokensIssued(): number {
    return this.tokens.issuedCount;
  }
  get maxConcurrentPatches(): number {
    return this.patchGate.peakConcurrency;
  }
  get readsRefused(): number {
    return this.refusedReads;
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => resolve());
    });
    const { port } = this.server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}`;
  }

  addUser(input: NewFakeUser): FakeUser {
    return this.directory.addUser(input);
  }
  addGroup(input: NewFakeGroup): FakeGroup {
    return this.directory.addGroup(input);
  }

  groupMemberIds(groupIdOrName: string): string[] {
    const group = this.directory.findGroup(groupIdOrName);
    if (!group) throw new Error(`groupMemberIds: no group with id or name ${groupIdOrName}`);
    return group.memberIds;
  }

  setGroupMembers(groupIdOrName: string, memberIds: string[]): void {
    const group = this.directory.findGroup(groupIdOrName);
    if (!group) throw new Error(`setGroupMembers: no group with id or name ${groupIdOrName}`);
    const unknown = memberIds.find((id) => !this.directory.hasPrincipal(id));
    if (unknown !== undefined) throw new Error(`setGroupMembers: no user or group with id ${unknown}`);
    this.directory.setMembers(group.id, memberIds);
  }

  loseNextPatchAnswers(count: number): void {
    this.lostPatchAnswers = count;
  }

  failNextPatches(count: number, failure: InjectedFailure): void {
    this.patchGate.failNext(count, failure);
  }

  failAllPatches(failure: InjectedFailure): void {
    this.patchGate.failAll(failure);
  }

  failNextTokenRequests(count: number, status: number): void {
    const failure: TokenRequestFailure = { status };
    for (let i = 0; i < count; i++) this.tokens.failNext(failure);
  }

  onPatchApplied(hook: PatchAppliedHook | undefined): void {
    this.patchAppliedHook = hook;
  }

  delayUserReads(ms: number): void {
    this.userReadDelayMs = ms;
  }

  stopFailing(): void {
    this.patchGate.stopFailing();
    this.tokens.stopFailing();
  }

  expireTokens(): void {
    this.tokens.expireAll();
  }

  waitFor(predicate: RequestPredicate, timeoutMs = 5000): Promise<RecordedRequest> {
    return this.log.waitFor(predicate, timeoutMs);
  }

  reset(): void {
    this.directory.clear();
    this.log.clear();
    this.recordedPatches.length = 0;
    this.patchGate.reset();
    this.tokens.resetCount();
    this.tokens.stopFailing();
    this.patchAppliedHook = undefined;
    this.lostPatchAnswers = 0;
    this.userReadDelayMs = 0;
    this.readTimes.length = 0;
    this.refusedReads = 0;
  }

  close(): Promise<void> {
    if (!this.server.listening) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.server.close((error) => (error ? reject(error) : resolve()));
      this.server.closeAllConnections();
    });
  }

  private now(): number {
    return this.clock.now().getTime();
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const at = this.now();
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const isPatch = method === 'PATCH';
    if (isPatch) this.patchGate.enter();
    let reply: WireReply;
    let rawBody = '';
    try {
      rawBody = await readBody(req);
      reply = await this.route(method, url, req.headers, rawBody);
    } catch (error) {
      reply = { status: 500, body: databricksError('INTERNAL_ERROR', `fake server error: ${String(error)}`) };
    }
    // Recorded before the answer goes out, so a client that has its response also sees the record.
    if (isPatch) this.patchGate.leave();
    this.log.record({
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      body: recordableBody(req.headers['content-type'], rawBody),
      status: reply.status,
      at,
    });
    if (this.lostReplies.has(reply)) {
      req.socket.destroy();
      return;
    }
    send(res, reply);
  }

  private async route(
    method: string,
    url: URL,
    headers: IncomingHttpHeaders,
    rawBody: string,
  ): Promise<WireReply> {
    const tokenPath = TOKEN_PATH.exec(url.pathname);
    if (tokenPath) {
      const answer = this.tokens.answer(method, decodeURIComponent(tokenPath[1] ?? ''), headers, rawBody);
      return { ...answer, headers: { 'Cache-Control': 'no-store', ...answer.headers } };
    }
    const apiPath = ACCOUNT_API_PATH.exec(url.pathname);
    if (!apiPath) return endpointNotFound(method, url.pathname);
    const [, accountId = '', rest = ''] = apiPath;
    const denied = this.authorize(headers, decodeURIComponent(accountId));
    if (denied) return denied;
    const scimPath = SCIM_PATH.exec(rest);
    if (!scimPath) return endpointNotFound(method, url.pathname);
    const [, resource, rawId] = scimPath;
    if (method === 'GET') {
      const refusal = this.readRefusal();
      if (refusal) return refusal;
    }
    const id = rawId === undefined ? undefined : decodeURIComponent(rawId);
    if (resource === 'Users' && method === 'GET') {
      if (this.userReadDelayMs > 0) await delay(this.userReadDelayMs);
      return id === undefined ? this.scim.listUsers(url.searchParams) : this.scim.getUser(id);
    }
    if (resource === 'Groups' && method === 'GET') {
      return id === undefined ? this.scim.listGroups(url.searchParams) : this.scim.getGroup(id);
    }
    if (resource === 'Groups' && method === 'PATCH' && id !== undefined) return this.patchGroup(id, rawBody);
    return endpointNotFound(method, url.pathname);
  }

  private authorize(headers: IncomingHttpHeaders, accountId: string): WireReply | undefined {
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(headers.authorization ?? '')?.[1];
    const verdict = this.tokens.check(bearer);
    if (verdict !== 'valid') {
      const message =
        verdict === 'expired'
          ? 'Token is expired.'
          : 'Credential was not sent or was of an unsupported type for this API.';
      return { status: 401, body: databricksError('UNAUTHENTICATED', message) };
    }
    if (accountId !== this.options.accountId) {
      const message = `The token is not authorized for account ${accountId}.`;
      return { status: 403, body: databricksError('PERMISSION_DENIED', message) };
    }
    return undefined;
  }

  /** 429 when more than `readsPerSecond` GETs arrived within the last second. */
  private readRefusal(): WireReply | undefined {
    const limit = this.options.readsPerSecond;
    if (limit === undefined) return undefined;
    const now = this.now();
    while (this.readTimes.length > 0 && this.readTimes[0]! <= now - 1000) this.readTimes.shift();
    if (this.readTimes.length >= limit) {
      this.refusedReads++;
      return {
        status: 429,
        headers: { 'Retry-After': '1' },
        body: databricksError('REQUEST_LIMIT_EXCEEDED', 'Too many requests.'),
      };
    }
    this.readTimes.push(now);
    return undefined;
  }

  private async patchGroup(groupId: string, rawBody: string): Promise<WireReply> {
    const refusal = this.patchGate.refusal();
    if (refusal) return refusal;
    const at = this.now();
    if (this.options.patchLatencyMs) await delay(this.options.patchLatencyMs);
    const outcome = this.scim.patchGroup(groupId, rawBody, this.options.patchSuccessStatus ?? 204);
    if (outcome.applied) {
      const patch = { groupId, ...outcome.applied, at };
      this.recordedPatches.push(patch);
      await this.patchAppliedHook?.(patch);
      if (this.lostPatchAnswers > 0) {
        this.lostPatchAnswers -= 1;
        const lost = { ...outcome.reply };
        this.lostReplies.add(lost);
        return lost;
      }
    }
    return outcome.reply;
  }
}

function endpointNotFound(method: string, path: string): WireReply {
  return { status: 404, body: databricksError('ENDPOINT_NOT_FOUND', `No API found for '${method} ${path}'`) };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function send(res: ServerResponse, reply: WireReply): void {
  const text = reply.body === undefined ? undefined : JSON.stringify(reply.body);
  res.writeHead(reply.status, {
    ...(text === undefined ? {} : { 'Content-Type': 'application/json' }),
    ...reply.headers,
  });
  res.end(text);
}
