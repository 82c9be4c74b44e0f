import type { TextView } from '../decoding/text-view.js';
import type { Triggers } from '../triggers.js';
import { factoredAlternation } from '../factored-alternation.js';

/**
 * The cheap prefilter in front of the injection phrase families and signals: one scan for the
 * words every family needs (a verb of dropping, the model's instructions, an unrestricted
 * persona, a prompt name, text addressed to the model, conversation markup, in every corpus
 * language), then only windows around those words run the expensive rules. Text with signs of
 * obfuscation (invisible or fullwidth characters, look-alike letters mixed into Latin words,
 * letters spelled out one by one) is read whole after normalization instead.
 */
/** Words or phrases that make a window worth reading on their own (markup, personas, prompt names…). */
export const STRONG = new RegExp(
  [
    // English: phrases that are a signal on their own
    'system override|(?:new|updated|revised|real|true|actual|only) (?:system )?(?:instructions|directives?|rules|task|goal|objective|purpose|job|mission)',
    "(?:don't|do not|never) (?:follow|obey|listen)|(?:mention|reveal|tell|show|disclose)\\b.{0,30}\\buser|without (?:telling|informing|alerting)",
    'system ?(?:prompt|message|instruc)|system-?(?:instrukt|anweis|vorgab)|systeem-?instruct|(?:initial|hidden|original|secret|developer) (?:prompt|instructions|message)|preamble|pre-?prompt',
    'instructions? (?:you|were)|(?:rules|prompt|guidelines|directives?|guidance) (?:you|were|that you)|you were (?:told|given)|told you|were you (?:told|given|instructed)|(?:text|contents?|wording) of (?:your|the hidden|the initial)',
    '(?:text|words|everything|content|instructions) (?:above|before|prior)|your (?:reply|response|answer) with|verbatim|word for word|as you have (?:it|them)|(?:whatever|whichever) (?:ai|assistant|agent|bot|model|llm|copilot)',
    // personas and modes
    '\\b(?:dan|stan|dude)\\b|jailbr|unfilter|uncensor|unrestrict|amoral|unethical|unbound|evil (?:ai|assistant|bot|twin)|do anything now|stay in character|hypothetic',
    '(?:no|without|zero) (?:[a-z]+ )?(?:restrictions|limits|limitations|filters|rules|guidelines|censorship|morals|ethics|content policy|instructions)',
    '(?:developer|god|admin|debug|dan|jailbreak|jailbroken|unrestricted) mode',
    // addressed to the model, markup, tools
    '(?:to|for) (?:the |any |all )?(?:ai|assistant|llm|chatbot|bot|agent|language model|model|gpt|claude|copilot|gemini)s?\\b|if you are an? (?:ai|assistant|llm|language model|chatbot|agent)|(?:reading|processing|summari[sz]ing|parsing) this',
    '\\b(?:assistant|ai|bot|llm|gpt|agent|model|ki|ia)\\s*(?:instructions?\\s*)?[:,\\]]',
    // what the model was told before the user spoke, uncensored personas, in the other languages
    'dir (?:vorher|zu beginn|anfangs|vor )|(?:t|vous).a (?:dit|donné) (?:avant|au début)|te (?:dijeron|indicaron|ordenaron)|(?:te|lhe) (?:disseram|mandaram)|ti (?:hanno detto|è stato detto)|(?:je|jou|u) (?:eerder|vooraf) (?:is|werd)|тебе (?:сказали|говорили|велели)|何を(?:指示|命令|設定)|(?:收到|被告知)了?(?:什么|哪些)',
    'präambel|préambule|preámbulo|preâmbulo|preambolo|preambule|преамбул|前置き|初期設定|前言|(?:deiner|deine) konfiguration|(?:ta|votre) configuration|(?:tu|su) configuración|(?:sua|tua) configuração|tua configurazione|(?:je|jouw) configuratie|(?:твоей|своей|твою|свою) конфигурац|(?:最初|事前|会話の前)に(?:受け取|与えられ|言われ|指示され|何を)',
    'unzensiert|ohne (?:filter|zensur)|non censur|non filtr|sans (?:filtre|censure)|sin (?:censura|filtr)|no censurad|sem (?:censura|filtr)|não censurad|senza (?:censura|filtr)|non censurat|ongecensureerd|ongefilterd|zonder censuur|без цензуры|нецензур|検閲|审查',
    // calling the model (see ./vocative-address.ts)
    '(?:attention|achtung|atención|atencion|attenzione|atenção|atencao|let op|внимание)[,!]? ?(?:the |die |der |la |el |o |a |il |de |l.)?(?:ai|ki|ia|ии|llm|bot|chatbot|agent|assistant|assistent|asistente|assistente|ассистент|language model|large language|sprachmodell|taalmodel|modèle|modelo|modello|модел|языков)',
    // the setup by plain names, the model's own
    '(?:deine|die dir gegebenen) (?:\\w+ )?vorgaben|(?:ton|votre) (?:\\w+ )?(?:cadrage|paramétrage)|texto de configura|testo di configura|starttekst|configuratietekst|(?:свои|твои) (?:исходн|начальн)|(?:setup|starting|opening) (?:instructions|text)',
    // addressed like a letter: "An das Sprachmodell:", "Au modèle :", "モデルへ："
    '(?:an (?:das|den|die)|au|aux|à l.|al|a la|ao|alla|aan (?:het|de)|к|для|para (?:el|la|o|a)) (?:ki|ia|ии|sprachmodell|modèle|modelo|modello|taalmodel|языков|модел|ассистент|assistent|asistente|assistente|chatbot|bot)|(?:モデル|アシスタント|チャットボット|ai)(?:へ|向け)|(?:致|给)(?:ai|模型|助手|聊天机器人)|系统提示|系统指令',
    // the setup by its place: before the user's first message, at the top of the context
    // …or before the user came in: "said to you before I joined"
    '(?:said|sent|written|fed) to you|before (?:i|me) (?:joined|came|arrived|started|got here|showed up)|before mine|bevor ich|ehe ich|antes de que yo|antes de eu|prima che io|te (?:dijeron|indicaron)|ti hanno detto',
    'first message|(?:start|beginning|top) of (?:our|this|the|your) (?:conversation|chat|context)|ersten nachricht|premier message|primer mensaje|primeira mensagem|primo messaggio|eerste bericht|первым сообщением|первого сообщения|最初のメッセージ|第一条消息',
    '<\\||\\[/?inst\\]|<</?sys>>|</?system|^#{2,}',
    // developer mode by its name in other languages, the prompt in Korean and Arabic
    'modo (?:de )?desarrollador|modalità (?:sviluppatore|sviluppo)|modo (?:de )?desenvolvedor|mode (?:de )?développeur|entwickler-?modus|ontwikkelaars?modus|режим\\S* разработчика|開発者モード|开发者模式|개발자 ?모드|وضع المطور|시스템 ?(?:프롬프트|메시지|지시)|موجه النظام|تعليمات النظام|رسالة النظام|숨겨진 (?:지시|지침|프롬프트)|التعليمات (?:المخفية|الأولية|الأصلية|السرية)',
    // Turkish: the prompt by name, developer mode
    'sistem (?:istem|komut|mesaj)|gizli (?:talimat|istem)|geliştirici mod|sansürsüz',
    // credential files an AI is told to read (see ./credential-file-reads.ts)
    '\\.aws/credentials|\\.ssh/id_|\\.netrc|\\.npmrc|\\.pypirc|\\.git-credentials|\\.kube/config|/etc/shadow|\\.docker/config',
    '_[a-z0-9]+ (?:tool|function|action)\\b|(?:outil|fonction|herramienta|ferramenta|strumento|werkzeug|funktion|tool|functie|инструмент|функцию) [a-z0-9]+_',
  ].join('|'),
  'm',
);

