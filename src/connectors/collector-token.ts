import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A remote collector's bearer token: 32 random bytes, base64url. Shown once, never stored. */
export function newCollectorToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What is stored instead of the token: its SHA-256, hex. */
export function hashCollectorToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Compares a stored hash with a presented token's, in constant time. */
export function tokenMatches(storedHash: string, presentedToken: string): boolean {
  const stored = Buffer.from(storedHash, 'hex');
  const presented = Buffer.from(hashCollectorToken(presentedToken), 'hex');
  return stored.length === presented.length && timingSafeEqual(stored, presented);
}
