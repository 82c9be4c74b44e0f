import { slackUserPayload } from './fake-slack-users.js';
import type { FakeSlackUser } from './fake-slack-users.js';
import { FakeSlackViews } from './fake-slack-views.js';
import { checkMessage } from './slack-limits.js';
import { fail, missing, ok, pick, str } from './slack-method-results.js';
import type { MethodParams, MethodResult } from './slack-method-results.js';

export type { FakeSlackUser } from './fake-slack-users.js';

/** Who the bot token belongs to, as auth.test reports it. */
export interface FakeSlackIdentity {
  teamId: string;
  teamName: string;
  teamDomain: string;
  botUserId: string;
  botUserName: string;
  botId: string;
  appId: string;
}

/** A message as it currently stands in a channel, after any chat.update. */
export interface FakeSlackMessage {
  channel: string;
  ts: string;
  text: string;
  blocks?: unknown[];
  thread_ts?: string;
  metadata?: unknown;
  edited?: { user: string; ts: string };
}

/** A file whose bytes were POSTed to the upload URL from files.getUploadURLExternal. */
export interface FakeSlackFile {
  id: string;
  filename: string;
  length: number;
  data?: Buffer;
  contentType?: string;
  completed: boolean;
}

type Params = MethodParams;
type Method = (params: Params) => MethodResult;

/** The workspace every fake answers for unless told otherwise; request builders use the same ids. */
export const DEFAULT_SLACK_IDENTITY: FakeSlackIdentity = {
  teamId: 'T0TEST0001',
  teamName: 'Databricks ChatOps Test',
  teamDomain: 'chatops-test',
  botUserId: 'U0BOT00001',
  botUserName: 'databricks',
  botId: 'B0BOT00001',
  appId: 'A0TEST0001',
};

/**
 * The state behind the fake Slack Web API: users, the messages in each channel, DM channels,
 * open views and uploaded files, with one handler per Web API method.
 */
export class FakeSlackWorkspace {
  readonly users = new Map<string, FakeSlackUser>();
  /** Slack user groups (S… ids) and their members' user ids (usergroups.users.list). */
  readonly userGroups = new Map<string, string[]>();
  readonly messages = new Map<string, FakeSlackMessage>();
  readonly files = new Map<string, FakeSlackFile>();
  readonly views: FakeSlackViews;
  private readonly conversations = new Map<string, string>();
  private lastTsMicros = 0;
  private idSequence = 0;

  constructor(
    readonly identity: FakeSlackIdentity,
    private readonly uploadUrlFor: (fileId: string) => string,
  ) {
    this.views = new FakeSlackViews(identity, (prefix) => this.nextId(prefix));
  }

  handle(method: string, params: Params): MethodResult {
    const handler = this.methods[method];
    return handler === undefined ? fail('unknown_method') : handler(params);
  }

  /** The message in `channel` at `ts` as a user would now see it. */
  message(channel: string, ts: string): FakeSlackMessage | undefined {
    return this.messages.get(`${channel}/${ts}`);
  }

  /** The DM channel id the bot uses with this user (the same one every time). */
  dmChannelFor(userId: string): string {
    return this.conversationFor([userId]);
  }

  clear(): void {
    this.messages.clear();
    this.files.clear();
    this.conversations.clear();
    this.views.clear();
    this.idSequence = 0;
  }