/**
 * Words that need company: a verb of dropping, an instruction noun, a second person, a time
 * ("from now on"), in every corpus language. Two different ones near each other make a window.
 */
export const WEAK = new RegExp(
  [
    'ignor|disregard|forget|overrid|bypass|discard|abandon|neglect|overlook|\\bvoid\\b|revok|rescind|supersed|no longer (?:apply|valid)|(?:stop|quit|cease) (?:following|obeying)',
    '\\bskip (?:all|any|the|your|previous|prior)|\\bdrop (?:all|any|your|previous|prior|the (?:previous|prior|above))',
    'instruction|rules|guideline|directive|guidance|polic|programming|restriction|prompt|sistema|systeem|safety|comply|configur|konfigur|конфигурац|eingestellt|festgelegt|entwickler|betreiber|développeurs|opérateurs|desarrolladores|desenvolvedores|sviluppatori|ontwikkelaars|beheerders|разработчик|операторы',
    'mot pour mot|palabra por palabra|palavra por palavra|parola per parola|woord voor woord|wortwörtlich|дословно',
    'assistant|asistente|assistente|assistent|\\bai\\b|\\bllm\\b|\\bgpt\\b|note|nota|opmerking|remarque',
    // the model named by what it does with the text ("the AI reading this")
    'liest|leest|legge|lee esto|lea esto|lê isto|lit ceci|qui lit|que lee|que lê|che legge|die dit|читающ|читает|обрабатыва|読んで|読み込んで|阅读|读取|ии,|ии:',
    'zonder|sans aucun|sin ningun|sem nenhum|senza alcun|ohne jegliche|без каких|без |beperking|ограничени|einschränkung|limite|restricci|restriç|restrizion',
    'fais comme si|haz como si|finge|fai finta|doe alsof|tu so als|pretend|imagine|あなたは|一切',
    // pretending, switching the safety layer off, the setup by plain names, rules declared void
    'fingi|finja|semblant|stell dir vor|притвор|ふりを|なりきって|假装|扮演|guardrail|safeguard|censorship|switch off|turn off|disabl|deactivat|desactiv|desativ|deaktivier|schalte|disattiv|disabilit|schakel|отключ|выключ|解除|关闭|关掉|禁用|绕过|garde-fou|sicherheitsfilter|veiligheidsfilter|(?:your|deine|tus|sus|seus|teus|os seus|tes|vos|i tuoi|je) (?:\\w+ )?filt|(?:свои|твои) фильтр|フィルター|过滤',
    '(?:setup|set-up|initial|starting|opening|original|hidden|internal|configuration|base) (?:text|instructions|message|prompt|notes|brief)|gave you|given you|on you|cadrage|paramétrage|texto de configura|testo di configura|starttekst|исходн|開発者|与えられた|設定|开发者|给你的',
    // set free from rules, restrictions set on the model
    'released|freed|liberated|unshackled|unchained|n.es plus|n.êtes plus|befreit|entbunden|libéré|affranchi|liberad|libre de|libres de|livre d|libero da|libera da|vincolat|vrij van|bevrijd|gebonden|свобод|освобожд|не связан|解放|縛られ|不再受|摆脱|beschränkung|auferlegt|imposé|impus|impost|opgelegd|наложен|課され|设置的|instruktion|système|openai|anthropic|creador|criador|créateur|creator|schöpfer|maker|создател|作成者',
    'no longer|nicht mehr|niet meer|niet langer|s.appliquent|ne (?:valent|vaut|comptent)|ya no|não .{0,12}mais|non .{0,12}più|больше не|適用され|不再',
    'vermeld|vertel|erwähne|verrate|mentionne|menciones|mencione|menzionare|упоминай|сообщай|言わず|伝えず|告诉|透露|mention|disclose',
    // other languages: verbs, nouns, addressees
    'vergi|vergee|missacht|aufgehoben|ungültig|anweisung|vorgabe|richtlinie|regeln|systemprompt|versteckt|jetzt|von nun an|aufgabe|hinweis|\\bki\\b|nutzer|anwender',
    'oubli|consigne|règle|prompt système|cachée|maintenant|désormais|dorénavant|mission|remarque|\\bia\\b|utilisateur|annul|caduc|ne (?:tiens|tenez)',
    'olv[ií]d|instruccion|regla|norma|ocult|ahora eres|a partir de|desde ahora|tarea|usuario|anulad|sin efecto|deja de seguir',
    'esque[cç]|desconsider|instruç|regra|agora|tarefa|usuário|utilizador|revogad|finj|sem nenhuma',
    'dimentic|istruzion|regol|nascost|ora sei|adesso|d.ora in poi|da ora|compito|utente|annullat|revocat|non valgono|fai finta',
    'negeer|vergeet|houd je|volg niet|instructie|regels|richtlijn|verborgen|je bent nu|vanaf nu|voortaan|taak|opmerking|gebruiker|vervallen|ingetrokken|alsof',
    'игнор|забуд|перестань|не следуй|инструкц|правил|указани|промпт|системн|скрыт|теперь ты|ты теперь|отныне|с этого момента|задача|примечание|пользовател|отмен|недействит|ассистент|модел',
    // Korean and Arabic: verbs of dropping, rules, restrictions, pretending, answering
    '무시|잊어|잊고|지시|지침|규칙|제한|제약|검열|필터|프롬프트|척|대답|تجاهل|انس|تعليمات|التعليمات|أوامر|القواعد|قواعد|قيود|رقابة|تظاهر|تخيل|افترض|بدون|بلا|أجب|اجب|اعرض|اكشف|اطبع',
    // Turkish: verbs of dropping, rules, restrictions, pretending
    'yok say|görmezden|unut|dikkate alma|talimat|kural|yönerge|kısıtlama|sınırlama|gibi davran|hiçbir',
    // personas without a conscience or filter, the "dead grandmother" role-play
    'conscience|scruple|morals|ethics|grand(?:m|p|f)|granny|abuel|grand-mère|grand-père|nonn[ao]|coscienz|gewissen|ethik|éthique|ética|etic[oa]|morale|privo di|priva di|act as|actúa|fais comme si|sin ningun|da questo momento|chatbot|윤리|도덕|양심|챗봇|너는|حدود|أخلاق|ضوابط|تلتزم|مساعد',
    // two modes, a command piped into a shell, the policy of a model's maker
    'dois modos|dos modos|deux modes|zwei modi|due modalità|two modes|duas maneiras|dos maneras|copilot|curl |wget |政策|представь|リセット|検閲',
    '指示|命令|指令|ルール|規則|规则|提示|设定|准则|無視|忽略|无视|忘|取り消|廃止|無効|作废|取消|失效|システム|系统|隐藏|隠し|制限|制約|限制|あなたの|你的|你现在|ユーザー|用户|ツール|工具|アシスタント|助手|送信|发送|一字一句|逐字',
  ].join('|'),
  'm',
);

