import { matchesOf } from './regex-matches.js';

/** URLs in text and domain matching, shared by the exfiltration and outbound-domain rules. */

export interface FoundUrl {
  url: URL;
  start: number;
  end: number;
}

const URL_PATTERN = /\bhttps?:\/\/[^\s<>"'`)\]}]+/gi;

/** Every http(s) URL in the text, trailing punctuation trimmed. */
export function findUrls(text: string): FoundUrl[] {
  const found: FoundUrl[] = [];
  for (const candidate of matchesOf(URL_PATTERN, text)) {
    const raw = candidate[0].replace(/[.,;:!?]+$/, '');
    try {
      found.push({ url: new URL(raw), start: candidate.index, end: candidate.index + raw.length });
    } catch {
      // Not a URL after all.
    }
  }
  return found;
}

/** A host is allowed when it is one of the domains or a subdomain of one (`*.` prefixes are the same). */
export function domainAllowed(host: string, domains: readonly string[]): boolean {
  const name = host.toLowerCase().replace(/\.$/, '');
  return domains.some((domain) => {
    const allowed = domain.toLowerCase().replace(/^\*\./, '').replace(/\.$/, '');
    return name === allowed || name.endsWith(`.${allowed}`);
  });
}

/** Whether a URL carries data in its query or fragment (long values, templates, encoded blobs). */
export function carriesData(url: URL): boolean {
  const values = [...url.searchParams.values()];
  if (url.hash.length > 16) values.push(url.hash.slice(1));
  return values.some(
    (value) =>
      value.length >= 12 ||
      /[{[<$%]/.test(value) ||
      (value.length >= 8 && /[A-Za-z]/.test(value) && /\d/.test(value)),
  );
}
