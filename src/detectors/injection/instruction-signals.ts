import { matchesOf } from '../regex-matches.js';
import { wordStartFirst } from '../word-start-first.js';

/**
 * Structural signals of injection, sentence by sentence, in the corpus languages: what an attack
 * does rather than how one phrasing says it.
 * - **Voiding the model's instructions**: a word of dropping or voiding (ignore, overlook, void,
 *   revoked, aufgehoben, non valgono più, отменены, 取り消され) with the model's instructions as
 *   the object (instructions, directives, guidance, what you were told) and a qualifier that
 *   points at the model's own (previous, prior, all, your, from now on).
 * - **Denying the model has rules**: "you have no guidelines", "fais comme si tu n'avais reçu
 *   aucune consigne", "假设你没有任何规则" — a second person or a "pretend" with a negated rule.
 * - **Text addressed to the model**: a sentence opening "Assistant:", "For AI models:", "Wichtig
 *   für den Bot:", "アシスタントへ" — counted only where outside content reaches the model.
 * Runs on normalized text (see ../decoding/matching-text.ts).
 */
const L = '\\p{L}';
const W = (source: string) => wordStartFirst(new RegExp(`(?<![${L}])(?:${source})(?![${L}])`, 'u'));

const VOID = W(
  [
    'ignor\\p{L}*|disregard\\p{L}*|overlook\\p{L}*|forget|discard|bypass|override|void|null and void|revoked|cancell?ed|rescinded|superseded by this|no longer (?:apply|valid|in force)',
    'vergiss|vergessen|missacht\\p{L}*|aufgehoben|ungültig|außer kraft|gelten nicht mehr',
    'oublie\\p{L}*|annulée?s?|caduques?|ne (?:valent|s.appliquent) plus',
    'olvid\\p{L}*|anulad[ao]s?|sin efecto|ya no (?:valen|aplican)',
    'esque[cç]\\p{L}*|desconsider\\p{L}*|anulad[ao]s?|revogad[ao]s?|não valem mais',
    'dimentic\\p{L}*|annullat[ei]|revocat[ei]|non valgono più',
    'negeer|vergeet|vervallen|ingetrokken|gelden niet meer',
    'игнориру\\p{L}*|забуд\\p{L}*|отмен\\p{L}*|недействительн\\p{L}*',
  ].join('|'),
);
const VOID_CJK = /無視|忘れ|取り消|廃止|無効|忽略|无视|忘掉|忘记|作废|取消|失效/u;

const INSTRUCTIONS = W(
  [
    "instructions?|directives?|guidance|guidelines?|rules|polic(?:y|ies)|prompts?|system message|programming|orders|(?:you were|you have been|you've been) (?:told|given)|told you",
    'anweisungen|vorgaben|richtlinien|regeln|befehle|was (?:man )?dir (?:gesagt|vorgegeben)',
    'instructions|consignes|règles|directives|politiques|ce qu.on t.a dit',
    'instrucciones|reglas|directrices|políticas|normas|lo que te dijeron',
    'instruções|regras|diretrizes|políticas|o que te disseram',
    'istruzioni|regole|direttive|politiche|ciò che ti è stato detto',
    'instructies|regels|richtlijnen|wat je (?:is|werd) verteld',
    'инструкци\\p{L}*|указани\\p{L}*|правил\\p{L}*|директив\\p{L}*',
  ].join('|'),
);
const INSTRUCTIONS_CJK = /指示|命令|指令|ルール|規則|规则|提示词|设定|准则/u;

const OWN_OR_PRIOR = W(
  [
    'previous|prior|earlier|above|preceding|all|every|any|your|from now on|from this point',
    'vorherigen|bisherigen|früheren|alle|deine|ab jetzt|von nun an',
    'précédentes?|antérieures?|toutes?|tes|vos|désormais',
    'anteriores?|previas?|todas?|tus|desde ahora|a partir de ahora',
    'anteriores?|prévias?|todas?|suas|tuas|a partir de agora',
    'precedenti|tutte|tue|d.ora in poi|da ora',
    'vorige|eerdere|alle|je|jouw|vanaf nu',
    'предыдущие|прежние|прошлые|все|твои|свои|отныне',
  ].join('|'),
);
const OWN_OR_PRIOR_CJK = /以前|これまで|前の|上記|すべて|全て|あなたの|之前|以前|先前|所有|你的|从现在/u;