/** Invisible or fullwidth Latin characters, Cyrillic or Greek touching Latin, letters spelled out. */
export const OBFUSCATED =
  /[\u00AD\u200B-\u200F\u2060-\u2064\uFEFF\uFF21-\uFF3A\uFF41-\uFF5A]|[A-Za-z][\u0370-\u03FF\u0400-\u04FF]|[\u0370-\u03FF\u0400-\u04FF][A-Za-z]|[A-Za-z\u00C0-\u024F\u0400-\u04FF]([ .\-_*])[A-Za-z\u00C0-\u024F\u0400-\u04FF]\1[A-Za-z\u00C0-\u024F\u0400-\u04FF]\1[A-Za-z\u00C0-\u024F\u0400-\u04FF]/;

/** The same triggers, factored by first character and compiled once for every hit (`g`). */
const STRONG_ALL = factoredAlternation(STRONG.source, 'gm');
const WEAK_ALL = factoredAlternation(WEAK.source, 'gm');
const STRONG_ANY = factoredAlternation(STRONG.source, 'm');

const WINDOW = 280;
/** Texts shorter than this are read whole when they hold a trigger. */
const WHOLE_TEXT = 1_200;

function slice(view: TextView, start: number, end: number): TextView {
  return {
    via: view.via,
    text: view.text.slice(start, end),
    toOriginal: (from, to) => view.toOriginal(from + start, to + start),
  };
}

