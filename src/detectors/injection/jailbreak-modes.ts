import { B, E, phrases } from './multilingual-phrases.js';

/**
 * "Developer mode" and "two modes" jailbreaks beyond English: the model told it is in a mode
 * (developer, DAN, "sem amarras") where its rules, policies or filters do not apply. The mode's
 * name alone is a phone or browser setting ("Activa el modo desarrollador en Android"), so a rule
 * word must follow it with a negation or a word of suspending on either side: "en este modo no
 * aplicas ninguna política", "le linee guida di sicurezza sono sospese". "Two modes" needs a
 * verb of answering in front ("responda em dois modos") and a mode without rules behind.
 * One pattern per script (see detect-injection.ts).
 */
const MODE =
  '(?:modo (?:de )?desarrollador|modalità (?:sviluppatore|sviluppo|dan)|modo (?:de )?desenvolvedor|mode (?:de )?développeur|entwicklermodus|entwickler-modus|ontwikkelaarsmodus|ontwikkelaarmodus|modo dan|mode dan|dan-modus)';
const NEGATION =
  '(?:no|ningun[ao]?|sin|sem|nenhum[ao]?|não|senza|nessun[ao]?|non|keine?[nrs]?|ohne|sans|aucune?|ne|geen|zonder|niet)';
const RULES =
  '(?:polític\\p{L}*|politic\\p{L}*|regel\\p{L}*|regol\\p{L}*|regras?|reglas?|règles?|linee guida|richtlinien|directrices|diretrizes|lignes directrices|richtlijnen|restri\\p{L}*|einschränkung\\p{L}*|beperking\\p{L}*|filt\\p{L}*|censur\\p{L}*|zensur|censuur|limit\\p{L}*|grenzen)';
const SUSPENDED =
  '(?:sospes[eio]|disattivat[eio]|suspendid[ao]s|suspens[ao]s|desactivad[ao]s|desativad[ao]s|suspendues|désactivées|levées|aufgehoben|deaktiviert|außer kraft|opgeschort|uitgeschakeld|no aplican|não se aplicam|non si applicano|ne s.appliquent plus|gelten nicht)';
const ANSWER =
  '(?:responde|responda|respondé|contesta|réponds|répondez|antworte|antwortet|rispondi|rispondete|antwoord|answer|respond|reply)';
const TWO = '(?:dos|dois|duas|deux|zwei|due|twee|two)';
const WAYS =
  '(?:modos|modi|modes|modi|maneras|maneiras|manières|façons|arten|weisen|manieren|ways|versiones|versões|versions|respuestas|respostas|réponses|antworten|risposte|antwoorden|answers|responses)';

/**
 * The rest of the sentence, and the next one at most: "Modo desarrollador activado. En este modo…"
 * (letters spelled out with dots leave ".:" behind: "a.k.t.i.v.:").
 */
const NEXT = '[^.!?\\n]{0,50}?(?:[.!?:]+ [^.!?\\n]{0,50}?)?';

const LATIN = [
  `${B}${MODE}${E}${NEXT}${B}${NEGATION}${E}[^.\\n]{0,30}?${B}${RULES}`,
  `${B}${MODE}${E}${NEXT}${B}${RULES}[^.\\n]{0,40}?${B}${SUSPENDED}${E}`,
  `${B}${ANSWER}${E}[^.\\n]{0,20}${B}${TWO} ${WAYS}${E}[^\\n]{0,120}?(?:${B}${NEGATION}${E}[^.\\n]{0,20}?${B}${RULES}|\\bdan\\b|jailbr|sem amarras|sin ataduras|sans entraves|senza catene|ohne fesseln|uncensored|unfiltered|sin censura|sem censura|sans censure|senza censura|unzensiert)`,
];
const CYRILLIC = [
  `${B}режим\\p{L}* (?:разработчика|dan)${E}[^\\n]{0,80}?(?:${B}(?:нет|без|не действуют|отключены|сняты)${E}[^.\\n]{0,30}?(?:правил|ограничени|фильтр|цензур|политик))`,
  `${B}(?:отвечай|ответь)${E}[^.\\n]{0,20}(?:двумя способами|в двух режимах|два ответа)[^\\n]{0,120}?(?:без (?:правил|ограничений|цензуры|фильтров)|\\bdan\\b)`,
];
const CJK = [
  `開発者モード[^\\n]{0,40}?(?:ポリシー|ルール|制限|制約|検閲|フィルター|ガイドライン)(?:は|が|を|も)?[^。\\n]{0,10}?(?:無視|適用されない|ない|なし|解除|無効)`,
  `开发者模式[^\\n]{0,40}?(?:政策|规则|限制|审查|过滤|准则)[^。\\n]{0,10}?(?:不再适用|无效|解除|忽略|不受|没有)|开发者模式[^\\n]{0,40}?(?:不受|没有|无视|忽略|不用管|不必遵守)(?:任何)?[^。\\n]{0,10}?(?:政策|规则|限制|审查|过滤|准则)`,
];

export const JAILBREAK_MODE_PHRASES = phrases('role-play-jailbreak', 'role-play jailbreak', [
  ...LATIN,
  ...CYRILLIC,
  ...CJK,
]);
