/**
 * Requests as Slack sends them to the app under test: slash commands, block actions, view
 * submissions and options (block_suggestion) requests, form-encoded and signed with the signing
 * secret. Payload shapes follow Slack's interaction payload reference and Bolt's types.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { DEFAULT_SLACK_IDENTITY } from '../fakes/fake-slack-api.js';
import {
  DEFAULT_CHANNEL,
  actionPayload,
  newTriggerId,
  nowSeconds,
  payloadBody,
  slackTs,
  slackUser,
  stateValues,
  viewPayload,
  workspaceIds,
} from './slack-interaction-parts.js';
import type { ActionInput, InteractionView, ViewValues, Workspace } from './slack-interaction-parts.js';

export type { ActionInput, InteractionView, ViewValues } from './slack-interaction-parts.js';
export { newTriggerId } from './slack-interaction-parts.js';

export interface SlackSignatureHeaders {
  'X-Slack-Request-Timestamp': string;
  'X-Slack-Signature': string;
}

/** `v0=` + hex HMAC-SHA256 of `v0:<timestamp>:<raw body>` keyed with the signing secret. */
export function signSlackBody(
  secret: string,
  rawBody: string,
  timestampSeconds: number = nowSeconds(),
): SlackSignatureHeaders {
  const digest = createHmac('sha256', secret).update(`v0:${timestampSeconds}:${rawBody}`).digest('hex');
  return {
    'X-Slack-Request-Timestamp': String(timestampSeconds),
    'X-Slack-Signature': `v0=${digest}`,
  };
}

/** The deprecated verification token Slack still puts in every payload. */
export const TEST_VERIFICATION_TOKEN = 'test-verification-token';

/**
 * Where response_url points when a test does not pass one: a closed local port, so a stray
 * `respond()` fails fast instead of reaching the internet. Pass `fake.responseUrl(id)` instead.
 */
export const UNSET_RESPONSE_URL = 'http://127.0.0.1:9/response-url-not-set';

export interface SlashCommandInput extends Workspace {
  command?: string;
  text: string;
  userId: string;
  userName?: string;
  channelId?: string;
  channelName?: string;
  triggerId?: string;
  responseUrl?: string;
}

/** A slash command as Slack POSTs it: application/x-www-form-urlencoded fields. */
export function slashCommandBody(input: SlashCommandInput): string {
  const ids = workspaceIds(input);
  return new URLSearchParams({
    token: TEST_VERIFICATION_TOKEN,
    team_id: ids.teamId,
    team_domain: ids.teamDomain,
    channel_id: input.channelId ?? DEFAULT_CHANNEL.id,
    channel_name: input.channelName ?? DEFAULT_CHANNEL.name,
    user_id: input.userId,
    user_name: input.userName ?? input.userId.toLowerCase(),
    command: input.command ?? '/databricks',
    text: input.text,
    api_app_id: ids.apiAppId,
    is_enterprise_install: 'false',
    response_url: input.responseUrl ?? UNSET_RESPONSE_URL,
    trigger_id: input.triggerId ?? newTriggerId(),
  }).toString();
}

export interface BlockActionsInput extends Workspace {
  userId: string;
  userName?: string;
  actions: ActionInput[];
  channelId?: string;
  messageTs?: string;
  /** The message the buttons were on; default a bot message with no blocks. */
  message?: Record<string, unknown>;
  triggerId?: string;
  responseUrl?: string;
  /** When set, the actions come from this view instead of a channel message. */
  view?: InteractionView;
}

/** A block_actions interaction: `payload=<json>` form body. */
export function blockActionsBody(input: BlockActionsInput): string {
  const ids = workspaceIds(input);
  const actionTs = slackTs();
  const actions = input.actions.map((action) => actionPayload(action, actionTs));
  const common = {
    type: 'block_actions',
    user: slackUser(input.userId, input.userName, ids.teamId),
    api_app_id: ids.apiAppId,
    token: TEST_VERIFICATION_TOKEN,
    trigger_id: input.triggerId ?? newTriggerId(),
    team: { id: ids.teamId, domain: ids.teamDomain },
    enterprise: null,
    is_enterprise_install: false,
    actions,
  };
  if (input.view !== undefined) {
    return payloadBody({
      ...common,
      container: { type: 'view', view_id: input.view.id },
      view: viewPayload(input.view, ids.teamId, ids.apiAppId),
      state: { values: stateValues(input.view.values ?? {}) },
    });
  }
  const channelId = input.channelId ?? DEFAULT_CHANNEL.id;
  const messageTs = input.messageTs ?? '1700000000.000100';
  return payloadBody({
    ...common,
    container: {
      type: 'message',
      message_ts: messageTs,
      channel_id: channelId,
      is_ephemeral: false,
    },
    channel: {
      id: channelId,
      name: channelId === DEFAULT_CHANNEL.id ? DEFAULT_CHANNEL.name : channelId,
    },
    message: {
      type: 'message',
      user: DEFAULT_SLACK_IDENTITY.botUserId,
      bot_id: DEFAULT_SLACK_IDENTITY.botId,
      text: '',
      ts: messageTs,
      ...input.message,
    },
    state: { values: {} },
    response_url: input.responseUrl ?? UNSET_RESPONSE_URL,
  });
}

