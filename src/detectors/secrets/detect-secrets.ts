import type { Match } from '../scanned-text.js';
import { isPlaceholder, SECRET_RULES } from './secret-rules.js';
import { secretlintMatches } from './secretlint-scan.js';

/** The rules with match indices on (`d`), so a capture group's range is exact. */
const COMPILED = SECRET_RULES.map((rule) => ({
  ...rule,
  pattern: new RegExp(rule.pattern.source, `${rule.pattern.flags.replace('d', '')}d`),
}));

/** Every pattern match of our own secret rules, with the secret's own range. */
export function ruleMatches(text: string): Match[] {
  const matches: Match[] = [];
  for (const rule of COMPILED) {
    for (const found of text.matchAll(rule.pattern)) {
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

/**
 * Secrets in one text: our Databricks, cloud, key, token and connection-string rules plus the
 * maintained secretlint preset. Async only because secretlint is; no side effects.
 */
export async function detectSecrets(text: string): Promise<Match[]> {
  if (text.length < 8) return [];
  const ours = ruleMatches(text).sort((a, b) => b.end - b.start - (a.end - a.start));
  const theirs = (await secretlintMatches(text))
    .filter((match) => !placeholderUrl(match.identity))
    .sort((a, b) => b.end - b.start - (a.end - a.start));
  return withoutOverlaps([...ours, ...theirs]);
}
