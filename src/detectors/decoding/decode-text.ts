import type { Encodings } from '../triggers.js';
import { encodedRegions } from './encoded-regions.js';
import { originalView, type TextView } from './text-view.js';
import { unescapedView } from './unescape.js';

/**
 * The decoding stage, run once per text and shared by every detector: the original text, the
 * text with URL, HTML and JSON escapes undone, and the decoded text of every base64 or hex run
 * in either (itself unescaped once more: a base64 JSON config, a URL-encoded secret in base64).
 * Every view maps its ranges back to the original, for redaction and evidence. `found`: what the
 * trigger scan found in the text (see ../triggers.ts), when the caller has it: the scans for the
 * rest are skipped.
 */
export function decodeText(text: string, found?: Encodings): TextView[] {
  const original = originalView(text);
  const views: TextView[] = [original];
  const unescaped = found?.escape === false ? undefined : unescapedView(original);
  if (unescaped) views.push(unescaped);
  // Unescaping can make runs; without it, only what the trigger scan found is there.
  for (const region of encodedRegions(unescaped ?? original, unescaped ? undefined : found)) {
    views.push(region);
    const inner = unescapedView(region);
    if (inner) views.push({ ...inner, via: region.via });
  }
  return views;
}

/** Whether a view shows decoded content (base64 or hex), not the text as written. */
export function isDecoded(view: TextView): boolean {
  return view.via === 'base64' || view.via === 'hex';
}
