import { decodeText } from '../decoding/decode-text.js';
import { originalView, type TextView } from '../decoding/text-view.js';
import type { Match } from '../scanned-text.js';
import { matchesOf } from '../regex-matches.js';
import { triggersOf } from '../triggers.js';
import { isDocumentedExample } from './documented-examples.js';
import { isPlaceholder, SECRET_RULES } from './secret-rules.js';
import { secretlintBatch } from './secretlint-scan.js';

/** The rules with match indices on (`d`), so a capture group's range is exact. */
const COMPILED = SECRET_RULES.map((rule) => ({
  ...rule,
  pattern: new RegExp(rule.pattern.source, `${rule.pattern.flags.replace('d', '')}d`),
}));

/**
 * Every pattern match of our own secret rules in one text, with the secret's own range. Only the
 * rules whose keys the text holds run (see ../triggers.ts).
 */
export function ruleMatches(text: string, triggers = triggersOf([originalView(text)])[0]!): Match[] {
  const matches: Match[] = [];
  for (const index of triggers.secretRules) {
    const rule = COMPILED[index]!;
    if (rule.hint && !rule.hint.test(text)) continue;
    for (const found of matchesOf(rule.pattern, text)) {
      const group = rule.group ?? 0;
      const value = found[group];
      const range = found.indices?.[group];
      if (value === undefined || range === undefined) continue;
      if (rule.accept && !rule.accept(value)) continue;
      const start = range[0];
      matches.push({
        rule: rule.rule,
        kind: rule.kind,
        severity: rule.severity,
        start,
        end: start + value.length,
        identity: value,
      });
    }
  }
  return matches;
}

/** Matches in a view, moved to the original text's ranges (identity stays the decoded value). */
export function inOriginal(view: TextView, matches: readonly Match[]): Match[] {
  if (view.via === 'original') return [...matches];
  return matches.map((match) => {
    const [start, end] = view.toOriginal(match.start, match.end);
    return {
      ...match,
      start,
      end,
      kind: `${match.kind} (${view.via === 'unescaped' ? 'escaped' : `${view.via}-encoded`})`,
    };
  });
}

/** Keeps the first of any overlapping matches (our rules first, then secretlint's, longest first). */
export function withoutOverlaps(matches: Match[]): Match[] {
  const kept: Match[] = [];
  for (const match of matches) {
    if (kept.some((other) => match.start < other.end && other.start < match.end)) continue;
    kept.push(match);
  }
  return kept.sort((a, b) => a.start - b.start);
}

/** A URL whose password is a template (`postgres://user:<password>@host`), not a secret. */
function placeholderUrl(value: string): boolean {
  const password = /^[a-z][\w+.-]*:\/\/[^:@/\s]*:([^@\s]*)@/i.exec(value)?.[1];
  return password !== undefined && (isPlaceholder(password) || /^(?:[<{$%*]|x{3,}|\.{3})/i.test(password));
}

const longestFirst = (a: Match, b: Match) => b.end - b.start - (a.end - a.start);

/** The whole token a match sits in (secretlint's ranges can stop short of the value's end). */
function tokenAround(text: string, match: Match): string {
  TOKEN_CHARACTERS.lastIndex = match.end;
  const rest = TOKEN_CHARACTERS.exec(text);
  TOKEN_CHARACTERS.lastIndex = 0;
  return text.slice(match.start, match.end + (rest?.[0].length ?? 0));
}

/** Token characters from `lastIndex` on (sticky: none is an empty match). */
const TOKEN_CHARACTERS = /[A-Za-z0-9+/=_-]*/y;

/** Not a documented example key or a placeholder. */
function isReal(match: Match, original: string): boolean {
  return (
    !isDocumentedExample(match.identity) &&
    !isDocumentedExample(tokenAround(original, match)) &&
    !placeholderUrl(match.identity)
  );
}

/**
 * Secrets in a decoded text, given secretlint's hits per view (run in batches by the caller):
 * our rules on every view, documented example keys and placeholders dropped, overlaps resolved.
 */
export function secretsIn(
  views: readonly TextView[],
  secretlintHits: readonly Match[][],
  triggers = triggersOf(views),
): Match[] {
  let ours: Match[] | undefined;
  let theirs: Match[] | undefined;
  for (let i = 0; i < views.length; i++) {
    const view = views[i]!;
    const found = secretlintHits[i];
    if (found && found.length > 0) (theirs ??= []).push(...inOriginal(view, found));
    if (view.text.length < 8 || triggers[i]!.secretRules.length === 0) continue;
    (ours ??= []).push(...inOriginal(view, ruleMatches(view.text, triggers[i])));
  }
  if (!ours?.length && !theirs?.length) return [];
  ours ??= [];
  theirs ??= [];
  const original = views[0]?.text ?? '';
  return withoutOverlaps([
    ...ours.filter((match) => isReal(match, original)).sort(longestFirst),
    ...theirs.filter((match) => isReal(match, original)).sort(longestFirst),
  ]);
}

/** The views of a batch that secretlint should see (the rest cannot match its rules). */
export function secretlintInputs(views: readonly TextView[], triggers = triggersOf(views)): boolean[] {
  return views.map((view, i) => view.text.length >= 8 && triggers[i]!.secretlint);
}

/**
 * Secrets in one text: our Databricks, cloud, key, token, password and connection-string rules
 * plus the maintained secretlint preset, on the text and its decoded views. Async only because
 * secretlint is; no side effects.
 */
export async function detectSecrets(text: string): Promise<Match[]> {
  if (text.length < 8) return [];
  const views = decodeText(text);
  const wanted = secretlintInputs(views);
  const batch = await secretlintBatch(views.filter((_, i) => wanted[i]).map((view) => view.text));
  let next = 0;
  const hits = views.map((_, i) => (wanted[i] ? batch[next++]! : []));
  return secretsIn(views, hits);
}
