import { decodeText, isDecoded } from '../decoding/decode-text.js';
import { matchingText } from '../decoding/matching-text.js';
import type { TextView } from '../decoding/text-view.js';
import type { Match } from '../scanned-text.js';
import { candidateRegions, looksObfuscated } from './candidate-regions.js';
import { exfiltrationInstructions } from './exfiltration-instructions.js';
import { exfiltrationLinks } from './exfiltration-links.js';
import { instructionSignals } from './instruction-signals.js';
import { writtenForPeople } from './instructions-to-people.js';
import { supersededVersion } from './superseded-versions.js';
import { hiddenPayloads } from './hidden-text.js';
import { INJECTION_PHRASES, phraseHits, type InjectionPhrase } from './injection-phrases.js';
import { MULTILINGUAL_PHRASES } from './multilingual-phrases.js';
import { FREED_FROM_RULES_PHRASES } from './freed-from-rules.js';
import { SETUP_BY_POSITION_PHRASES } from './setup-by-position.js';
import { KOREAN_ARABIC_PHRASES } from './korean-arabic-phrases.js';
import { TURKISH_PHRASES } from './turkish-phrases.js';
import { UNBOUND_PERSONA_PHRASES } from './unbound-personas.js';
import { CREDENTIAL_FILE_READ_PHRASES } from './credential-file-reads.js';
import { JAILBREAK_MODE_PHRASES } from './jailbreak-modes.js';
import { PLANTED_COMMAND_PHRASES } from './planted-commands.js';
import { speechOf } from './reported-speech.js';
import { triggersOf } from '../triggers.js';

const BASE_SEVERITY: Record<string, Match['severity']> = {
  'instruction-override': 'high',
  'role-play-jailbreak': 'high',
  'system-prompt-extraction': 'medium',
  'prompt-delimiter': 'medium',
  'ai-directed-instructions': 'high',
  'exfiltration-instruction': 'high',
  'concealed-instruction': 'high',
  'tool-instruction': 'medium',
  'unicode-tag-smuggling': 'high',
  'invisible-characters': 'medium',
  'encoded-instructions': 'high',
};

const ALL_PHRASES: readonly InjectionPhrase[] = [
  ...INJECTION_PHRASES,
  ...MULTILINGUAL_PHRASES,
  ...FREED_FROM_RULES_PHRASES,
  ...SETUP_BY_POSITION_PHRASES,
  ...KOREAN_ARABIC_PHRASES,
  ...TURKISH_PHRASES,
  ...UNBOUND_PERSONA_PHRASES,
  ...CREDENTIAL_FILE_READ_PHRASES,
  ...JAILBREAK_MODE_PHRASES,
  ...PLANTED_COMMAND_PHRASES,
];
/** Phrases that make decoded hidden text an injection (not a phrase about the AI in general). */
const STRONG_PHRASES: readonly InjectionPhrase[] = ALL_PHRASES.filter(
  (entry) => entry.rule !== 'ai-directed-instructions' && entry.rule !== 'prompt-delimiter',
);
const ASKS_TO_DECODE =
  /\b(?:decode|base64|hex)\b[^.\n]{0,60}\b(?:follow|execute|run|obey|do what it says|carry out)\b/i;

const SENDS_OUT = /https?:\/\/|@/;

function exfiltrationHits(text: string) {
  return exfiltrationInstructions(text).map((hit) => ({
    ...hit,
    rule: 'exfiltration-instruction' as const,
    kind: 'instruction to send data out',
  }));
}

