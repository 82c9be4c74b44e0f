import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SecretBox } from './secret-box.js';

describe('SecretBox (AES-256-GCM)', () => {
  const box = new SecretBox(randomBytes(32));

  it('round-trips a secret and never stores it in the clear', () => {
    const sealed = box.seal('dose-super-secret', 'connector:1');
    expect(sealed.includes(Buffer.from('dose-super-secret'))).toBe(false);
    expect(box.open(sealed, 'connector:1')).toBe('dose-super-secret');
  });

  it('uses a fresh IV each time', () => {
    expect(box.seal('same', 'a').equals(box.seal('same', 'a'))).toBe(false);
  });

  it('refuses a secret moved to another row, tampered with, or opened with another key', () => {
    const sealed = box.seal('s3cret', 'connector:1');
    expect(() => box.open(sealed, 'connector:2')).toThrow();
    const tampered = Buffer.from(sealed);
    tampered[tampered.length - 1]! ^= 1;
    expect(() => box.open(tampered, 'connector:1')).toThrow();
    expect(() => new SecretBox(randomBytes(32)).open(sealed, 'connector:1')).toThrow();
  });
});
