import { wordStartFirst } from '../word-start-first.js';
/**
 * Attack phrases that a text quotes rather than says: a security tip, a training slide or a
 * red-team report citing "ignore all previous instructions" as an example. A hit inside
 * quotation marks in a text with awareness words (example, attack, such as, phishing, training…,
 * in the corpus languages; Korean and Arabic ones inside longer words, Turkish ones with their endings, as they attach endings) is reported speech; a quoted hit without them is only lowered.
 */
/** Quotation marks that open a quotation, and the mark that closes it. */
const OPENERS = new Map<number, number>(
  [
    ['«', '»'],
    ['„', '“'],
    ['“', '”'],
    ['「', '」'],
    ['『', '』'],
    ['‘', '’'],
  ].map(([open, close]) => [open!.charCodeAt(0), close!.charCodeAt(0)]),
);
/** Closing marks that end a quotation whatever opened it. */
const CLOSERS = new Set([...'”»」』'].map((mark) => mark.charCodeAt(0)));
const STRAIGHT = 0x22; // "
/** Every quotation mark is `"` or above `«` (ASCII letters, digits and punctuation are skipped). */
const FIRST_CURLY = 0xab;

/** Whether `start` sits inside a quotation on its line (any of the common quotation styles). */
export function insideQuotes(text: string, start: number): boolean {
  const lineStart = Math.max(text.lastIndexOf('\n', start - 1) + 1, start - 400);
  const open: number[] = [];
  let straight = false;
  // In JSON, straight quotes delimit values, not quotations.
  const json = /^\s*[[{]/.test(text);
  for (let i = lineStart; i < start; i++) {
    const code = text.charCodeAt(i);
    if (code === STRAIGHT) straight = !json && !straight;
    else if (code < FIRST_CURLY) continue;
    else if (open.length > 0 && code === open.at(-1)) open.pop();
    else if (OPENERS.has(code)) open.push(OPENERS.get(code)!);
    else if (CLOSERS.has(code)) open.pop();
  }
  return straight || open.length > 0;
}

const AWARENESS = wordStartFirst(
  /(?<![\p{L}])(?:such as|like|e\.g\.|for example|example|examples|phrases?|attacks?|attackers?|injection|jailbreak|phishing|red-?team|training|security tip|beware|warning|report(?:ed)?|wie|beispiele?|angriff\p{L}*|sätze|schulung|sicherheitshinweis|melden|comme|exemple|attaques?|sécurité|signalez|como|ejemplo|ataques?|frases|inyección|seguridad|exemplo|injeção|segurança|denuncie|come|esempio|attacchi|frasi|sicurezza|segnalatele|zoals|voorbeeld|aanvall?en|zinnen|beveiliging\p{L}*|injectie|вроде|например|пример|атак\p{L}*|инъекци\p{L}*|безопасност\p{L}*)(?![\p{L}])|ような|例|攻撃|注意|インジェクション|研修|类似|例如|示例|攻击|注入|安全|培训|예시|예를 들|공격|보안|인젝션|교육|مثال|مثل|هجوم|هجمات|أمان|الأمن|حقن|تدريب|(?<![\p{L}])(?:örne\p{L}*|saldırı\p{L}*|güvenlik|enjeksiyon\p{L}*|eğitim\p{L}*)/iu,
);

export type Speech = 'said' | 'quoted' | 'reported';

export function speechOf(text: string, start: number): Speech {
  if (!insideQuotes(text, start)) return 'said';
  return AWARENESS.test(text) ? 'reported' : 'quoted';
}