function squash(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

const CJK = /[\u3040-\u30FF\u3400-\u9FFF]/;
const CYRILLIC = /[\u0400-\u04FF]/;
const HANGUL = /[\u1100-\u11FF\u3130-\u318F\uAC00-\uD7AF]/;
const ARABIC = /[\u0600-\u06FF]/;
const SCRIPTS = [
  ['cjk', CJK],
  ['cyrillic', CYRILLIC],
  ['hangul', HANGUL],
  ['arabic', ARABIC],
] as const;
const scriptOf = (phrase: InjectionPhrase) =>
  SCRIPTS.find(([, letters]) => letters.test(phrase.pattern.source))?.[0] ?? 'latin';
/** Each set of phrases by script, Latin first (one list per set, so its scan is built once). */
const BY_SCRIPT = new Map<readonly InjectionPhrase[], InjectionPhrase[]>();
const SCRIPT = new Map<InjectionPhrase, string>();
const scriptOfPhrase = (phrase: InjectionPhrase) => SCRIPT.get(phrase)!;

/**
 * The phrases worth running on a text, in the order of `byScript`: Japanese, Chinese, Russian,
 * Korean and Arabic ones only where that script is.
 */
function phraseHitsFor(text: string, phrases: readonly InjectionPhrase[]) {
  let ordered = BY_SCRIPT.get(phrases);
  if (!ordered) {
    for (const phrase of phrases) SCRIPT.set(phrase, scriptOf(phrase));
    ordered = ['latin', ...SCRIPTS.map(([script]) => script)].flatMap((script) =>
      phrases.filter((p) => SCRIPT.get(p) === script),
    );
    BY_SCRIPT.set(phrases, ordered);
  }
  const present = new Set(SCRIPTS.filter(([, letters]) => letters.test(text)).map(([script]) => script));
  return phraseHits(
    text,
    ordered,
    (phrase) => {
      const script = SCRIPT.get(phrase)!;
      return script === 'latin' || present.has(script as (typeof SCRIPTS)[number][0]);
    },
    scriptOfPhrase,
  );
}

function phraseMatches(view: TextView, original: string, phrases: readonly InjectionPhrase[]): Match[] {
  const normalized = matchingText(view);
  const matches: Match[] = [];
  const hits = [
    ...phraseHitsFor(normalized.text, phrases).map((hit) => ({
      ...hit,
      rule: hit.phrase.rule,
      kind: hit.phrase.kind,
    })),
    ...(isDecoded(view) ? exfiltrationHits(normalized.text) : []),
    ...instructionSignals(normalized.text).filter(
      (hit) => phrases !== STRONG_PHRASES || hit.rule !== 'ai-directed-instructions',
    ),
  ];
  for (const hit of hits) {
    const [start, end] = normalized.toOriginal(hit.start, hit.end);
    let severity = BASE_SEVERITY[hit.rule]!;
    if (view.via === 'original') {
      const speech = speechOf(original, start);
      if (speech === 'reported') continue;
      if (speech === 'quoted') severity = 'low';
    }
    matches.push({ rule: hit.rule, kind: hit.kind, severity, start, end, identity: squash(hit.text) });
  }
  return matches;
}

function decodedMatches(view: TextView, original: string): Match[] {
  const hits = phraseMatches(view, original, STRONG_PHRASES);
  const [start, end] = view.toOriginal(0, view.text.length);
  if (hits.length === 0) {
    const around = original.slice(Math.max(0, start - 100), start);
    if (!ASKS_TO_DECODE.test(around)) return [];
  }
  const what = hits[0] ? `: ${hits[0].kind}` : '';
  return [
    {
      rule: 'encoded-instructions',
      kind: `text hidden in ${view.via}${what}`,
      severity: BASE_SEVERITY['encoded-instructions']!,
      start,
      end,
      identity: hits[0]?.identity ?? 'encoded-instructions',
    },
  ];
}

/**
 * Prompt injection and jailbreak signals in one text, with their base severity (the role rules
 * decide what counts where): phrase families in ten languages and an exfiltration instruction on
 * every decoded view of the text (so URL-encoded, HTML-escaped, base64 and hex instructions are
 * read too), hidden Unicode, and image/link exfiltration to domains outside `allowedDomains`.
 * Quoted attack phrases in awareness text are not reported; other quoted ones are lowered.
 */
export function detectInjectionIn(
  views: readonly TextView[],
  allowedDomains: readonly string[] = [],
  originalLower = views[0]!.text.toLowerCase(),
  /** Per view, what the trigger scan found (see ../triggers.ts). */
  triggers = triggersOf(views),
): Match[] {
  const original = views[0]!.text;
  const matches: Match[] = [];
  // Nothing decoded and no trigger: none of the rules below can match.
  if (views.length === 1 && !triggers[0]!.injection) return matches;
  for (let i = 0; i < views.length; i++) {
    const view = views[i]!;
    if (isDecoded(view)) {
      matches.push(...decodedMatches(view, original));
      continue;
    }
    const lower = i === 0 ? originalLower : view.text.toLowerCase();
    const found = triggers[i]!;
    const obfuscated = found.obfuscated && looksObfuscated(view.text);
    for (const region of candidateRegions(view, lower, obfuscated, found))
      matches.push(...phraseMatches(region, original, ALL_PHRASES));
    // Sending data out needs a URL or an address, a verb of sending and something to send.
    if (!obfuscated && (!(found.url || found.at) || !found.sending)) continue;
    const readable = obfuscated ? matchingText(view) : { text: lower, toOriginal: view.toOriginal };
    const sent = SENDS_OUT.test(readable.text) ? exfiltrationHits(readable.text) : [];
    for (const hit of sent) {
      const [start, end] = readable.toOriginal(hit.start, hit.end);
      if (speechOf(original, start) === 'reported') continue;
      const severity = BASE_SEVERITY[hit.rule]!;
      matches.push({ rule: hit.rule, kind: hit.kind, severity, start, end, identity: squash(hit.text) });
    }
  }
  for (const payload of triggers[0]!.hidden ? hiddenPayloads(original) : []) {
    const decodedHits = payload.decoded
      ? phraseHits(
          matchingText({ via: 'original', text: payload.decoded, toOriginal: (s, e) => [s, e] }).text,
          STRONG_PHRASES,
        )
      : [];
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
  const linked = triggers[0]!.url && triggers[0]!.linkMarkup;
  for (const link of linked ? exfiltrationLinks(original, allowedDomains) : []) {
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
  // Instructions to people (an incident page telling staff where to forward a chat, a changelog
  // telling readers that version 3 replaces the old guidelines) are not attacks.
  const attacks = matches.filter(
    (m) =>
      (m.rule !== 'exfiltration-instruction' || !writtenForPeople(originalLower, m.start, m.end)) &&
      (m.rule !== 'instruction-override' || !supersededVersion(originalLower, m.start, m.end)),
  );
  return withoutRepeats(attacks);
}

/** One rule over overlapping ranges (two views, or a phrase and a structural hit) counts once. */
function withoutRepeats(matches: Match[]): Match[] {
  const kept: Match[] = [];
  for (const match of matches) {
    if (!kept.some((o) => o.rule === match.rule && match.start < o.end && o.start < match.end))
      kept.push(match);
  }
  return kept;
}

export function detectInjection(text: string, allowedDomains: readonly string[] = []): Match[] {
  return detectInjectionIn(decodeText(text), allowedDomains);
}