  private readonly methods: Record<string, Method> = {
    'auth.test': () => {
      const id = this.identity;
      return ok({
        url: `https://${id.teamDomain}.slack.com/`,
        team: id.teamName,
        user: id.botUserName,
        team_id: id.teamId,
        user_id: id.botUserId,
        bot_id: id.botId,
        is_enterprise_install: false,
      });
    },
    'chat.postMessage': (p) => {
      const channel = this.channelOf(p.channel);
      if (channel === undefined) return fail('channel_not_found');
      if (str(p.text) === undefined && p.blocks === undefined && p.attachments === undefined) {
        return fail('no_text');
      }
      const invalid = checkMessage(p);
      if (invalid) return invalid;
      const stored: FakeSlackMessage = {
        channel,
        ts: this.nextTs(),
        text: str(p.text) ?? '',
        ...pick(p, ['blocks', 'thread_ts', 'metadata']),
      };
      this.messages.set(`${channel}/${stored.ts}`, stored);
      return ok({ channel, ts: stored.ts, message: this.asMessage(stored) });
    },
    'chat.update': (p) => {
      const channel = str(p.channel);
      if (channel === undefined) return fail('channel_not_found');
      const existing = this.message(channel, str(p.ts) ?? '');
      if (existing === undefined) return fail('message_not_found');
      const invalid = checkMessage(p);
      if (invalid) return invalid;
      const updated: FakeSlackMessage = {
        ...existing,
        ...(str(p.text) !== undefined ? { text: str(p.text) } : {}),
        ...pick(p, ['blocks', 'metadata']),
        edited: { user: this.identity.botUserId, ts: this.nextTs() },
      };
      this.messages.set(`${channel}/${existing.ts}`, updated);
      return ok({ channel, ts: existing.ts, text: updated.text, message: this.asMessage(updated) });
    },
    'chat.postEphemeral': (p) => {
      if (this.channelOf(p.channel) === undefined) return fail('channel_not_found');
      if (str(p.user) === undefined) return missing('user');
      return checkMessage(p) ?? ok({ message_ts: this.nextTs() });
    },
    'chat.delete': (p) => {
      const channel = str(p.channel) ?? '';
      const ts = str(p.ts) ?? '';
      if (!this.messages.delete(`${channel}/${ts}`)) return fail('message_not_found');
      return ok({ channel, ts });
    },
    'conversations.open': (p) => {
      const users = (str(p.users) ?? '')
        .split(',')
        .map((u) => u.trim())
        .filter(Boolean);
      if (users.length === 0) {
        const channel = str(p.channel);
        return channel === undefined ? fail('users_list_not_supplied') : ok({ channel: { id: channel } });
      }
      return ok({ channel: { id: this.conversationFor(users) } });
    },
    'conversations.history': (p) => this.readHistory(p, false),
    'conversations.replies': (p) => this.readHistory(p, true),
    'views.open': (p) => this.views.open(p),
    'views.push': (p) => this.views.open(p),
    'views.update': (p) => this.views.update(p),
    'views.publish': (p) => this.views.publish(p),
    'users.info': (p) => {
      const user = this.users.get(str(p.user) ?? '');
      return user === undefined
        ? fail('user_not_found')
        : ok({ user: slackUserPayload(user, this.identity.teamId) });
    },
    'users.list': () =>
      ok({
        members: [...this.users.values()].map((user) => slackUserPayload(user, this.identity.teamId)),
        response_metadata: { next_cursor: '' },
      }),
    'users.lookupByEmail': (p) => {
      const email = (str(p.email) ?? '').toLowerCase();
      const user = [...this.users.values()].find((u) => u.email.toLowerCase() === email);
      return user === undefined
        ? fail('users_not_found')
        : ok({ user: slackUserPayload(user, this.identity.teamId) });
    },
    'usergroups.users.list': (p) => {
      const usergroup = str(p.usergroup);
      if (usergroup === undefined) return missing('usergroup');
      const members = this.userGroups.get(usergroup);
      return members === undefined ? fail('no_such_subteam') : ok({ users: [...members] });
    },
    'files.getUploadURLExternal': (p) => {
      const filename = str(p.filename);
      const length = Number(str(p.length));
      if (filename === undefined) return missing('filename');
      if (!Number.isInteger(length) || length < 0) return missing('length');
      const id = this.nextId('F');
      this.files.set(id, { id, filename, length, completed: false });
      return ok({ upload_url: this.uploadUrlFor(id), file_id: id });
    },
    'files.completeUploadExternal': (p) => {
      if (!Array.isArray(p.files) || p.files.length === 0) return missing('files');
      const entries = p.files as Array<{ id?: string; title?: string }>;
      const files = entries.map((entry) => this.files.get(entry.id ?? ''));
      if (files.some((f) => f?.data === undefined)) return fail('file_not_found');
      const channel = str(p.channel_id);
      const completed = (files as FakeSlackFile[]).map((file, i) => {
        file.completed = true;
        return {
          id: file.id,
          name: file.filename,
          title: entries[i]?.title ?? file.filename,
          size: file.data?.length ?? 0,
          mimetype: file.contentType ?? 'application/octet-stream',
          user: this.identity.botUserId,
          channels: channel === undefined ? [] : [channel],
        };
      });
      return ok({ files: completed });
    },
  };

  private asMessage(message: FakeSlackMessage): Params {
    const { channel: _channel, ...rest } = message;
    return {
      type: 'message',
      user: this.identity.botUserId,
      bot_id: this.identity.botId,
      app_id: this.identity.appId,
      team: this.identity.teamId,
      ...rest,
    };
  }

  /** Posting to a user id (U…/W…) lands in the DM channel with that user. */
  private channelOf(value: unknown): string | undefined {
    const channel = str(value);
    if (channel === undefined) return undefined;
    return /^[UW][A-Z0-9]+$/.test(channel) ? this.dmChannelFor(channel) : channel;
  }

  private conversationFor(users: string[]): string {
    const key = [...users].sort().join(',');
    let id = this.conversations.get(key);
    if (id === undefined) {
      id = this.nextId(users.length === 1 ? 'D' : 'G');
      this.conversations.set(key, id);
    }
    return id;
  }

  /** Unique, increasing message timestamps from the wall clock, as Slack's: 1764680000.123400. */
  private nextTs(): string {
    const micros = Math.max(Date.now() * 1000, this.lastTsMicros + 100);
    this.lastTsMicros = micros;
    return `${Math.floor(micros / 1_000_000)}.${String(micros % 1_000_000).padStart(6, '0')}`;
  }

  /**
   * conversations.history (top-level messages) or conversations.replies (a thread, parent first),
   * newest first for history as Slack returns them, after `oldest`, paged by `limit` and `cursor`;
   * metadata only with `include_all_metadata`.
   */
  private readHistory(p: Params, thread: boolean): MethodResult {
    const channel = str(p.channel);
    if (channel === undefined) return missing('channel');
    if (thread && str(p.ts) === undefined) return missing('ts');
    const oldest = Number(str(p.oldest) ?? '0');
    const parent = str(p.ts);
    const all = [...this.messages.values()]
      .filter((m) => m.channel === channel && Number(m.ts) > oldest)
      .filter((m) => (thread ? m.ts === parent || m.thread_ts === parent : m.thread_ts === undefined))
      .sort((a, b) => (thread ? Number(a.ts) - Number(b.ts) : Number(b.ts) - Number(a.ts)));
    const start = Number(str(p.cursor) ?? '0');
    const limit = Math.min(Number(str(p.limit) ?? '100'), 999);
    const page = all.slice(start, start + limit);
    const withMetadata = p.include_all_metadata === true || str(p.include_all_metadata) === 'true';
    const next = start + limit < all.length ? String(start + limit) : '';
    return ok({
      messages: page.map((m) => {
        const { metadata, ...rest } = this.asMessage(m);
        return withMetadata && metadata !== undefined ? { ...rest, metadata } : rest;
      }),
      has_more: next !== '',
      response_metadata: { next_cursor: next },
    });
  }

  private nextId(prefix: string): string {
    return `${prefix}0FAKE${String(++this.idSequence).padStart(5, '0')}`;
  }
}
