/**
 * A fake Slack Web API on 127.0.0.1 for integration tests: point the real Bolt app / WebClient at
 * `apiUrl` (client option `slackApiUrl`). It records every call, answers like Slack (ids, ts,
 * DM channels, views, uploads), enforces Slack's documented Block Kit limits, can be told to fail
 * the next call to a method, and serves response_url and file-upload endpoints.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEFAULT_SLACK_IDENTITY, FakeSlackWorkspace } from './fake-slack-workspace.js';
import type {
  FakeSlackFile,
  FakeSlackIdentity,
  FakeSlackMessage,
  FakeSlackUser,
} from './fake-slack-workspace.js';
import { checkMessage } from './slack-limits.js';
import type { MethodResult } from './slack-method-results.js';
import { RecordedList, truncate } from '../../emulator/recorded-list.js';
import { parseApiArguments, parseMultipart, readBody, tokenOf } from './slack-request-body.js';

export { DEFAULT_SLACK_IDENTITY } from './fake-slack-workspace.js';
export type {
  FakeSlackFile,
  FakeSlackIdentity,
  FakeSlackMessage,
  FakeSlackUser,
} from './fake-slack-workspace.js';

/** One Web API call as the fake received and answered it. */
export interface RecordedSlackCall {
  method: string;
  /** Decoded arguments (JSON-encoded `blocks`, `view`, ... turned back into objects), without `token`. */
  params: Record<string, unknown>;
  token: string | undefined;
  /** Arrival time, epoch milliseconds. */
  at: number;
  status: number;
  response: MethodResult;
}

/** One POST to a response_url handed out by `responseUrl(id)`. */
export interface RecordedSlackResponse {
  id: string;
  body: Record<string, unknown>;
  at: number;
  status: number;
}

/**
 * Make the next call to a method fail: rate-limited (HTTP 429 + Retry-After), `ok: false`, or
 * `lostResponse`: Slack carries the call out (the message is posted) but the connection drops
 * before the answer arrives, as when the caller crashes or the network fails mid-call.
 */
export type SlackFailure = { status: 429; retryAfter: number } | { error: string } | { lostResponse: true };

export interface FakeSlackApiOptions extends Partial<FakeSlackIdentity> {
  /** The only token accepted. Default `xoxb-test-token`. */
  botToken?: string;
  users?: FakeSlackUser[];
}

export interface FakeSlackApi {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  /** What WebClient's `slackApiUrl` wants: `http://127.0.0.1:<port>/api/`. */
  readonly apiUrl: string;
  readonly botToken: string;
  readonly identity: FakeSlackIdentity;
  readonly calls: RecordedSlackCall[];
  readonly responses: RecordedSlackResponse[];
  /** Files announced with files.getUploadURLExternal, with their bytes once uploaded. */
  readonly files: FakeSlackFile[];
  callsTo(method: string): RecordedSlackCall[];
  waitForCall(
    method: string,
    predicate?: (call: RecordedSlackCall) => boolean,
    timeoutMs?: number,
  ): Promise<RecordedSlackCall>;
  addUser(user: FakeSlackUser): void;
  /** Defines (or redefines) a Slack user group, S…, with these members (usergroups.users.list). */
  setUserGroup(id: string, userIds: string[]): void;
  failNext(method: string, failure: SlackFailure): void;
  /**
   * Runs `hook` after a successful call to `method` was carried out and before it is answered
   * (a fault test kills the caller there: the message exists, the caller never hears of it).
   */
  beforeAnswering(method: string, hook: (call: RecordedSlackCall) => Promise<void>): void;
  /** The message in `channel` at `ts` as it now reads (after chat.update), if it exists. */
  message(channel: string, ts: string): FakeSlackMessage | undefined;
  /** The DM channel id the fake assigns to a user (what posting to the user id returns). */
  dmChannelFor(userId: string): string;
  /** A response_url served by the fake; POSTs to it land in `responses`. */
  responseUrl(id: string): string;
  waitForResponse(
    predicate?: (response: RecordedSlackResponse) => boolean,
    timeoutMs?: number,
  ): Promise<RecordedSlackResponse>;
  /** Forgets calls, responses, pending failures, messages, views and files. Users and user groups stay. */
  reset(): void;
  close(): Promise<void>;
}

