import type { Match } from '../scanned-text.js';
import { injectionClassifierAt, type InjectionClassifierSettings } from './injection-classifier.js';

export const CLASSIFIER_RULE = 'injection-classifier';

/** At or above this score the classifier's finding is as severe as a phrase rule's. */
const VERY_HIGH_SCORE = 0.99;
/** Shorter texts say too little to score ("ok", "thanks!"). */
const MIN_CHARS = 20;
/** Long texts are scored in windows of about this size, so one paragraph is not drowned out. */
const WINDOW_CHARS = 1_000;

/** Windows of about `WINDOW_CHARS`, each ending at white space when there is one near its end. */
export function classifierWindows(text: string): { start: number; end: number }[] {
  const windows: { start: number; end: number }[] = [];
  let start = 0;
  while (start < text.length) {
    let end = Math.min(text.length, start + WINDOW_CHARS);
    if (end < text.length) {
      const space = text.lastIndexOf(' ', end);
      const newline = text.lastIndexOf('\n', end);
      const cut = Math.max(space, newline);
      if (cut > start + WINDOW_CHARS / 2) end = cut + 1;
    }
    windows.push({ start, end });
    start = end;
  }
  return windows;
}

const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

/**
 * What the classifier finds in each text: the best-scoring window when it reaches the threshold,
 * as a match whose kind carries the score ("classifier score 0.93"). All windows of all texts go
 * to the model in batches.
 */
export async function classifierMatches(
  texts: readonly string[],
  settings: InjectionClassifierSettings,
): Promise<(Match | undefined)[]> {
  const windows = texts.map((text) => (text.trim().length < MIN_CHARS ? [] : classifierWindows(text)));
  const pieces = texts.flatMap((text, i) => windows[i]!.map(({ start, end }) => text.slice(start, end)));
  if (pieces.length === 0) return texts.map(() => undefined);
  const classifier = await injectionClassifierAt(settings.modelPath);
  const scores = await classifier.scores(pieces);
  let next = 0;
  return texts.map((text, i) => {
    let best: { start: number; end: number; score: number } | undefined;
    for (const window of windows[i]!) {
      const score = scores[next++]!;
      if (score >= settings.threshold && score > (best?.score ?? -1)) best = { ...window, score };
    }
    if (!best) return undefined;
    return {
      rule: CLASSIFIER_RULE,
      kind: `likely prompt injection (classifier score ${(Math.floor(best.score * 100) / 100).toFixed(2)})`,
      severity: best.score >= VERY_HIGH_SCORE ? 'high' : 'medium',
      start: best.start,
      end: best.end,
      identity: squash(text.slice(best.start, best.end)).slice(0, 200),
    };
  });
}
