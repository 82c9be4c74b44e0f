/**
 * What people do in Slack, sent to the bot's real front door as signed requests: slash
 * commands and button clicks, each with a response_url of its own on the fake Slack, and a
 * record of every command and whether Slack got its HTTP 200 acknowledgement.
 */
import { ACCESS_ACTIONS } from '../../../src/access/access-messages.js';
import type { FakeSlackApi } from '../../fakes/fake-slack-api.js';
import { blockActionsBody, postSlack, slashCommandBody } from '../../support/slack-requests.js';
import { APPROVER } from './fault-cast.js';

export const SIGNING_SECRET = 'fault-suite-signing-secret';

export interface SentCommand {
  id: string;
  userId: string;
  text: string;
  sentAt: number;
  /** HTTP status of the acknowledgement, or 0 when the request did not reach the bot. */
  status: number;
  ackedAt?: number;
}

export class SlackFrontDoor {
  readonly commands: SentCommand[] = [];
  private sequence = 0;

  constructor(
    private readonly slack: FakeSlackApi,
    private readonly webUrl: () => string,
  ) {}

  /** `/databricks <text>` from a user; resolves once Slack has its acknowledgement. */
  async command(userId: string, text: string): Promise<SentCommand> {
    const sent: SentCommand = { id: `cmd-${++this.sequence}`, userId, text, sentAt: Date.now(), status: 0 };
    this.commands.push(sent);
    const body = slashCommandBody({ userId, text, responseUrl: this.slack.responseUrl(sent.id) });
    try {
      const reply = await postSlack(`${this.webUrl()}/slack/events`, body, { signingSecret: SIGNING_SECRET });
      sent.status = reply.status;
      sent.ackedAt = Date.now();
    } catch {
      sent.status = 0;
    }
    return sent;
  }

  /** The first answer the command got on its response_url (bounded wait). */
  async reply(command: SentCommand, timeoutMs = 30_000): Promise<string> {
    const response = await this.slack.waitForResponse((r) => r.id === command.id, timeoutMs);
    return typeof response.body.text === 'string' ? response.body.text : JSON.stringify(response.body);
  }

  /** The approver clicks Approve on a request's approval card. */
  approve(requestId: string): Promise<number> {
    return this.click(APPROVER.id, ACCESS_ACTIONS.approve, requestId);
  }

  /** The grantee clicks Extend on their expiry warning. */
  extend(userId: string, grantId: string): Promise<number> {
    return this.click(userId, ACCESS_ACTIONS.extend, grantId);
  }

  /** `userId` clicks the button `actionId` carrying `value`; resolves with the HTTP status. */
  async click(userId: string, actionId: string, value: string): Promise<number> {
    const body = blockActionsBody({
      userId,
      actions: [{ action_id: actionId, value }],
      responseUrl: this.slack.responseUrl(`act-${++this.sequence}`),
    });
    const reply = await postSlack(`${this.webUrl()}/slack/events`, body, { signingSecret: SIGNING_SECRET });
    return reply.status;
  }
}

/** The request's number (`AR-1042`) in the bot's answer to `request-access`, when it sent it to the approvers. */
export function pendingRequestNumber(replyText: string): number | undefined {
  const match = /AR-(\d+): your request .* was sent to the approvers/.exec(replyText);
  return match ? Number(match[1]) : undefined;
}
