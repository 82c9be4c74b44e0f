import { createHmac, hkdfSync } from 'node:crypto';

/**
 * The key findings are fingerprinted with: derived from ENCRYPTION_KEY (HKDF-SHA256, its own
 * label), so it is never the encryption key itself and a fingerprint cannot be brute-forced
 * from a guessed phone number without the key.
 */
export function fingerprintKeyFrom(encryptionKey: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', encryptionKey, 'databricks-chatops', 'finding-fingerprint:v1', 32));
}

export interface FingerprintInput {
  /** The agent's stable id. */
  agentId: string;
  detector: string;
  rule: string;
  /** The detection's identity (the value, normalised), computed before any redaction. */
  identity: string;
}

/** HMAC-SHA256 of agent + detector + rule + value: the same secret seen again is the same finding. */
export function fingerprint(key: Buffer, input: FingerprintInput): string {
  return createHmac('sha256', key)
    .update([input.agentId, input.detector, input.rule, input.identity].join('\u0000'), 'utf8')
    .digest('hex');
}
