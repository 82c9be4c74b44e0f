import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeBotConnector, type FakeBotConnector } from './fakes/fake-bot-connector.js';
import { startTestBot, type TestBot } from './support/test-bot.js';

let bot: TestBot;
let connector: FakeBotConnector;

beforeAll(async () => {
  connector = await startFakeBotConnector();
  bot = await startTestBot({ env: { TEAMS_ALLOW_ANONYMOUS: 'true' } });
});
afterAll(async () => {
  await bot.stop();
  await connector.close();
});

function messageActivity(text: string) {
  return {
    type: 'message',
    id: `incoming-${Math.random().toString(36).slice(2)}`,
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl: connector.serviceUrl,
    from: { id: '29:teams-user-1', name: 'Alice', aadObjectId: '00000000-0000-0000-0000-00000000a11c' },
    conversation: { id: 'a:personal-chat-1', conversationType: 'personal', tenantId: 'tenant-1' },
    recipient: { id: '28:bot-id', name: 'databricks' },
    text,
  };
}

describe('the Teams front end (botbuilder CloudAdapter on /api/messages)', () => {
  it('answers `help` with an Adaptive Card listing the commands', async () => {
    const response = await fetch(`${bot.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(messageActivity('help')),
    });
    expect(response.status).toBeLessThan(300);
    const reply = await connector.waitForCall((call) => call.conversationId === 'a:personal-chat-1');
    const attachment = (
      reply.body.attachments as { contentType: string; content: { version: string } }[]
    )[0]!;
    expect(attachment.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(attachment.content.version).toBe('1.5');
    expect(JSON.stringify(attachment.content)).toContain('request-access');
  });
});
