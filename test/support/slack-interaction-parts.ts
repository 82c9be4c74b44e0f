/**
 * The pieces shared by the interaction payloads in slack-requests.ts: user, team and view
 * objects, action entries and input state, shaped like Slack's interaction payload reference.
 */
import { randomBytes } from 'node:crypto';
import { DEFAULT_SLACK_IDENTITY } from '../fakes/fake-slack-api.js';

export interface Workspace {
  teamId?: string;
  teamDomain?: string;
  apiAppId?: string;
}

export interface ActionInput {
  action_id: string;
  value: string;
  block_id?: string;
  /** `button` (default), or e.g. `static_select` / `external_select` (sent as `selected_option`). */
  type?: string;
  text?: string;
}

/** A view the user interacted with (block actions inside a modal or Home tab). */
export interface InteractionView {
  id: string;
  callbackId?: string;
  privateMetadata?: string;
  type?: 'modal' | 'home';
  values?: ViewValues;
}

/**
 * Input state by block_id then action_id. A string is shorthand for a plain_text_input value;
 * anything else is sent as given (e.g. `{ type: 'static_select', selected_option: {...} }`).
 */
export type ViewValues = Record<string, Record<string, string | Record<string, unknown>>>;

export const DEFAULT_CHANNEL = { id: 'C0TEST0001', name: 'databricks-ops' };

let triggerSequence = 0;

/** Trigger ids look like `12345.98765.abcd2358fdea`; each one is unique. */
export function newTriggerId(): string {
  return `${nowSeconds()}.${++triggerSequence}.${randomBytes(6).toString('hex')}`;
}

export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

export function slackTs(): string {
  return (Date.now() / 1000).toFixed(6);
}

export function workspaceIds(input: Workspace): Required<Workspace> {
  return {
    teamId: input.teamId ?? DEFAULT_SLACK_IDENTITY.teamId,
    teamDomain: input.teamDomain ?? DEFAULT_SLACK_IDENTITY.teamDomain,
    apiAppId: input.apiAppId ?? DEFAULT_SLACK_IDENTITY.appId,
  };
}

export function slackUser(id: string, name: string | undefined, teamId: string): Record<string, string> {
  const username = name ?? id.toLowerCase();
  return { id, username, name: username, team_id: teamId };
}

export function payloadBody(payload: Record<string, unknown>): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

export function actionPayload(action: ActionInput, actionTs: string): Record<string, unknown> {
  const type = action.type ?? 'button';
  const text = { type: 'plain_text', text: action.text ?? action.value, emoji: true };
  const base = {
    type,
    action_id: action.action_id,
    block_id: action.block_id ?? 'actions',
    action_ts: actionTs,
  };
  if (type.endsWith('_select')) return { ...base, selected_option: { text, value: action.value } };
  return { ...base, text, value: action.value };
}

export function stateValues(values: ViewValues): Record<string, Record<string, unknown>> {
  return Object.fromEntries(
    Object.entries(values).map(([blockId, byAction]) => [
      blockId,
      Object.fromEntries(
        Object.entries(byAction).map(([actionId, value]) => [
          actionId,
          typeof value === 'string' ? { type: 'plain_text_input', value } : value,
        ]),
      ),
    ]),
  );
}

export function viewPayload(view: InteractionView, teamId: string, appId: string): Record<string, unknown> {
  return {
    id: view.id,
    team_id: teamId,
    type: view.type ?? 'modal',
    blocks: [],
    private_metadata: view.privateMetadata ?? '',
    callback_id: view.callbackId ?? '',
    state: { values: stateValues(view.values ?? {}) },
    hash: '1700000000.abcdef12',
    title: { type: 'plain_text', text: 'Databricks', emoji: true },
    clear_on_close: false,
    notify_on_close: false,
    close: null,
    submit: { type: 'plain_text', text: 'Submit', emoji: true },
    previous_view_id: null,
    root_view_id: view.id,
    app_id: appId,
    external_id: '',
    app_installed_team_id: teamId,
    bot_id: DEFAULT_SLACK_IDENTITY.botId,
  };
}
