import { z } from 'zod';

/** Our rows are keyed by UUIDs; Postgres accepts any 8-4-4-4-12 hex string as one. */
const recordId = z.guid();

/**
 * Whether a value handed back by a button or a form can be one of our record ids. Anything else
 * (`------------------------------------`, 36 `a`s, a foreign id) is "not found" without ever
 * reaching Postgres, where it would be an invalid-uuid error (22P02).
 */
export function isRecordId(value: unknown): value is string {
  return recordId.safeParse(value).success;
}
