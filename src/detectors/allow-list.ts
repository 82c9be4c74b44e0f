import { createHash } from 'node:crypto';
import type { AllowEntry } from './policy/agent-policy.js';
import { domainAllowed } from './urls.js';
import type { Detection } from './scanned-text.js';

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

/**
 * Whether an allow-list entry lets a detection through: the entry's detector and rule (when
 * given) must match, and then the value's SHA-256, a pattern on the value, or the domain.
 */
export function isAllowed(detection: Detection, value: string, entries: readonly AllowEntry[]): boolean {
  return entries.some((entry) => {
    if (entry.detector && entry.detector !== detection.detector) return false;
    if (entry.rule && entry.rule !== detection.rule) return false;
    if (entry.valueSha256) {
      const hashes = [sha256Hex(value), sha256Hex(detection.identity)];
      if (entry.valueSha256.some((hash) => hashes.includes(hash))) return true;
    }
    if (entry.pattern && (entry.pattern.test(value) || entry.pattern.test(detection.identity))) return true;
    if (entry.domains && detection.domain && domainAllowed(detection.domain, entry.domains)) return true;
    return false;
  });
}