export async function startFakeSlackApi(options: FakeSlackApiOptions = {}): Promise<FakeSlackApi> {
  const fake = new FakeSlackApiServer(options);
  await fake.listen();
  return fake;
}

class FakeSlackApiServer implements FakeSlackApi {
  private readonly callLog = new RecordedList<RecordedSlackCall>();
  private readonly responseLog = new RecordedList<RecordedSlackResponse>();
  readonly botToken: string;
  readonly identity: FakeSlackIdentity;
  private readonly workspace: FakeSlackWorkspace;
  private readonly failures = new Map<string, SlackFailure[]>();
  private readonly hooks = new Map<string, (call: RecordedSlackCall) => Promise<void>>();
  private readonly server: Server;
  private port = 0;

  constructor({ botToken, users, ...identity }: FakeSlackApiOptions) {
    this.botToken = botToken ?? 'xoxb-test-token';
    this.identity = { ...DEFAULT_SLACK_IDENTITY, ...identity };
    this.workspace = new FakeSlackWorkspace(this.identity, (id) => `${this.url}/upload/v1/${id}`);
    for (const user of users ?? []) this.addUser(user);
    this.server = createServer((req, res) => {
      this.route(req, res).catch((error: unknown) => {
        send(res, 500, { ok: false, error: 'fatal_error', detail: String(error) });
      });
    });
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get apiUrl(): string {
    return `${this.url}/api/`;
  }

  get calls(): RecordedSlackCall[] {
    return this.callLog.entries;
  }

  get responses(): RecordedSlackResponse[] {
    return this.responseLog.entries;
  }

  get files(): FakeSlackFile[] {
    return [...this.workspace.files.values()];
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => resolve());
    });
    this.port = (this.server.address() as AddressInfo).port;
  }

  callsTo(method: string): RecordedSlackCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  waitForCall(
    method: string,
    predicate?: (call: RecordedSlackCall) => boolean,
    timeoutMs = 5000,
  ): Promise<RecordedSlackCall> {
    const matches = (c: RecordedSlackCall): boolean => c.method === method && (predicate?.(c) ?? true);
    return this.callLog.waitFor(matches, timeoutMs, () => {
      const what = `${method} call${predicate ? ' matching the predicate' : ''}`;
      return `waitForCall: no ${what} within ${timeoutMs} ms. ${this.callLog.summary(describeCall)}`;
    });
  }

  waitForResponse(
    predicate: (response: RecordedSlackResponse) => boolean = () => true,
    timeoutMs = 5000,
  ): Promise<RecordedSlackResponse> {
    return this.responseLog.waitFor(predicate, timeoutMs, () => {
      const received = this.responseLog.summary((r) => `${r.id} ${truncate(JSON.stringify(r.body))}`);
      return `waitForResponse: no matching response_url POST within ${timeoutMs} ms. ${received}`;
    });
  }

  addUser(user: FakeSlackUser): void {
    this.workspace.users.set(user.id, user);
  }

  setUserGroup(id: string, userIds: string[]): void {
    this.workspace.userGroups.set(id, [...userIds]);
  }

  failNext(method: string, failure: SlackFailure): void {
    this.failures.set(method, [...(this.failures.get(method) ?? []), failure]);
  }

  beforeAnswering(method: string, hook: (call: RecordedSlackCall) => Promise<void>): void {
    this.hooks.set(method, hook);
  }

  message(channel: string, ts: string): FakeSlackMessage | undefined {
    return this.workspace.message(channel, ts);
  }

  dmChannelFor(userId: string): string {
    return this.workspace.dmChannelFor(userId);
  }

  responseUrl(id: string): string {
    return `${this.url}/response/${encodeURIComponent(id)}`;
  }

  reset(): void {
    this.callLog.clear();
    this.responseLog.clear();
    this.failures.clear();
    this.workspace.clear();
  }

  async close(): Promise<void> {
    this.callLog.close('The fake Slack API was closed.');
    this.responseLog.close('The fake Slack API was closed.');
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url);
    const raw = await readBody(req);
    const [, area, name] = url.pathname.split('/');
    if (area === 'api' && name) return this.apiCall(name, req, raw, url.searchParams, res);
    if (area === 'response' && name && req.method === 'POST') {
      return this.responseUrlPost(decodeURIComponent(name), raw, res);
    }
    if (area === 'upload' && req.method === 'POST') return this.upload(url.pathname, req, raw, res);
    send(res, 404, { ok: false, error: 'not_found' });
  }

  private apiCall(
    method: string,
    req: IncomingMessage,
    raw: Buffer,
    query: URLSearchParams,
    res: ServerResponse,
  ): void {
    const at = Date.now();
    let params: Record<string, unknown>;
    try {
      params = parseApiArguments(req.headers['content-type'], raw, query);
    } catch {
      params = {};
    }
    const token = tokenOf(req, params);
    delete params.token;
    const failure = this.failures.get(method)?.shift();
    let status = 200;
    let response: MethodResult;
    if (failure !== undefined && 'lostResponse' in failure) {
      response = this.workspace.handle(method, params);
      this.callLog.record({ method, params, token, at, status: 0, response });
      req.socket.destroy();
      return;
    }
    if (failure !== undefined && 'status' in failure) {
      status = 429;
      res.setHeader('Retry-After', String(failure.retryAfter));
      response = { ok: false, error: 'ratelimited' };
    } else if (failure !== undefined) {
      response = { ok: false, error: failure.error };
    } else if (token === undefined) {
      response = { ok: false, error: 'not_authed' };
    } else if (token !== this.botToken) {
      response = { ok: false, error: 'invalid_auth' };
    } else {
      response = this.workspace.handle(method, params);
    }
    const call = { method, params, token, at, status, response };
    this.callLog.record(call);
    const hook = response.ok ? this.hooks.get(method) : undefined;
    if (hook === undefined) return send(res, status, response);
    void hook(call).finally(() => send(res, status, response));
  }

  private responseUrlPost(id: string, raw: Buffer, res: ServerResponse): void {
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
    } catch {
      send(res, 400, { ok: false, error: 'invalid_json' });
      return;
    }
    // Slack rejects a bad message on a response_url with a non-2xx answer, so the sender sees it.
    const invalid = checkMessage(body);
    const status = invalid ? 400 : 200;
    this.responseLog.record({ id, body, at: Date.now(), status });
    send(res, status, invalid ?? { ok: true });
  }

  /** The upload URL from files.getUploadURLExternal: raw bytes or a multipart form. */
  private upload(path: string, req: IncomingMessage, raw: Buffer, res: ServerResponse): void {
    const file = this.workspace.files.get(path.split('/').pop() ?? '');
    if (file === undefined) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('file not found');
      return;
    }
    const contentType = req.headers['content-type'] ?? '';
    const parts = contentType.startsWith('multipart/form-data') ? parseMultipart(contentType, raw) : [];
    const part = parts.find((p) => p.filename !== undefined) ?? parts[0];
    file.data = part?.data ?? raw;
    const type = part?.contentType ?? (part ? undefined : contentType.split(';')[0]);
    if (type) file.contentType = type;
    res.writeHead(200, { 'Content-Type': 'text/plain' }).end(`OK - ${file.data.length}`);
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return;
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

function describeCall(call: RecordedSlackCall): string {
  const outcome = call.response.ok ? 'ok' : String(call.response.error);
  return `${call.method} ${truncate(JSON.stringify(call.params))} -> ${outcome}`;
}
