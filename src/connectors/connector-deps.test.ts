import { describe, expect, it } from 'vitest';
import { SecretBox } from '../security/secret-box.js';
import { assertConnectorAdmin, requireSecretBox, secretContext } from './connector-deps.js';

describe('connector guards', () => {
  it('refuses to store a secret without ENCRYPTION_KEY, saying how to set it', () => {
    expect(() => requireSecretBox({ secrets: undefined })).toThrow(
      /ENCRYPTION_KEY is not configured, so the bot cannot store a client secret.*openssl rand -base64 32/,
    );
    const box = new SecretBox(Buffer.alloc(32, 1));
    expect(requireSecretBox({ secrets: box })).toBe(box);
  });

  it('lets admins and CLI operators manage connectors, nobody else', () => {
    const deps = { admins: [{ platform: 'slack' as const, id: 'U0ADMIN' }] };
    expect(() => assertConnectorAdmin(deps, { platform: 'slack', id: 'u0admin' })).not.toThrow();
    expect(() => assertConnectorAdmin(deps, { platform: 'cli', id: 'ops' })).not.toThrow();
    expect(() => assertConnectorAdmin(deps, { platform: 'teams', id: 'u0admin' })).toThrow('Only admins');
  });

  it('binds a sealed secret to its connector', () => {
    const box = new SecretBox(Buffer.alloc(32, 1));
    const sealed = box.seal('s3cret', secretContext('a'));
    expect(box.open(sealed, secretContext('a'))).toBe('s3cret');
    expect(() => box.open(sealed, secretContext('b'))).toThrow();
  });
});
