/** Tests on candidate secret values: placeholders, randomness, JWT structure. */

export const PLACEHOLDER =
  /^(?:<[^>]*>?|\$\{[^}]*\}?|\{\{[^}]*(?:\}\})?|%[A-Z_]+%|x{4,}|\*{3,}|\.{3,}|changeme|redacted|password|secret|example|your[_-]?\w*|(?:replace|insert|enter|paste|fill)[_-]?(?:me|with|your|in|here)\w*|\w*[_-]your[_-]\w*|null|none|undefined|true|false|.*(?:\.{3}|…|x{6,}|\*{3,}).*)$/i;

/** Template text standing in for a secret (`<password>`, `${TOKEN}`, `changeme`). */
export function isPlaceholder(value: string): boolean {
  return PLACEHOLDER.test(value);
}

/** Shannon entropy in bits per character. */
export function entropy(value: string): number {
  const counts = new Map<string, number>();
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const count of counts.values()) {
    const p = count / value.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

export function looksRandom(value: string, minEntropy = 3): boolean {
  return (
    !PLACEHOLDER.test(value) && entropy(value) >= minEntropy && /\d/.test(value) && /[A-Za-z]/.test(value)
  );
}

export function isJwt(value: string): boolean {
  try {
    const header = JSON.parse(Buffer.from(value.split('.')[0]!, 'base64url').toString('utf8')) as unknown;
    return typeof header === 'object' && header !== null && 'alg' in header;
  } catch {
    return false;
  }
}
