import { isUtf8 } from 'node:buffer';
import type { Encodings } from '../triggers.js';
import { regionView, type TextView } from './text-view.js';
import { matchesOf } from '../regex-matches.js';

/**
 * Base64 (standard and URL-safe) and hex runs that decode to text (valid UTF-8, no control
 * characters, mostly letters), as views of their decoded text: a base64 config, an HTTP Basic
 * header, a hex-encoded instruction. Runs that decode to bytes (keys, hashes, images) are not text
 * and give no view.
 */
const BASE64 = /(?<![A-Za-z0-9+/_-])[A-Za-z0-9+/_-]{16,}={0,2}(?![A-Za-z0-9+/=_-])/g;
const HEX = /(?<![0-9A-Fa-f])(?:[0-9A-Fa-f]{2}[ :]?){12,}(?![0-9A-Fa-f])/g;
// eslint-disable-next-line no-control-regex -- control characters are what this looks for
const CONTROL = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F]/;
const MAX_REGIONS = 64;

/** The decoded bytes when they read as text, else undefined. */
export function bytesAsText(bytes: Buffer): string | undefined {
  if (bytes.length < 8) return undefined;
  // Checked without decoding first: most runs (URL paths, ids) are not UTF-8, and a throwing
  // decoder costs an exception each.
  if (!isUtf8(bytes)) return undefined;
  const decoded = bytes.toString('utf8');
  const text = decoded.startsWith('\uFEFF') ? decoded.slice(1) : decoded; // as TextDecoder does
  if (CONTROL.test(text)) return undefined;
  const letters = text.match(/[\p{L}\s]/gu)?.length ?? 0;
  return letters / [...text].length >= 0.4 ? text : undefined;
}

function base64Text(run: string): string | undefined {
  // A run of letters only is a word or an identifier far more often than base64.
  if (!/[\d+/_-]/.test(run) && !/[A-Z].*[a-z]|[a-z].*[A-Z]/.test(run)) return undefined;
  const urlSafe = /[_-]/.test(run);
  return bytesAsText(Buffer.from(run, urlSafe ? 'base64url' : 'base64'));
}

/** A base64 or hex run `encodedRegions` would try to decode (both need 16 characters or more). */
export const ENCODED_RUN_SOURCE = `${BASE64.source}|${HEX.source}`;

const BASE64_AT = new RegExp(BASE64.source, 'y');
/** Lower-cases to `k`: a base64 run of the lower-cased text may then start before the original's. */
const KELVIN = '\u212A';

/** The base64 matches that start at `starts` (where every match starts, see `Encodings.base64Starts`). */
function base64At(text: string, starts: readonly number[]): RegExpExecArray[] {
  const found: RegExpExecArray[] = [];
  for (const start of starts) {
    BASE64_AT.lastIndex = start;
    const match = BASE64_AT.exec(text);
    if (match) found.push(match);
  }
  BASE64_AT.lastIndex = 0;
  return found;
}

/** The decoded regions of a view; `runs`: its base64 and hex runs, when the trigger scan saw them. */
export function encodedRegions(view: TextView, runs?: Encodings): TextView[] {
  const text = view.text;
  const views: TextView[] = [];
  if (text.length < 16) return views;
  const starts = runs?.base64Starts && !text.includes(KELVIN) ? runs.base64Starts : undefined;
  const base64 = starts ? base64At(text, starts) : runs?.base64 === false ? [] : matchesOf(BASE64, text);
  for (const found of base64) {
    if (views.length >= MAX_REGIONS) break;
    const decoded = base64Text(found[0]);
    if (decoded !== undefined)
      views.push(regionView('base64', view, found.index, found.index + found[0].length, decoded));
  }
  for (const found of runs?.hex === false ? [] : matchesOf(HEX, text)) {
    if (views.length >= MAX_REGIONS) break;
    const run = found[0].trimEnd();
    const decoded = bytesAsText(Buffer.from(run.replace(/[ :]/g, ''), 'hex'));
    if (decoded !== undefined)
      views.push(regionView('hex', view, found.index, found.index + run.length, decoded));
  }
  return views;
}
