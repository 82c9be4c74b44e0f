/**
 * Removes credentials from anything about to be logged, at any depth and in any key case:
 * values under secret-looking keys, bearer tokens, Slack tokens and `client_secret=` in strings,
 * and (when given) the configured secret values themselves wherever they appear.
 */
import { EventEmitter } from 'node:events';

export const REDACTED = '[redacted]';

/** Key names (lower-cased, without `-`, `_` and `.`) whose values are secrets. */
const SECRET_KEY_PARTS = [
  'password',
  'passwd',
  'secret',
  'token',
  'authorization',
  'cookie',
  'signature',
  'apikey',
  'credential',
  'privatekey',
  'encryptionkey',
  'assertion',
];

const SECRET_IN_TEXT: [RegExp, string][] = [
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{4,}/gi, `$1 ${REDACTED}`],
  [/\bxox[abposer]-[A-Za-z0-9-]+/g, REDACTED],
  [/\bxapp-[A-Za-z0-9-]+/g, REDACTED],
  [/\bdapi[a-f0-9]{16,}(-\d+)?/gi, REDACTED],
  [
    /((?:client_secret|client_assertion|password|access_token|refresh_token|id_token)["']?\s*[=:]\s*["']?)[^&"'\s,}]+/gi,
    `$1${REDACTED}`,
  ],
  [/\bv0=[a-f0-9]{64}\b/g, REDACTED],
];

const MAX_DEPTH = 10;
/** Top-level keys whose request/response objects pino-http's serializers reduce to safe fields. */
const PASS_THROUGH = new Set(['req', 'res']);

export function isSecretKey(key: string): boolean {
  const normal = key.toLowerCase().replace(/[-_.\s]/g, '');
  return SECRET_KEY_PARTS.some((part) => normal.includes(part));
}

/** Scrubs secret patterns (and the given literal secrets) out of a string. */
export function scrubText(text: string, secrets: readonly string[] = []): string {
  let scrubbed = text;
  for (const secret of secrets) {
    if (secret.length >= 6 && scrubbed.includes(secret)) scrubbed = scrubbed.split(secret).join(REDACTED);
  }
  for (const [pattern, replacement] of SECRET_IN_TEXT) scrubbed = scrubbed.replace(pattern, replacement);
  return scrubbed;
}

/**
 * A copy of `value` fit to log: secret keys' values replaced, strings scrubbed, errors turned into
 * plain objects (type, message, stack, code, status, their own fields and cause), cycles and
 * depth cut. Buffers and streams are summarised, never dumped.
 */
export function scrubForLog(value: unknown, secrets: readonly string[] = []): unknown {
  const seen = new WeakSet<object>();
  const walk = (item: unknown, depth: number, key = ''): unknown => {
    if (typeof item === 'string') return scrubText(item, secrets);
    if (typeof item !== 'object' || item === null) return item;
    if (seen.has(item)) return '[circular]';
    if (depth > MAX_DEPTH) return '[too deep]';
    seen.add(item);
    if (Buffer.isBuffer(item)) return `[${item.length} bytes]`;
    // Requests, responses, sockets, streams: far too big to walk on every line, and full of
    // headers. The HTTP logger's own serializers reduce `req` and `res` to id, method, url and
    // status; anywhere else they are only named.
    if (item instanceof EventEmitter) {
      return depth === 1 && PASS_THROUGH.has(key) ? item : `[${item.constructor.name}]`;
    }
    if (item instanceof Date) return item;
    if (Array.isArray(item)) return item.slice(0, 100).map((entry) => walk(entry, depth + 1));
    const source = item instanceof Error ? errorFields(item) : (item as Record<string, unknown>);
    const copy: Record<string, unknown> = {};
    for (const [key, entry] of Object.entries(source)) {
      if (typeof entry === 'function') continue;
      copy[key] =
        isSecretKey(key) && entry !== undefined && entry !== null ? REDACTED : walk(entry, depth + 1, key);
    }
    return copy;
  };
  return walk(value, 0);
}

function errorFields(error: Error): Record<string, unknown> {
  const fields: Record<string, unknown> = {
    type: error.constructor?.name ?? error.name,
    message: error.message,
    stack: error.stack,
  };
  for (const [key, entry] of Object.entries(error)) fields[key] = entry;
  if (error.cause !== undefined) fields.cause = error.cause;
  return fields;
}