const NEGATED_RULES = W(
  [
    '(?:no|without|zero) (?:\\p{L}+ )?(?:rules|guidelines|restrictions|limits|instructions|filters|policies)',
    '(?:keine|ohne) (?:\\p{L}+ )?(?:regeln|richtlinien|einschränkungen|vorgaben|anweisungen)',
    '(?:aucune?|sans) (?:\\p{L}+ )?(?:règles?|consignes?|restrictions?|limites?|instructions?)',
    '(?:ninguna?|sin) (?:\\p{L}+ )?(?:reglas?|restricci\\p{L}+|límites?|instrucci\\p{L}+)',
    '(?:nenhuma?|sem) (?:\\p{L}+ )?(?:regras?|restriç\\p{L}+|limites?|instruç\\p{L}+)',
    '(?:nessuna?|senza) (?:\\p{L}+ )?(?:regol\\p{L}+|restrizion\\p{L}+|limit\\p{L}+|istruzion\\p{L}+)',
    'geen (?:enkele )?(?:\\p{L}+ )?(?:regels?|richtlijn\\p{L}*|beperking\\p{L}*|instructies?)',
    '(?:нет|без|никаких) (?:\\p{L}+ )?(?:правил|ограничений|инструкций)',
  ].join('|'),
);
const NEGATED_RULES_CJK =
  /没有(?:任何)?[^，。]{0,4}(?:规则|限制)|无(?:任何)?(?:规则|限制)|(?:ルール|制限|制約)(?:が|の)?(?:ない|なし)/u;

const YOU_OR_PRETEND = W(
  [
    'you|pretend|imagine|act as if|suppose',
    'du|tu so als|stell dir vor',
    'tu|fais comme si|imagine',
    'tú|haz como si|finge|imagina',
    'você|finja|imagine',
    'fai finta|immagina',
    'je|doe alsof|stel je voor',
    'ты|представь|притворись',
  ].join('|'),
);
const YOU_OR_PRETEND_CJK = /你|假设|假装|想象|あなた|ふりをして|仮定/u;

const ADDRESSED =
  /(?:^|["'>:{[(]\s*)(?:\[\s*)?(?:(?:important|note|wichtig|hinweis|nota|note|remarque|важно)[^:\n]{0,20}(?:for|für|pour|para|per|voor|для) (?:the |den |le |el |o |i |de )?(?:bot|ai|ki|ia|ии|assistant\p{L}*|modell?\p{L}*|model\p{L}*|языков\p{L}* модел\p{L}*)|(?:for|für|pour|para|per|voor|для) (?:the |den |les |los |os |i |de )?(?:ai |ki-|ia |ии-)?(?:modell?\p{L}*|models|modèles|bots?|assistant\p{L}*|языков\p{L}* модел\p{L}*)|(?:ai )?(?:assistant|asistente|assistente|assistent|ассистент)|ai|bot|llm|gpt|agent|アシスタントへ|ai(?:アシスタント)?へ|助手|给ai)\s*(?:instructions?\s*)?(?:\]|:|：|,|，)/iu;

export interface InstructionSignal {
  rule: 'instruction-override' | 'role-play-jailbreak' | 'ai-directed-instructions';
  kind: string;
  start: number;
  end: number;
  text: string;
}

const SENTENCE = /[^.!?。！？;；\n]+[.!?。！？;；]?/gu;

export function instructionSignals(normalized: string): InstructionSignal[] {
  const found: InstructionSignal[] = [];
  for (const sentence of matchesOf(SENTENCE, normalized)) {
    const text = sentence[0];
    if (text.trim().length < 6) continue;
    const end = sentence.index + text.length;
    /** The signal starts at its trigger word, so a quotation around it is seen as one. */
    const from = (...patterns: RegExp[]) => {
      const index = Math.min(...patterns.map((p) => p.exec(text)?.index ?? Infinity));
      const start = sentence.index + (Number.isFinite(index) ? index : 0);
      return { start, end, text: normalized.slice(start, end).trim() };
    };
    const at = { start: sentence.index, end, text: text.trim() };
    const voids = VOID.test(text) || VOID_CJK.test(text);
    const instructions = voids && (INSTRUCTIONS.test(text) || INSTRUCTIONS_CJK.test(text));
    if (instructions && (OWN_OR_PRIOR.test(text) || OWN_OR_PRIOR_CJK.test(text))) {
      found.push({ rule: 'instruction-override', kind: 'instruction override', ...from(VOID, VOID_CJK) });
    } else if (
      (NEGATED_RULES.test(text) || NEGATED_RULES_CJK.test(text)) &&
      (YOU_OR_PRETEND.test(text) || YOU_OR_PRETEND_CJK.test(text))
    ) {
      found.push({
        rule: 'role-play-jailbreak',
        kind: 'telling the model it has no rules',
        ...from(YOU_OR_PRETEND, YOU_OR_PRETEND_CJK, NEGATED_RULES, NEGATED_RULES_CJK),
      });
    }
    if (ADDRESSED.test(text))
      found.push({ rule: 'ai-directed-instructions', kind: 'text addressed to the AI', ...at });
  }
  return found;
}
