/**
 * Text people cannot see but models read: Unicode tag characters (an invisible copy of ASCII),
 * runs of zero-width and bidi control characters, and instructions hidden in base64 or hex.
 */

export interface HiddenPayload {
  rule: 'unicode-tag-smuggling' | 'invisible-characters' | 'encoded-instructions';
  kind: string;
  start: number;
  end: number;
  /** What the hidden text says, when it decodes to text; scanned for injection phrases. */
  decoded?: string;
}

const TAG_RUN = /[\u{E0000}-\u{E007F}]+/gu;
const INVISIBLE_RUN = /[\u200B\u2060-\u2064\u180E\uFEFF\u202A-\u202E\u2066-\u2069]+/g;
const BIDI_OVERRIDE = /[\u202D\u202E\u2066-\u2069]/;
const BASE64 =
  /(?<![A-Za-z0-9+/=_-])(?:[A-Za-z0-9+/]{4}){6,}(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?(?![A-Za-z0-9+/=_-])/g;
const BASE64URL = /(?<![A-Za-z0-9+/=_-])[A-Za-z0-9_-]{32,}(?![A-Za-z0-9+/=_-])/g;
const HEX = /(?<![0-9A-Fa-f])(?:[0-9A-Fa-f]{2}(?:[ :]?)){16,}(?![0-9A-Fa-f])/g;

/** Decoded bytes that read as text: mostly printable ASCII, with letters and spaces. */
function asText(bytes: Buffer): string | undefined {
  if (bytes.length < 12) return undefined;
  let printable = 0;
  for (const byte of bytes)
    if ((byte >= 32 && byte < 127) || byte === 10 || byte === 13 || byte === 9) printable++;
  const text = bytes.toString('utf8');
  if (printable / bytes.length < 0.9 || !/[a-z]{3,} [a-z]{2,}/i.test(text)) return undefined;
  return text;
}

/** Subdivision flags (England, Scotland, Wales) are a black flag followed by tag characters. */
const BLACK_FLAG = '\u{1F3F4}';

function tagRuns(text: string): HiddenPayload[] {
  const runs = [...text.matchAll(TAG_RUN)].filter(
    (found) => text.slice(Math.max(0, found.index - 2), found.index) !== BLACK_FLAG,
  );
  return runs.map((found) => ({
    rule: 'unicode-tag-smuggling' as const,
    kind: 'hidden Unicode tag characters',
    start: found.index,
    end: found.index + found[0].length,
    decoded: [...found[0]]
      .map((ch) => String.fromCodePoint(ch.codePointAt(0)! - 0xe0000))
      .join('')
      .replace(/[^\x20-\x7E\n]/g, ''),
  }));
}

function invisibleRuns(text: string): HiddenPayload[] {
  const runs = [...text.matchAll(INVISIBLE_RUN)].filter(
    (found) => !(found.index === 0 && found[0] === '\uFEFF'),
  );
  const total = runs.reduce((sum, found) => sum + found[0].length, 0);
  if (total < 3 && !runs.some((found) => BIDI_OVERRIDE.test(found[0]))) return [];
  const first = runs[0]!;
  const last = runs.at(-1)!;
  return [
    {
      rule: 'invisible-characters',
      kind: 'invisible or direction-changing characters',
      start: first.index,
      end: last.index + last[0].length,
    },
  ];
}

function encodedRuns(text: string): HiddenPayload[] {
  const found: HiddenPayload[] = [];
  const seen = new Set<number>();
  for (const [pattern, decode] of [
    [BASE64, (value: string) => Buffer.from(value, 'base64')],
    [BASE64URL, (value: string) => Buffer.from(value, 'base64url')],
    [HEX, (value: string) => Buffer.from(value.replace(/[ :]/g, ''), 'hex')],
  ] as const) {
    for (const candidate of text.matchAll(pattern)) {
      if (seen.has(candidate.index)) continue;
      const decoded = asText(decode(candidate[0].trim()));
      if (decoded === undefined) continue;
      seen.add(candidate.index);
      found.push({
        rule: 'encoded-instructions',
        kind: 'text hidden in an encoding',
        start: candidate.index,
        end: candidate.index + candidate[0].trimEnd().length,
        decoded,
      });
    }
  }
  return found;
}

/** Every hidden payload; the caller decides which ones are injections (by what they decode to). */
export function hiddenPayloads(text: string): HiddenPayload[] {
  const hasNonAscii = /[^\t\n\r\x20-\x7E]/.test(text);
  return [...(hasNonAscii ? [...tagRuns(text), ...invisibleRuns(text)] : []), ...encodedRuns(text)];
}
