/**
 * Every string a person reads on an Adaptive Card: TextBlock text, facts, input labels and
 * placeholders, choice titles, button titles, with those of nested cards (Action.ShowCard).
 */
export function shownTextsOf(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(shownTextsOf);
  if (typeof node !== 'object' || node === null) return [];
  const element = node as Record<string, unknown>;
  const own = ['text', 'title', 'value', 'label', 'placeholder', 'errorMessage']
    .map((key) => element[key])
    .filter((value): value is string => typeof value === 'string');
  // An input's `value` is what is pre-filled, not text we wrote; data payloads are never shown.
  const shown = typeof element.type === 'string' && element.type.startsWith('Input.') ? own.slice(0, 0) : own;
  const nested = Object.entries(element)
    .filter(([key]) => key !== 'data' && key !== 'refresh' && key !== 'choices.data')
    .flatMap(([, value]) => (typeof value === 'object' ? shownTextsOf(value) : []));
  return [...shown, ...nested, ...inputTexts(element)];
}

function inputTexts(element: Record<string, unknown>): string[] {
  if (typeof element.type !== 'string' || !element.type.startsWith('Input.')) return [];
  return ['label', 'placeholder', 'errorMessage']
    .map((key) => element[key])
    .filter((value): value is string => typeof value === 'string');
}

/** Markup Teams would show literally: a code span's backticks, a backslash escape. */
export function literalMarkupIn(texts: string[]): string[] {
  return texts.filter((text) => text.includes('`') || /\\[\\`*_{}[\]()#+\-.!<>~|]/.test(text));
}