/** Whether a (short) text holds a strong trigger, or two different weak ones. */
function worthReading(lower: string): boolean {
  WEAK_ALL.lastIndex = 0;
  let first: string | undefined;
  for (let hit = WEAK_ALL.exec(lower); hit !== null; hit = WEAK_ALL.exec(lower)) {
    if (first === undefined) first = hit[0];
    else if (hit[0] !== first) return true;
  }
  return STRONG_ANY.test(lower);
}

/** Signs of obfuscation: the text must be normalized whole before anything reads it. */
export function looksObfuscated(text: string): boolean {
  return OBFUSCATED.test(text);
}

/** Company: a different word within WINDOW on one side of hit `i` (hits sorted by position). */
function differentNear(hits: readonly { index: number; word: string }[], i: number, step: 1 | -1): boolean {
  for (let j = i + step; j >= 0 && j < hits.length; j += step) {
    if (Math.abs(hits[j]!.index - hits[i]!.index) > WINDOW) return false;
    if (hits[j]!.word !== hits[i]!.word) return true;
  }
  return false;
}

/**
 * The windows of `view` worth reading. `lower` is the view's text in lower case and `obfuscated`
 * whether it `looksObfuscated`, when the caller has them already; `triggers` what the trigger scan
 * found in `lower`.
 */
export function candidateRegions(
  view: TextView,
  lower = view.text.toLowerCase(),
  obfuscated = OBFUSCATED.test(view.text),
  triggers?: Pick<Triggers, 'strong' | 'weakWords'>,
): TextView[] {
  const text = view.text;
  if (obfuscated) return [view];
  // No strong word and one weak word at most (however often): no window has company.
  if (triggers && !triggers.strong && triggers.weakWords < 2) return [];
  // Lower case once (native, fast) so the trigger scans need no case-insensitive matching.
  if (text.length <= WHOLE_TEXT) return triggers?.strong || worthReading(lower) ? [view] : [];
  const hits: { index: number; end: number; strong: boolean; word: string }[] = [];
  for (const [pattern, strong] of [
    [STRONG_ALL, true],
    [WEAK_ALL, false],
  ] as const) {
    pattern.lastIndex = 0;
    for (let hit = pattern.exec(lower); hit !== null; hit = pattern.exec(lower)) {
      hits.push({ index: hit.index, end: hit.index + hit[0].length, strong, word: hit[0] });
      if (hit[0].length === 0) pattern.lastIndex++;
    }
  }
  hits.sort((a, b) => a.index - b.index);
  const windows: [number, number][] = [];
  hits.forEach((hit, i) => {
    if (!hit.strong && !differentNear(hits, i, 1) && !differentNear(hits, i, -1)) return;
    const start = Math.max(0, hit.index - WINDOW);
    const end = Math.min(text.length, hit.end + WINDOW);
    const last = windows.at(-1);
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else windows.push([start, end]);
  });
  return windows.map(([start, end]) => slice(view, start, end));
}
