import { createServer, type IncomingMessage, type ServerResponse, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One activity the bot sent (POST) or updated (PUT) in a conversation. */
export interface ConnectorCall {
  method: string;
  path: string;
  conversationId: string;
  /** The activity concerned: the new one for a POST, the updated one for a PUT. */
  activityId: string;
  /** A POST to an activity the bot sent earlier: a reply in that activity's thread. */
  replyToId?: string;
  body: Record<string, unknown>;
  authorization?: string;
  at: number;
}

/** A person in the fake tenant, as the conversation members API describes them. */
export interface FakeTeamsMember {
  id: string;
  name: string;
  aadObjectId: string;
  email: string;
  userPrincipalName?: string;
  tenantId?: string;
}

export interface FakeBotConnector {
  /** What goes into an activity's `serviceUrl`. */
  serviceUrl: string;
  /** Activities sent and updated, in order. */
  calls: ConnectorCall[];
  /** `GET /v3/conversations/{id}/members/{userId}` lookups, in order. */
  memberLookups: { conversationId: string; userId: string }[];
  /** `POST /v3/conversations` requests and the conversation id each was answered with. */
  conversationsCreated: { body: Record<string, unknown>; id: string }[];
  addMember(member: FakeTeamsMember): void;
  /** Every call to this conversation answers `status` from now on (e.g. 403: the bot was removed). */
  refuse(conversationId: string, status: number): void;
  /** An activity as people see it now: its latest content after any updates. */
  activity(conversationId: string, activityId: string): Record<string, unknown> | undefined;
  /** The Adaptive Cards the bot posted to a conversation (as first posted), with their activity ids. */
  cardsPostedTo(conversationId: string): { activityId: string; card: Record<string, unknown> }[];
  waitForCall(predicate: (call: ConnectorCall) => boolean, timeoutMs?: number): Promise<ConnectorCall>;
  close(): Promise<void>;
}

/** Teams refuses messages (card included) over about 28 KB. */
export const TEAMS_MESSAGE_LIMIT_BYTES = 28 * 1024;

const ACTIVITY_PATH = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/;
const MEMBER_PATH = /^\/v3\/conversations\/([^/]+)\/members\/([^/]+)$/;

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function answer(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

const notFound = (res: ServerResponse, code = 'NotFound') =>
  answer(res, 404, { error: { code, message: code } });

/**
 * A fake Bot Connector service: send (POST) and update (PUT) activities, look up a conversation
 * member, create a 1:1 conversation. It records every call, keeps each activity's latest content,
 * and enforces Teams' message size limit so tests catch what production would.
 */
export async function startFakeBotConnector(
  options: { members?: FakeTeamsMember[] } = {},
): Promise<FakeBotConnector> {
  const calls: ConnectorCall[] = [];
  const memberLookups: FakeBotConnector['memberLookups'] = [];
  const conversationsCreated: FakeBotConnector['conversationsCreated'] = [];
  const members = new Map((options.members ?? []).map((member) => [member.id, member]));
  const refused = new Map<string, number>();
  const activities = new Map<string, Record<string, unknown>>();
  const personalChats = new Map<string, string>();
  const waiters = new Set<() => void>();
  let nextId = 1;
  const key = (conversationId: string, activityId: string) => `${conversationId}\n${activityId}`;

  const handleActivity = async (req: IncomingMessage, res: ServerResponse, match: RegExpExecArray) => {
    const text = await readBody(req);
    const conversationId = decodeURIComponent(match[1]!);
    const activityId = match[2] ? decodeURIComponent(match[2]) : undefined;
    if (Buffer.byteLength(text) > TEAMS_MESSAGE_LIMIT_BYTES) {
      answer(res, 413, { error: { code: 'MessageSizeTooBig', message: 'Message size too large' } });
      return;
    }
    const body = text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
    if (req.method === 'PUT' && (!activityId || !activities.has(key(conversationId, activityId)))) {
      notFound(res, 'ActivityNotFoundInConversation');
      return;
    }
    const id = req.method === 'PUT' ? activityId! : `activity-${nextId++}`;
    // botbuilder posts proactive messages "in reply to" its made-up continuation event; only a
    // POST naming an activity that exists is a reply in a thread.
    const replyToId =
      req.method === 'POST' && activityId && activities.has(key(conversationId, activityId))
        ? activityId
        : undefined;
    calls.push({
      method: req.method!,
      path: new URL(req.url ?? '/', 'http://localhost').pathname,
      conversationId,
      activityId: id,
      ...(replyToId ? { replyToId } : {}),
      body,
      authorization: req.headers.authorization,
      at: Date.now(),
    });
    activities.set(key(conversationId, id), body);
    waiters.forEach((wake) => wake());
    answer(res, 200, { id });
  };

  const createConversation = async (req: IncomingMessage, res: ServerResponse) => {
    const body = JSON.parse(await readBody(req)) as { members?: { id: string }[] };
    const memberId = body.members?.[0]?.id ?? '';
    if (!members.has(memberId)) {
      answer(res, 403, { error: { code: 'Forbidden', message: 'the user is not reachable by this bot' } });
      return;
    }
    const id = personalChats.get(memberId) ?? `a:created-${nextId++}`;
    personalChats.set(memberId, id);
    conversationsCreated.push({ body: body as Record<string, unknown>, id });
    answer(res, 201, { id });
  };

  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const conversation = /^\/v3\/conversations\/([^/]+)/.exec(url.pathname)?.[1];
    const status = conversation ? refused.get(decodeURIComponent(conversation)) : undefined;
    if (status) {
      answer(res, status, { error: { code: 'Refused', message: `refused with ${status}` } });
      return;
    }
    const activity = ACTIVITY_PATH.exec(url.pathname);
    if (activity && (req.method === 'POST' || req.method === 'PUT'))
      return handleActivity(req, res, activity);
    const member = MEMBER_PATH.exec(url.pathname);
    if (member && req.method === 'GET') {
      const userId = decodeURIComponent(member[2]!);
      memberLookups.push({ conversationId: decodeURIComponent(member[1]!), userId });
      const found = members.get(userId);
      if (!found) return notFound(res, 'MemberNotFoundInConversation');
      return answer(res, 200, { userRole: 'user', tenantId: 'tenant-1', ...found });
    }
    if (url.pathname === '/v3/conversations' && req.method === 'POST') return createConversation(req, res);
    notFound(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    serviceUrl: `http://127.0.0.1:${port}/`,
    calls,
    memberLookups,
    conversationsCreated,
    addMember: (member) => void members.set(member.id, member),
    refuse: (conversationId, status) => void refused.set(conversationId, status),
    activity: (conversationId, activityId) => activities.get(key(conversationId, activityId)),
    cardsPostedTo(conversationId) {
      return calls
        .filter((call) => call.method === 'POST' && call.conversationId === conversationId)
        .map((call) => ({ activityId: call.activityId, card: cardOf(call.body) ?? {} }));
    },
    waitForCall(predicate, timeoutMs = 5_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = calls.find(predicate);
          if (!found) return false;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(found);
          return true;
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(
            new Error(
              `no matching Bot Connector call within ${timeoutMs} ms; saw ${calls.map((c) => `${c.method} ${c.path}`).join(', ') || 'none'}`,
            ),
          );
        }, timeoutMs);
        if (!check()) waiters.add(check);
      });
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The Adaptive Card in an activity, if it carries one. */
export function cardOf(activity: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  const attachments = (activity?.attachments ?? []) as {
    contentType?: string;
    content?: Record<string, unknown>;
  }[];
  return attachments.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')?.content;
}
