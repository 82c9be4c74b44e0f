import { describe, expect, it } from 'vitest';
import { fingerprint, fingerprintKeyFrom } from './fingerprint.js';

describe('finding fingerprints', () => {
  const key = fingerprintKeyFrom(Buffer.alloc(32, 7));
  const base = { agentId: 'a1', detector: 'secrets', rule: 'databricks-token', identity: 'dapi123' };

  it('is stable for the same agent, rule and value, and differs otherwise', () => {
    expect(fingerprint(key, base)).toBe(fingerprint(key, { ...base }));
    expect(fingerprint(key, base)).not.toBe(fingerprint(key, { ...base, agentId: 'a2' }));
    expect(fingerprint(key, base)).not.toBe(fingerprint(key, { ...base, identity: 'dapi124' }));
    expect(fingerprint(key, base)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('depends on the key and does not contain the value', () => {
    const other = fingerprintKeyFrom(Buffer.alloc(32, 8));
    expect(fingerprint(key, base)).not.toBe(fingerprint(other, base));
    expect(key.equals(Buffer.alloc(32, 7))).toBe(false);
  });
});
