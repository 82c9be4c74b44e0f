import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.js';

function capture(secrets: string[] = []) {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      callback();
    },
  });
  return { log: createLogger({ level: 'debug', secrets }, stream), lines };
}

describe('the logger strips credentials by construction', () => {
  it('at any depth and in any key case', () => {
    const { log, lines } = capture();
    log.info(
      {
        a: { b: { c: { d: { e: { Authorization: 'Bearer abc.def.ghi', COOKIE: 'sid=1' } } } } },
        headers: { 'X-Slack-Signature': 'v0=abc', 'x-api-key': 'k-123456' },
        client_secret: 'cs-123456',
        Client_Secret: 'cs-654321',
        nested: [{ PassWord: 'hunter22' }, { refreshToken: 'r-123456' }],
        count: 3,
      },
      'request',
    );
    const line = lines.join('\n');
    for (const secret of [
      'abc.def.ghi',
      'sid=1',
      'v0=abc',
      'k-123456',
      'cs-123456',
      'cs-654321',
      'hunter22',
      'r-123456',
    ]) {
      expect(line).not.toContain(secret);
    }
    expect(JSON.parse(line)).toMatchObject({
      count: 3,
      a: { b: { c: { d: { e: { Authorization: '[redacted]' } } } } },
    });
  });

  it('in string values and messages: bearer tokens, Slack tokens, client_secret= and configured secrets', () => {
    const { log, lines } = capture(['my-configured-secret']);
    log.warn(
      { body: 'grant_type=client_credentials&client_secret=topsecret1&scope=all' },
      'header Bearer xyz123456789',
    );
    log.error('token xoxb-1234-5678-abcdef and my-configured-secret leaked');
    const text = lines.join('\n');
    for (const secret of ['topsecret1', 'xyz123456789', 'xoxb-1234-5678-abcdef', 'my-configured-secret']) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain('grant_type=client_credentials');
  });

  it('keeps what an error says, minus what its request carried', () => {
    const { log, lines } = capture();
    const error = Object.assign(new Error('connect ECONNREFUSED'), {
      code: 'ECONNREFUSED',
      original: { config: { headers: { Authorization: 'Bearer xoxb-secret-token' } } },
      cause: Object.assign(new Error('socket'), {
        request: { headers: { authorization: 'Basic dXNlcjpwYXNz' } },
      }),
    });
    log.error({ err: error }, 'Slack call failed');
    const record = JSON.parse(lines[0]!) as { err: Record<string, unknown> };
    expect(record.err).toMatchObject({ message: 'connect ECONNREFUSED', code: 'ECONNREFUSED' });
    expect(String(record.err.stack)).toContain('connect ECONNREFUSED');
    expect(lines[0]).not.toContain('xoxb-secret-token');
    expect(lines[0]).not.toContain('dXNlcjpwYXNz');
  });
});
