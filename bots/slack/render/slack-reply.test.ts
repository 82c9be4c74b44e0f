import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mention } from '../../../src/messages/chat-message.js';
import { ephemeral, formErrors, inChannel, slackReply } from './slack-reply.js';

const HOSTILE = '<!channel> <!here> <!everyone> <@U0VICTIM1> <https://evil.example|click> & co';

describe('slackReply: the only way a Slack reply is made', () => {
  it('escapes everything typed into a one-line reply, in text and blocks, ephemeral or not', () => {
    for (const payload of [
      ephemeral(slackReply(`Subscribed to ${HOSTILE}`)),
      inChannel(slackReply(HOSTILE)),
    ]) {
      const json = JSON.stringify(payload);
      expect(json).not.toMatch(/<!|<@|<https/);
      expect(json).toContain('&lt;!channel&gt;');
      expect(json).toContain('&amp; co');
    }
  });

  it('keeps our own mentions and formatting', () => {
    const reply = slackReply(`:bell: *Done* for ${mention({ platform: 'slack', id: 'U0APPROVE1' })}`);
    expect(reply.text).toBe(':bell: *Done* for <@U0APPROVE1>');
  });

  it('escapes form errors too', () => {
    expect(JSON.stringify(formErrors({ group: `No group "${HOSTILE}"` }))).not.toMatch(/<!|<@/);
  });

  it('is what every Slack listener replies with: no hand-built text payloads', async () => {
    const dir = path.resolve(import.meta.dirname, '../listeners');
    const files = (await readdir(dir, { recursive: true })).filter(
      (f) => f.endsWith('.ts') && !f.endsWith('.test.ts'),
    );
    const offenders: string[] = [];
    for (const file of files) {
      const source = await readFile(path.join(dir, file), 'utf8');
      // A reply payload written as an object literal with a `text` (or `blocks`) of its own.
      // (An options answer to a select is not a message: its labels are plain text from the policy.)
      for (const match of source.matchAll(/(respond|ack|postMessage)\(\s*\{[^}]*\b(text|blocks)\s*:/g)) {
        if (/^ack\(\s*\{\s*options:/.test(match[0])) continue;
        offenders.push(`${file}: ${match[0].replace(/\s+/g, ' ')}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});
