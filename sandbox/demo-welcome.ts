import type { ChatMessage } from '../src/messages/chat-message.js';
import { DEMO_CHANNELS, DEMO_GROUPS, DEMO_USERS } from './demo-account.js';
import { DEMO_ACCOUNT_UUID, DEMO_WORKSPACE_SP } from './demo-workspace.js';

/** The first message of every demo person's DM: who is who, and what to try. */
export function welcomeMessage(emulatorUrl: string): ChatMessage {
  return {
    kind: 'sandbox.welcome',
    title: 'Welcome to the databricks-chatops sandbox',
    body: [
      'Everything here runs on this machine: the bot, a fake Databricks account and a Databricks workspace emulator with 90 days of demo usage and a support agent with two suspicious traces. Switch person with "You are" at the top left; each sees their own DMs.',
    ],
    fields: [
      { label: 'People', value: DEMO_USERS.map((u) => `${u.name} (${u.role})`).join(' · ') },
      {
        label: 'Requestable groups',
        value:
          'analysts → data-analysts (1 approval, up to 8h) · prod-admins → prod-workspace-admins (2 approvals, up to 4h)',
      },
      { label: 'Account groups', value: DEMO_GROUPS.join(', ') },
      { label: 'Channels', value: DEMO_CHANNELS.map((c) => `#${c}`).join(', ') },
    ],
    context: [
      'As Riley: `/databricks request-access` (a form), then switch to Avery to approve it in #access-approvals; "+1 hour" moves time to see the reminder and the expiry.',
      'In #finops: the budget alert (Acknowledge, Snooze), `/databricks cost 30d by workspace`, `/databricks alerts`.',
      'In #security: the agent findings (secret redacted, prompt injection), `/databricks findings`, `/databricks agents`.',
      `As Ada (admin): \`/databricks connectors\`, \`/databricks subscribe connectors\` in a channel, \`/databricks connect\` (workspace ${emulatorUrl}, account ${DEMO_ACCOUNT_UUID}, client ${DEMO_WORKSPACE_SP.clientId}, secret ${DEMO_WORKSPACE_SP.clientSecret}).`,
      '`/databricks help` lists every command.',
    ],
  };
}
