import type { Match } from '../scanned-text.js';
import { exfiltrationLinks } from './exfiltration-links.js';
import { hiddenPayloads } from './hidden-text.js';
import { INJECTION_PHRASES, phraseHits, type InjectionPhrase } from './injection-phrases.js';
import { normalize, originalRange } from './normalized-text.js';

const BASE_SEVERITY: Record<string, Match['severity']> = {
  'instruction-override': 'high',
  'role-play-jailbreak': 'high',
  'system-prompt-extraction': 'medium',
  'prompt-delimiter': 'medium',
  'ai-directed-instructions': 'high',
  'exfiltration-instruction': 'high',
  'unicode-tag-smuggling': 'high',
  'invisible-characters': 'medium',
  'encoded-instructions': 'high',
};

/** Phrases that make decoded hidden text an injection (not a phrase about the AI in general). */
const STRONG_PHRASES: readonly InjectionPhrase[] = INJECTION_PHRASES.filter(
  (entry) => entry.rule !== 'ai-directed-instructions' && entry.rule !== 'prompt-delimiter',
);

const ASKS_TO_DECODE =
  /\b(?:decode|base64|hex)\b[^.\n]{0,60}\b(?:follow|execute|run|obey|do what it says|carry out)\b/i;

function squash(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * Prompt injection and jailbreak signals in one text, with their base severity (the role rules
 * decide what counts where): phrases on normalized text, hidden Unicode, encoded instructions,
 * and image/link exfiltration to domains outside `allowedDomains`.
 */
export function detectInjection(text: string, allowedDomains: readonly string[] = []): Match[] {
  const matches: Match[] = [];
  const normalized = normalize(text);
  for (const hit of phraseHits(normalized.text)) {
    const [start, end] = originalRange(normalized, hit.start, hit.end);
    matches.push({
      rule: hit.phrase.rule,
      kind: hit.phrase.kind,
      severity: BASE_SEVERITY[hit.phrase.rule]!,
      start,
      end,
      identity: squash(hit.text),
    });
  }
  for (const payload of hiddenPayloads(text)) {
    const decodedHits = payload.decoded ? phraseHits(normalize(payload.decoded).text, STRONG_PHRASES) : [];
    if (payload.rule === 'encoded-instructions') {
      const around = text.slice(Math.max(0, payload.start - 100), payload.start);
      if (decodedHits.length === 0 && !ASKS_TO_DECODE.test(around)) continue;
    }
    const what = decodedHits[0] ? `: ${decodedHits[0].phrase.kind}` : '';
    matches.push({
      rule: payload.rule,
      kind: `${payload.kind}${what}`,
      severity: BASE_SEVERITY[payload.rule]!,
      start: payload.start,
      end: payload.end,
      identity: decodedHits[0] ? squash(decodedHits[0].text) : payload.rule,
    });
  }
  for (const link of exfiltrationLinks(text, allowedDomains)) {
    matches.push({
      rule: 'markdown-exfiltration',
      kind:
        link.form === 'image'
          ? 'image URL carrying data to an unknown domain'
          : 'link carrying data to an unknown domain',
      severity: link.form === 'image' ? 'high' : 'medium',
      start: link.start,
      end: link.end,
      identity: link.host,
      domain: link.host,
    });
  }
  return matches;
}
