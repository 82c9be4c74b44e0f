/**
 * Every match of a global pattern in a text, as `[...text.matchAll(pattern)]` gives them, without
 * what `matchAll` costs on each call: it clones the pattern, and a clone of a Unicode pattern
 * with look-behinds is compiled again. That cost, paid per phrase per text, was most of the time
 * of the injection phrases on short chat turns. The pattern's `lastIndex` is reset, before and
 * after, so a shared pattern is left as it was found.
 */
export function matchesOf(pattern: RegExp, text: string): RegExpExecArray[] {
  if (!pattern.global) throw new TypeError(`matchesOf needs a global pattern: /${pattern.source}/`);
  const found: RegExpExecArray[] = [];
  pattern.lastIndex = 0;
  for (let hit = pattern.exec(text); hit !== null; hit = pattern.exec(text)) {
    found.push(hit);
    // An empty match: step over one character (one code point in Unicode mode), as matchAll does.
    if (hit[0].length === 0)
      pattern.lastIndex = advance(text, pattern.lastIndex, pattern.unicode || pattern.flags.includes('v'));
  }
  pattern.lastIndex = 0;
  return found;
}

function advance(text: string, index: number, unicode: boolean): number {
  if (!unicode || index + 1 >= text.length) return index + 1;
  const code = text.charCodeAt(index);
  const next = text.charCodeAt(index + 1);
  return code >= 0xd800 && code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff ? index + 2 : index + 1;
}