export interface ViewSubmissionInput extends Workspace {
  userId: string;
  userName?: string;
  callbackId: string;
  privateMetadata?: string;
  values: ViewValues;
  viewId?: string;
  triggerId?: string;
}

/** A view_submission (the user pressed Submit on a modal): `payload=<json>` form body. */
export function viewSubmissionBody(input: ViewSubmissionInput): string {
  const ids = workspaceIds(input);
  const view: InteractionView = {
    // Slack gives every opened modal its own id.
    id: input.viewId ?? `V0${randomUUID().replace(/-/g, '').slice(0, 9).toUpperCase()}`,
    callbackId: input.callbackId,
    ...(input.privateMetadata !== undefined ? { privateMetadata: input.privateMetadata } : {}),
    values: input.values,
  };
  return payloadBody({
    type: 'view_submission',
    team: { id: ids.teamId, domain: ids.teamDomain },
    user: slackUser(input.userId, input.userName, ids.teamId),
    api_app_id: ids.apiAppId,
    token: TEST_VERIFICATION_TOKEN,
    trigger_id: input.triggerId ?? newTriggerId(),
    view: viewPayload(view, ids.teamId, ids.apiAppId),
    response_urls: [],
    enterprise: null,
    is_enterprise_install: false,
  });
}

export interface BlockSuggestionInput extends Workspace {
  userId: string;
  userName?: string;
  actionId: string;
  blockId: string;
  /** What the user has typed so far. */
  value: string;
  /** Set when the external_select is in a modal; otherwise it is in a channel message. */
  viewCallbackId?: string;
  viewId?: string;
  channelId?: string;
}

/** An options request for an external_select (`block_suggestion`): `payload=<json>` form body. */
export function blockSuggestionBody(input: BlockSuggestionInput): string {
  const ids = workspaceIds(input);
  const inView = input.viewCallbackId !== undefined;
  const viewId = input.viewId ?? 'V0TEST0001';
  const channelId = input.channelId ?? DEFAULT_CHANNEL.id;
  return payloadBody({
    type: 'block_suggestion',
    user: slackUser(input.userId, input.userName, ids.teamId),
    container: inView ? { type: 'view', view_id: viewId } : { type: 'message', channel_id: channelId },
    api_app_id: ids.apiAppId,
    token: TEST_VERIFICATION_TOKEN,
    action_id: input.actionId,
    block_id: input.blockId,
    value: input.value,
    team: { id: ids.teamId, domain: ids.teamDomain },
    enterprise: null,
    is_enterprise_install: false,
    ...(inView
      ? {
          view: viewPayload({ id: viewId, callbackId: input.viewCallbackId }, ids.teamId, ids.apiAppId),
        }
      : { channel: { id: channelId, name: DEFAULT_CHANNEL.name } }),
  });
}

export interface PostSlackOptions {
  signingSecret: string;
  timestampSeconds?: number;
  /** Sign with the wrong secret, as a forged request would be. */
  badSignature?: boolean;
  /** Default: form-encoded, or JSON when the body starts with `{` (Events API). */
  contentType?: string;
}

export interface SlackHttpReply {
  status: number;
  text: string;
  /** The reply parsed as JSON, undefined when empty or not JSON (a bare ack is an empty 200). */
  json: unknown;
}

/** POSTs a signed body to the app the way Slack does. */
export async function postSlack(
  url: string,
  rawBody: string,
  options: PostSlackOptions,
): Promise<SlackHttpReply> {
  const secret = options.badSignature ? `${options.signingSecret}-forged` : options.signingSecret;
  const contentType =
    options.contentType ??
    (rawBody.trimStart().startsWith('{') ? 'application/json' : 'application/x-www-form-urlencoded');
  const response = await fetch(url, {
    method: 'POST',
    // Exactly this content type, no charset: Bolt compares it verbatim before parsing the form.
    headers: {
      'Content-Type': contentType,
      ...signSlackBody(secret, rawBody, options.timestampSeconds),
    },
    body: rawBody,
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = text === '' ? undefined : (JSON.parse(text) as unknown);
  } catch {
    json = undefined;
  }
  return { status: response.status, text, json };
}
