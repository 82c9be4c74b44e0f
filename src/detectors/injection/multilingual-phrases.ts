import type { InjectionPhrase, InjectionRule } from './injection-phrases.js';
import { wordStartFirst } from '../word-start-first.js';

/**
 * Injection phrase families beyond English (de, fr, es, pt, it, nl, ja, zh, ru), matched on
 * normalized text (lower case, NFKC, look-alikes folded). Each family is the shape of the
 * attack, not a fixed sentence: a verb of dropping (ignore, forget, stop following) with the
 * model's instructions or rules as its object within a few words; a request to print the system
 * prompt or hidden instructions (or its preamble, its configuration, what it was told before the
 * user spoke); "you are now …" or "answer as …" with "without any restrictions"/"uncensored"; "your
 * new task is"; the model named by what it does with the text ("the AI reading this"); and telling
 * the model to keep something from the user. `B`/`E` are Unicode word edges.
 */
export const B = '(?<![\\p{L}\\p{N}_])';
export const E = '(?![\\p{L}\\p{N}_])';
/** Up to four plain words between a verb and its object (punctuation ends the phrase). */
export const GAP = "(?: [\\p{L}'’-]+){0,4}?";

/** Who sets the model's rules, in German ("dein Betreiber", "die Entwickler"). */
const OWNER =
  '(?:dein\\p{L}* |die |der )(?:betreiber|entwickler|hersteller|anbieter|ersteller|programmierer)\\p{L}*';

const OVERRIDE = [
  // de
  `${B}(?:ignorier(?:e|en sie)?|missachte|vergiss|vergessen sie|übergehe|verwirf|umgehe)${E}${GAP} (?:anweisungen|instruktionen|richtlinien|regeln|vorgaben|befehle|systemprompt|systemanweisungen|einschränkungen)${E}`,
  `${B}vergiss alles,? was (?:man )?dir`,
  // (a dot before a comma is what letters spelled out with dots leave behind: "e.i.n.f.a.c.h.,")
  `${B}vergiss(?! nicht)${E}(?:[^.\\n]|\\.(?=,)){0,40}${B}was (?:(?:man|${OWNER}) dir|dir (?:man|${OWNER})) (?:\\p{L}+ )?(?:vorgeschrieben|gesagt|aufgetragen|befohlen|vorgegeben|eingeschärft|beigebracht)`,
  `${B}deine (?:neue|eigentliche|wahre|einzige) aufgabe (?:ist|lautet)${E}`,
  `${B}(?:ab jetzt|von nun an|ab sofort)${E}[^.\\n]{0,60}ohne (?:jegliche |alle |irgendwelche )?(?:einschränkungen|beschränkungen|filter|regeln)`,
  // fr
  `${B}(?:ignore[zs]?|oublie[zs]?|ne (?:tiens|tenez) (?:plus |pas )?compte|fais abstraction|contourne[zs]?)${E}${GAP} (?:instructions|consignes|règles|directives|prompt système|restrictions|cadrage|paramétrage)${E}`,
  `${B}oublie[zs]? tout ce qu(?:'|’|e )on (?:t|vous)`,
  `${B}(?:ta|votre) nouvelle (?:mission|tâche|instruction|consigne) (?:est|consiste)${E}`,
  `${B}(?:désormais|dorénavant|à partir de maintenant)${E}[^.\\n]{0,60}sans (?:aucune? |la moindre |le moindre )?(?:restriction|limite|filtre|règle|censure)`,
  // es
  `${B}(?:ignora|ignore|ignoren|olvida|olvide|olvídate de|omite|descarta|deja de seguir|no sigas|desobedece)${E}${GAP} (?:instrucciones|reglas|directrices|indicaciones|normas|restricciones|prompt del sistema)${E}`,
  `${B}olvida todo lo que te (?:dijeron|han dicho|dije)`,
  `${B}tu (?:nueva|verdadera|única) (?:tarea|misión|instrucción|función) (?:es|será)${E}`,
  `${B}(?:a partir de ahora|desde ahora)${E}[^.\\n]{0,60}sin (?:ninguna |ningún )?(?:restricci|límite|filtro|regla)`,
  // pt
  `${B}(?:ignore|ignora|esqueça|esqueca|desconsidere|desconsidera|descarte|pare de seguir|não siga)${E}${GAP} (?:instruções|instrucoes|regras|diretrizes|orientações|restrições|prompt de sistema)${E}`,
  `${B}esqueça tudo o que (?:te|lhe) disseram`,
  `${B}(?:sua|tua) (?:nova|verdadeira|única) (?:tarefa|missão|função) é${E}`,
  `${B}(?:a partir de agora|de agora em diante)${E}[^.\\n]{0,60}sem (?:nenhuma |qualquer )?(?:restriç|limite|filtro|regra)`,
  // it
  `${B}(?:ignora|ignorate|dimentica|dimenticate|non seguire(?: più)?|trascura|scarta|tralascia)${E}${GAP} (?:istruzioni|regole|direttive|linee guida|restrizioni|prompt di sistema)${E}`,
  `${B}dimentica tutto (?:ciò|quello) che ti (?:è stato|hanno) dett`,
  `${B}il tuo (?:nuovo|vero|unico) (?:compito|obiettivo|ruolo) (?:è|sarà)${E}`,
  `${B}(?:da ora in poi|d'ora in poi|da adesso)${E}[^.\\n]{0,60}senza (?:alcun[oa]? |nessun[oa]? |qualsiasi )?(?:restrizion|limit|filtr|regol|censur)`,
  // nl
  `${B}(?:negeer|vergeet|omzeil|houd je niet (?:langer |meer )?aan|volg niet (?:langer |meer )?)${E}${GAP} (?:instructies|regels|richtlijnen|aanwijzingen|systeemprompt|beperkingen)${E}`,
  `${B}vergeet alles wat (?:je|jou|u) (?:eerder |ooit )?(?:is|werd) (?:verteld|gezegd)`,
  `${B}je (?:nieuwe|echte|enige) taak is${E}`,
  `${B}(?:vanaf nu|voortaan)${E}[^.\\n]{0,60}zonder (?:enige |welke )?(?:beperking|filter|regels)`,
  // ja
  `(?:これまで|以前|前|上記|最初|元)の?[^。、\\n]{0,12}(?:指示|命令|ルール|指令|プロンプト)[^。\\n]{0,12}(?:無視|忘れ)`,
  `(?:開発者|運営|管理者|会社|作成者)(?:から|が|に|の)[^。\\n]{0,8}(?:設定|指示|ルール|制限|命令|プロンプト)[^。\\n]{0,12}(?:無視|忘れ)`,
  `(?:ルール|指示|ガイドライン|制約)に従うのを(?:やめ|止め)`,
  `(?:以前|これまで|前|元|最初)の(?:システム)?プロンプトは?(?:すべて|全て|全部)?(?:リセット|無効に|取り消|破棄)`,
  `(?:言われた|与えられた|指示された)こと(?:は|を)?(?:全部|すべて|全て)?忘れ`,
  `あなたの(?:新しい|本当の|唯一の)(?:任務|タスク|仕事|役割|目的)は`,
  `(?:今後|これから|今から)[^。\\n]{0,20}(?:制限|制約|フィルター)(?:なし|なく|のない|がない)`,
  // zh
  `(?:忽略|无视|忘掉|忘记|不要理会|别管)[^。，,；;\\n]{0,12}(?:指令|指示|规则|提示词|设定|约束)`,
  `(?:开发者|开发人员|公司|管理员)(?:给你的|给的|为你)[^。，,\\n]{0,8}(?:设定|设置|指令|指示|规则)[^。\\n]{0,10}(?:忽略|无视|忘掉|作废|不再有效)`,
  `(?:不要再|不再|停止)(?:遵守|遵循|服从)[^。，,\\n]{0,8}(?:规则|指令|指示|准则)`,
  `忘[掉记][^。，,\\n]{0,10}(?:一切|所有|全部)`,
  `(?:不用|不必|无需|不要|别)(?:管|理会|遵守|遵循|在意)[^。，,\\n]{0,4}(?:openai|anthropic|google|谷歌|微软|你的|安全|内容)的?(?:政策|规则|准则|限制|规定|内容政策|安全策略)`,
  `你的新(?:任务|工作|角色|目标)是`,
  `(?:从现在开始|从现在起|今后)[^。\\n]{0,20}(?:毫无限制|没有(?:任何)?限制|不受(?:任何)?限制)`,
  // ru
  `${B}(?:игнорируй|игнорируйте|забудь|забудьте|не обращай внимания на|отбрось|пренебреги|перестань следовать|не следуй)${E}${GAP} (?:инструкци|правил|указани|ограничени|промпт)`,
  `${B}забудь вс[её],? что тебе (?:говорили|сказали)`,
  `${B}твоя (?:новая|настоящая|единственная) (?:задача|цель|роль)${E}`,
  `${B}(?:с этого момента|отныне)${E}[^.\\n]{0,60}без (?:каких-либо |всяких |любых )?(?:ограничений|фильтров|правил)`,
];

const EXTRACTION = [
  `${B}(?:gib|zeig|zeige|nenne|verrate|wiederhole|drucke|liste)${E}[^.\\n?]{0,40}(?:systemprompt|system-prompt|systemnachricht|systemanweisungen|(?:versteckten|ursprünglichen|geheimen|initialen) anweisungen)`,
  `${B}(?:affiche|montre|révèle|donne|répète|écris|imprime|dis)(?:-moi)?${E}[^.\\n?]{0,40}(?:prompt système|message système|(?:instructions|consignes) (?:cachées|initiales|secrètes|d'origine|système))`,
  `${B}(?:muestra|muéstrame|revela|dime|repite|imprime|escribe|enséñame)${E}[^.\\n?]{0,40}(?:prompt del sistema|mensaje del sistema|instrucciones (?:ocultas|iniciales|secretas|originales|del sistema))`,
  `${B}(?:mostre|mostra|revele|revela|diga|repita|imprima|escreva)${E}[^.\\n?]{0,40}(?:prompt (?:de|do) sistema|mensagem de sistema|instruções (?:ocultas|iniciais|secretas|originais|do sistema))`,
  `${B}(?:mostrami|mostra|rivela|dimmi|ripeti|stampa|scrivi)${E}[^.\\n?]{0,40}(?:prompt di sistema|messaggio di sistema|istruzioni (?:nascoste|iniziali|segrete|originali|di sistema))`,
  `${B}(?:toon|laat|geef|onthul|herhaal|print|vertel)${E}[^.\\n?]{0,40}(?:systeemprompt|systeembericht|(?:verborgen|oorspronkelijke|geheime|initiële) instructies)`,
  `(?:システムプロンプト|システムメッセージ|(?:隠し|隠された|最初の|秘密の|元の)(?:指示|命令|プロンプト))を[^。\\n]{0,10}(?:出力|表示|教えて|見せて|繰り返|書き出|開示)`,
  `(?:输出|显示|告诉我|打印|重复|泄露|展示|给我看)[^。\\n]{0,10}(?:系统提示|系统消息|隐藏的?(?:指令|指示|提示)|初始(?:指令|提示)|原始(?:指令|提示))`,
  `${B}(?:выведи|покажи|раскрой|повтори|напиши|скажи|распечатай)${E}[^.\\n?]{0,40}(?:системн\\p{L}* (?:промпт|сообщени|инструкци)|скрыт\\p{L}* (?:инструкци|указани)|исходн\\p{L}* инструкци)`,
];

/**
 * The setup by other names (preamble, configuration, what you were told before), in each language:
 * a verb of showing with it as the object, or a question about what came before the user.
 */
const SETUP_EXTRACTION = [
  `${B}(?:gib|zeig|zeige|nenne|verrate|wiederhole|drucke|liste|zitiere|kopiere|schreib|schreibe|sag|sage|antworte)${E}[^.\\n?]{0,40}(?:präambel|vorspann|(?:inhalt|text|wortlaut) (?:deiner|der (?:versteckten|internen|geheimen|ursprünglichen)) (?:konfiguration|anweisungen|vorgaben|einstellungen)|(?:versteckte|interne|geheime|ursprüngliche|anfängliche)n? (?:konfiguration|vorgaben))`,
  `${B}was (?:hat man|wurde|haben (?:die entwickler|deine entwickler|die betreiber)) dir (?:vorher|zu beginn|anfangs|vor (?:diesem|unserem) (?:gespräch|chat)|vor meiner (?:ersten )?nachricht)`,
  `${B}(?:affiche|montre|révèle|donne|répète|écris|imprime|dis|cite|copie|réponds)(?:-moi)?${E}[^.\\n?]{0,40}(?:préambule|(?:contenu|texte) (?:complet |intégral )?de (?:ta|votre) (?:configuration|consignes|instructions)|(?:ta|votre) configuration (?:cachée|interne|initiale|secrète))`,
  `${B}qu(?:'|’|e )(?:est-ce qu(?:'|’|e ))?on (?:t|vous)(?:'|’)a (?:dit|donné)(?: comme consignes?)? (?:avant|au début|avant (?:notre|cette) conversation|avant mon premier message)`,
  `${B}(?:muestra|muéstrame|revela|dime|repite|imprime|escribe|enséñame|copia|cita|dame|responde)${E}[^.\\n?]{0,40}(?:preámbulo|(?:contenido|texto) (?:completo |íntegro )?de (?:tu|su) (?:configuración|instrucciones)|(?:tu|su) configuración (?:oculta|interna|inicial|secreta))`,
  `${B}qué te (?:dijeron|indicaron|ordenaron) (?:antes|al principio|antes de (?:esta|nuestra) conversación|antes de mi primer mensaje)`,
  `${B}(?:mostre|mostra|revele|revela|diga|repita|imprima|escreva|copie|cite|responda|me dê)${E}[^.\\n?]{0,40}(?:preâmbulo|(?:conteúdo|texto) (?:completo |integral )?d(?:a|as) (?:sua|tua|suas|tuas) (?:configuração|instruções)|(?:sua|tua) configuração (?:oculta|interna|inicial|secreta))`,
  `${B}o que (?:te|lhe) (?:disseram|mandaram|instruíram) (?:antes|no início|antes (?:desta|da nossa) conversa|antes da minha primeira mensagem)`,
  `${B}(?:mostrami|mostra|rivela|dimmi|ripeti|stampa|scrivi|copia|cita|rispondi)${E}[^.\\n?]{0,40}(?:preambolo|(?:contenuto|testo) (?:completo |integrale )?della tua (?:configurazione|istruzioni)|(?:la tua )?configurazione (?:nascosta|interna|iniziale|segreta))`,
  `${B}(?:cosa|che cosa) ti (?:hanno detto|è stato detto|hanno ordinato) (?:prima|all(?:'|’)inizio|prima di (?:questa|questa nostra) conversazione|prima del mio primo messaggio)`,
  `${B}(?:toon|laat|geef|onthul|herhaal|print|vertel|citeer|kopieer|antwoord)${E}[^.\\n?]{0,40}(?:preambule|(?:inhoud|tekst) van (?:je|jouw|uw) (?:configuratie|instructies)|(?:je|jouw) (?:verborgen|interne|oorspronkelijke|geheime) configuratie)`,
  `${B}wat (?:is|werd) (?:je|jou|u) (?:eerder|vooraf|aan het begin|voor dit gesprek) (?:verteld|gezegd|opgedragen)`,
  `(?:前置き|初期設定(?!(?:の)?(?:手順|方法|やり方|仕方|ガイド|マニュアル))|設定内容|(?:最初|事前|会話の前)に(?:受け取った|与えられた|言われた|指示された)(?:指示|内容|テキスト|こと))を?[^。\\n]{0,10}(?:出力|表示|教えて|見せて|繰り返|書き出|開示|全部)`,
  `(?:最初|事前|会話の前)に(?:何を|どんな)(?:指示|命令|設定)(?:され|を受け)`,
  `(?:输出|显示|告诉我|打印|重复|泄露|展示|给我看)[^。\\n]{0,10}(?:前言|初始设定|(?:你的)?(?:隐藏|内部|完整)的?(?:设定|配置)|(?:之前|开始时|对话前)(?:收到|得到)的(?:指令|指示|内容))`,
  `(?:对话|聊天)(?:开始)?(?:之前|前)(?:你|别人)?(?:收到|被告知|被要求)了?(?:什么|哪些)`,
  `${B}(?:выведи|покажи|раскрой|повтори|напиши|скажи|распечатай|процитируй|ответь)${E}[^.\\n?]{0,40}(?:преамбул\\p{L}*|(?:полн\\p{L}* )?(?:текст|содержимое) (?:твоей|своей|вашей) (?:конфигураци\\p{L}*|настро\\p{L}*|инструкци\\p{L}*)|(?:скрыт|внутренн|исходн|секретн)\\p{L}* (?:конфигураци|настройк)\\p{L}*)`,
  `${B}что тебе (?:сказали|говорили|велели|приказали) (?:до|в начале|раньше|перед) (?:этого|нашего|начала|моего)?`,
];

/**
 * The model's safety layer switched off ("deaktiviere deine Sicherheitsfilter", "désactive tes
 * garde-fous"): a verb of switching off with the model's own filters or restrictions (a second
 * person possessive), so "Filter in Excel deaktivieren" stays quiet.
 */
const GUARDRAILS_OFF = [
  `${B}(?:deaktiviere|deaktivier|schalte|umgehe|entferne|vergiss|lockere)${E}[^.\\n]{0,40}${B}(?:deine|dein|deinen|die dir auferlegten) (?:\\p{L}+ )?(?:sicherheits\\p{L}*|schutzmechanismen|schutzma\\p{L}*|einschränkungen|leitplanken|schranken|inhaltsfilter|zensur|filter)${E}`,
  `${B}(?:désactive[zs]?|coupe[zs]?|contourne[zs]?|enlève|enlevez|supprime[zs]?|lève|levez|retire[zs]?)${E}[^.\\n]{0,40}${B}(?:tes|vos|ton|votre|ta) (?:\\p{L}+ )?(?:filtres?|garde-fous|garde-fou|protections?|restrictions?|sécurités?|censure|limitations?)${E}`,
  `${B}(?:desactiva|desactive|desactivad|apaga|quita|quítate|elimina|sáltate|salta|evita|levanta)${E}[^.\\n]{0,40}${B}(?:tus|sus|tu|su) (?:\\p{L}+ )?(?:filtros?|salvaguardas?|protecciones|restricciones|barreras|censura|limitaciones)${E}`,
  `${B}(?:desative|desativa|desligue|desliga|remova|remove|contorne|burle|tire)${E}[^.\\n]{0,40}${B}(?:seus|teus|suas|tuas|seu|teu|sua|tua) (?:\\p{L}+ )?(?:filtros?|proteções|restrições|salvaguardas|barreiras|censura|limitações)${E}`,
  `${B}(?:disattiva|disabilita|spegni|rimuovi|aggira|togli|elimina)${E}[^.\\n]{0,40}${B}(?:i tuoi|le tue|il tuo|la tua|tuoi|tue) (?:\\p{L}+ )?(?:filtri|protezioni|restrizioni|salvaguardie|barriere|censura|limitazioni)${E}`,
  `${B}(?:schakel|zet|omzeil|verwijder|negeer)${E}[^.\\n]{0,40}${B}(?:je|jouw|uw) (?:\\p{L}+ )?(?:\\p{L}*filters?|beveiliging\\p{L}*|beperkingen|vangrails|veiligheidsregels|censuur)${E}`,
  `${B}(?:отключи|отключите|выключи|обойди|сними|убери|сбрось)${E}[^.\\n]{0,40}${B}(?:сво\\p{L}*|тво\\p{L}*|ваши) (?:\\p{L}+ )?(?:фильтр\\p{L}*|ограничени\\p{L}*|защит\\p{L}*|предохранител\\p{L}*|цензур\\p{L}*)`,
  `(?:あなたの|自分の)[^。\\n]{0,8}(?:安全|セーフティ|フィルター|制限|制約|ガードレール|検閲)[^。\\n]{0,8}(?:解除|オフに|無効に|外|切|取り払)(?:して|しろ|せよ|しなさい|って)`,
  `(?:ガードレール|安全装置|セーフティ機能|安全フィルター)を?[^。\\n]{0,4}(?:解除|オフに|無効に|外して|切って)`,
  `(?:关闭|关掉|解除|绕过|禁用|去掉|取消)你的[^。，,\\n]{0,8}(?:过滤|限制|安全|防护|护栏|审查)`,
];

/**
 * Pretending to be something without rules, in the words each language uses for pretend
 * ("fingi di essere", "fais semblant d'être", "притворись"): the persona has no limits.
 */
const PRETEND = [
  `${B}(?:tu so,? als (?:ob|wärst)|stell dir vor,? du (?:bist|wärst)|gib dich als)${E}[^.\\n]{0,50}(?:ohne (?:\\p{L}+ )?(?:regeln|einschränkungen|grenzen|filter|zensur)|unzensiert|uneingeschränkt)`,
  `${B}(?:fais|faites) semblant${E}[^.\\n]{0,50}(?:sans (?:\\p{L}+ )?(?:règles?|restrictions?|limites?|filtres?|censure)|non censuré)`,
  `${B}(?:finge|finja|fingí|haz como si)${E}[^.\\n]{0,50}(?:sin (?:\\p{L}+ )?(?:reglas|restricciones|límites|filtros|censura)|sem (?:\\p{L}+ )?(?:regras|restrições|limites|filtros|censura))`,
  `${B}(?:fingi|fingiti|fai finta|immagina di essere)${E}[^.\\n]{0,50}(?:senza (?:\\p{L}+ )?(?:regole|restrizioni|limiti|filtri|censura)|non censurat)`,
  `${B}(?:doe alsof|speel dat je|stel je voor dat je)${E}[^.\\n]{0,50}(?:zonder (?:\\p{L}+ )?(?:regels|beperkingen|grenzen|filters|censuur)|ongecensureerd)`,
  `${B}(?:притворись|притворитесь|представь,? что ты|сыграй роль)${E}[^.\\n]{0,50}без (?:\\p{L}+ )?(?:правил|ограничений|фильтров|цензуры)`,
  `${B}(?:представь|представьте|вообрази|допустим),? (?:что |будто )?у (?:тебя|вас) (?:больше |теперь )?нет (?:никаких |каких-либо |всяких )?(?:ограничений|правил|фильтров|цензуры|запретов)`,
  `(?:制限|制約|ルール|検閲|フィルター)(?:が|の)?(?:ない|なし|無し)[^。\\n]{0,20}(?:ふりをして|ふりをしろ|ふりをしてください|になりきって|を演じて)`,
  `(?:假装|扮演)[^。\\n]{0,20}(?:没有(?:任何)?(?:限制|规则|审查)|不受(?:任何)?(?:限制|约束)|无限制)`,
  `扮演[^。\\n]{0,20}(?:ai|助手|机器人|模型)[^。\\n]{0,10}(?:可以|能|会)回答任何问题`,
];

/**
 * The setup by plain names: "cadrage initial", "deine Vorgaben", "texto de configuración",
 * "開発者から与えられた設定": a verb of showing with it (the model's own) as the object.
 */
const SETUP_TEXT = [
  `${B}(?:gib|zeig|zeige|nenne|verrate|wiederhole|drucke|liste|zitiere|kopiere|füge)${E}[^.\\n?]{0,40}${B}(?:deine|die dir (?:gegebenen|mitgegebenen)) (?:\\p{L}+ )?(?:vorgaben|startanweisungen|einrichtungstexte?|grundeinstellungen|ausgangsanweisungen)${E}`,
  `${B}(?:affiche|montre|révèle|donne|répète|écris|imprime|cite|copie|colle)[zs]?(?:-moi)?${E}[^.\\n?]{0,40}${B}(?:ton|votre) (?:\\p{L}+ )?(?:cadrage|paramétrage|texte (?:de configuration|initial|de départ))${E}`,
  `${B}(?:muestra|muéstrame|revela|dime|repite|imprime|escribe|copia|pega|dame)${E}[^.\\n?]{0,40}${B}(?:tu|su) (?:\\p{L}+ )?(?:texto (?:de configuración|inicial)|configuración inicial|encuadre inicial|instrucciones de arranque)${E}`,
  `${B}(?:mostre|revele|diga|repita|imprima|escreva|copie|cole|me dê)${E}[^.\\n?]{0,40}${B}(?:seu|sua|teu|tua) (?:\\p{L}+ )?(?:texto (?:de configuração|inicial)|configuração inicial|enquadramento inicial)${E}`,
  `${B}(?:mostrami|rivela|dimmi|ripeti|stampa|scrivi|copia|incolla|dammi)${E}[^.\\n?]{0,40}${B}(?:il tuo|la tua|tue) (?:\\p{L}+ )?(?:testo (?:di configurazione|iniziale)|impostazioni iniziali|inquadramento iniziale)${E}`,
  `${B}(?:toon|geef|onthul|herhaal|print|citeer|kopieer|plak)${E}[^.\\n?]{0,40}${B}(?:je|jouw|uw) (?:\\p{L}+ )?(?:starttekst|configuratietekst|begininstructies|instellingen)${E}`,
  `${B}(?:выведи|покажи|раскрой|повтори|напиши|скопируй|вставь)${E}[^.\\n?]{0,40}${B}(?:твои|свои|твою|свою) (?:\\p{L}+ )?(?:исходн\\p{L}* (?:настройки|текст)|начальн\\p{L}* (?:настройки|инструкции|текст)|установки)`,
  `(?:開発者|運営|管理者|会社|作成者)(?:から|が|に)[^。\\n]{0,8}(?:与えられた|設定された|渡された|受け取った)(?:設定|指示|命令|プロンプト)(?:を|は)?[^。\\n]{0,10}(?:出力|表示|教えて|見せて|繰り返|書き出|開示|貼り付け)`,
  `(?:输出|显示|告诉我|打印|重复|泄露|展示|给我看|粘贴)[^。\\n]{0,10}(?:开发者|开发人员|公司|管理员)(?:给你的|为你设置的)(?:设定|设置|指令|指示|提示词)`,
  `把[^。\\n]{0,4}(?:开发者|开发人员|公司|管理员)(?:给你的|为你设置的)(?:设定|设置|指令|指示|提示词)[^。\\n]{0,8}(?:输出|显示|告诉我|打印|重复|泄露|展示|发给我|贴出来)`,
];

/**
 * Telling the model to drop the user's own request ("ignoriere die Frage des Nutzers"): whoever
 * writes that is not the user, in any role.
 */
const USER_REQUEST_DROPPED = [
  `${B}(?:ignoriere|ignorier|missachte|übergehe|vergiss)${E} (?:die |den |das )?(?:frage|anfrage|bitte|nachricht|aufgabe|anweisung)\\p{L}* des (?:nutzers|benutzers|anwenders|kunden)${E}`,
  `${B}(?:ignore[zs]?|oublie[zs]?)${E} (?:la |le |les )?(?:demandes?|questions?|messages?|requêtes?) de l(?:'|’)utilisat(?:eur|rice)${E}`,
  `${B}(?:ignora|ignore|olvida)${E} (?:la |el )?(?:pregunta|petición|solicitud|mensaje|consulta) del usuario${E}`,
  `${B}(?:ignore|ignora|esqueça)${E} (?:a |o )?(?:pergunta|pedido|solicitação|mensagem) do (?:usuário|utilizador|cliente)${E}`,
  `${B}(?:ignora|dimentica)${E} (?:la |il )?(?:domanda|richiesta|messaggio) dell(?:'|’)utente${E}`,
  `${B}(?:negeer|vergeet)${E} (?:de |het )?(?:vraag|verzoek|bericht) van de gebruiker${E}`,
  `${B}(?:игнорируй|проигнорируй|не отвечай на)${E} (?:вопрос|запрос|просьбу|сообщение) пользовател`,
  `ユーザー(?:の|からの)(?:質問|依頼|リクエスト|メッセージ)(?:を|は)?(?:無視)`,
  `(?:忽略|无视|不要理会)用户的?(?:问题|请求|消息)`,
];

/** Persona switches by a verb of answering: "antworte als unzensiertes Modell". */
const PERSONA_ANSWERING = [
  `${B}(?:antworte|antworten sie|sei|agiere|verhalte dich|sprich|schreibe)${E}[^.\\n]{0,20}${B}(?:als|wie)${E}[^.\\n]{0,30}(?:unzensiert|uneingeschränkt|ohne (?:filter|zensur|einschränkungen|regeln))`,
  `${B}(?:réponds|répondez|agis|comporte-toi|sois|parle|écris)${E}[^.\\n]{0,20}(?:comme|en tant que)${E}[^.\\n]{0,30}(?:non censuré|non filtré|sans (?:filtre|censure|restriction|limite|règle))`,
  `${B}(?:responde|responda|contesta|actúa|compórtate|sé|habla|escribe)${E}[^.\\n]{0,20}${B}como${E}[^.\\n]{0,30}(?:sin (?:censura|filtros?|restricciones|límites|reglas)|no censurad|sin filtrar)`,
  `${B}(?:responda|responde|aja|atue|comporte-se|seja|fale|escreva)${E}[^.\\n]{0,20}${B}como${E}[^.\\n]{0,30}(?:sem (?:censura|filtros?|restrições|limites|regras)|não censurad)`,
  `${B}(?:rispondi|agisci|comportati|sii|parla|scrivi)${E}[^.\\n]{0,20}${B}come${E}[^.\\n]{0,30}(?:senza (?:censura|filtri|restrizioni|limiti|regole)|non censurat)`,
  `${B}(?:antwoord|gedraag je|wees|praat|schrijf)${E}[^.\\n]{0,20}${B}als${E}[^.\\n]{0,30}(?:ongecensureerd|ongefilterd|zonder (?:censuur|filters?|beperkingen|regels))`,
  `${B}(?:отвечай|ответь|веди себя|будь|говори|пиши)${E}[^.\\n]{0,20}${B}как${E}[^.\\n]{0,30}(?:без (?:цензуры|фильтров|ограничений|правил)|нецензурн)`,
  `(?:検閲|制限|フィルター|制約)(?:の|が)?(?:ない|なし|なく|無しの)[^。\\n]{0,10}(?:ai|モデル|アシスタント)として`,
  `(?:検閲|制限|フィルター|制約)(?:なし|無し|抜き)で(?:回答|答え|返答|応答|話し)`,
  `(?:以|作为|当作)(?:一个)?[^。\\n]{0,6}(?:没有|不受|无)(?:任何)?(?:审查|限制|过滤)的?(?:ai|模型|助手)`,
];

const PERSONA = [
  `${B}du bist (?:jetzt|ab jetzt|nun|von nun an)${E}[^.\\n]{0,60}(?:ohne (?:jegliche |alle |irgendwelche )?(?:einschränkungen|beschränkungen|grenzen|filter|regeln)|uneingeschränkt|unzensiert)`,
  `${B}tu es (?:maintenant|désormais|dorénavant)${E}[^.\\n]{0,60}(?:sans (?:aucune |la moindre )?(?:limite|restriction|filtre|règle)|non censuré)`,
  `${B}(?:ahora|a partir de ahora) eres${E}[^.\\n]{0,60}(?:sin (?:ninguna |ningún )?(?:restricci|límite|filtro|regla)|sin censura)`,
  `${B}agora (?:você é|tu és|vc é)${E}[^.\\n]{0,60}(?:sem (?:nenhuma |qualquer )?(?:restriç|limite|filtro|regra)|sem censura)`,
  `${B}(?:ora|adesso|da ora) sei${E}[^.\\n]{0,60}(?:senza (?:alcun[oa]? |nessun[oa]? |qualsiasi )?(?:restrizion|limit|filtr|regol|censur)|senza censura)`,
  `${B}je bent (?:nu|vanaf nu)${E}[^.\\n]{0,60}(?:zonder (?:enige |welke )?(?:beperking|filter|regels|grenzen)|ongecensureerd)`,
  `あなたは(?:今から|今|これから)[^。\\n]{0,20}(?:制限|制約)(?:が|の)?(?:ない|なし)`,
  `你现在是[^。\\n]{0,20}(?:没有(?:任何)?限制|不受(?:任何)?限制|无限制)`,
  `${B}(?:теперь ты|ты теперь|отныне ты)${E}[^.\\n]{0,60}без (?:каких-либо |всяких |любых )?(?:ограничений|фильтров|правил|цензуры)`,
];

const CONCEALMENT = [
  `${B}(?:do not|don't|never) (?:mention|reveal|tell|show|disclose)${E}[^.\\n]{0,30}${B}(?:the )?user${E}`,
  `${B}without (?:telling|informing|alerting) the user${E}`,
  `${B}(?:erwähne|verrate|sage|zeige)${E}[^.\\n]{0,40}${B}nicht${E}[^.\\n]{0,30}(?:nutzer|benutzer|anwender)`,
  `${B}ne (?:mentionne|dis|révèle|montre)[zs]?${E}[^.\\n]{0,40}(?:à l'|à l’)utilisateur`,
  `${B}no (?:le )?(?:menciones|digas|reveles|muestres)${E}[^.\\n]{0,40}al usuario`,
  `${B}não (?:mencione|diga|revele|mostre)${E}[^.\\n]{0,40}ao (?:usuário|utilizador)`,
  `${B}non (?:menzionare|dire|rivelare|mostrare)${E}[^.\\n]{0,40}all(?:'|’)utente`,
  `${B}(?:vermeld|vertel|noem|toon)${E}[^.\\n]{0,40}${B}niet${E}[^.\\n]{0,20}gebruiker`,
  `ユーザー(?:に|には)(?:言わず|伝えず|知らせず|教えず|言わないで|伝えないで)`,
  `不要(?:告诉|透露给|让)用户`,
  `${B}не (?:упоминай|говори|сообщай|показывай)${E}[^.\\n]{0,40}пользовател`,
];

/**
 * One pattern per script: detect-injection.ts runs a pattern with any Cyrillic (or CJK) in it only
 * on text in that script, so Latin and Cyrillic words must not share a pattern.
 */
const AI_DIRECTED = [
  // "to the AI reading this": the model named by what it is doing with the text
  `${B}(?:(?:an (?:die|den|das)|à|au|a la|al|para (?:a|o)|ao|alla|aan (?:de|het)) |à l(?:'|’)|all(?:'|’))(?:ki|ia|ai|llm|bot|assistent\\p{L}*|asistente|assistente|sprachmodell\\p{L}*|modèle|modelo|modello|taalmodel),? (?:die|der|das|qui|que|che)${E}[^.\\n]{0,20}${B}(?:liest|lit|lee|lea|lê|ler|legge|leest|verarbeitet|traite|procesa|processa|verwerkt|zusammenfasst|résume|resume|resuma|riassume|samenvat)${E}`,
  `${B}(?:ии|ассистент\\p{L}*|модел\\p{L}*),? (?:который|которая|которое)${E}[^.\\n]{0,20}${B}(?:читает|обрабатывает|пересказывает)${E}[^.\\n]{0,30}[:,]`,
  `${B}(?:читающ|обрабатывающ)\\p{L}* (?:это|этот|данный)`,
  `(?:これ|この(?:文書|ページ|テキスト|メール|ファイル))を(?:読んで|処理して|要約して|読み込んで)いる(?:ai|アシスタント|モデル|エージェント)`,
  `(?:これ|この[^\\s。、]{1,6})を(?:読む|読み込む|処理する|要約する|翻訳する|読んでいる|要約している)(?:ai|アシスタント|モデル|エージェント)(?:へ|の(?:方|皆様)へ|に告ぐ|[:：])`,
  `(?:正在)?(?:阅读|处理|总结|读取)(?:本|这|此)(?:文|文档|页面|段文字|封邮件|个文件)?的(?:ai|助手|模型|智能体)`,
  `${B}(?:system|wichtige[rn]?)?(?:hinweis|nachricht|anweisung|remarque|note|avis|aviso|nota|mensaje|mensagem|messaggio|opmerking|bericht)${E}(?: \\p{L}+)? (?:für|an|pour|à|para|per|voor|aan|ao|aos|al|all'|all’) (?:den |die |das |l'|l’|el |la |o |a |lo |de |het )?(?:(?:ki|ia|ai)[- ]?(?:assistent\\p{L}*|assistant\\p{L}*|asistente|assistente|agent\\p{L}*)?|(?:assistent\\p{L}*|assistant|asistente|assistente) (?:virtual|virtuel|virtuale|virtueller|digital|digitale|de ia|di ia|d'ia|ia|ki|ai))${E}`,
  `${B}(?:примечание|сообщение|указание)${E}(?: \\p{L}+)? для (?:ии|ai)[- ]?(?:ассистент\\p{L}*|модел\\p{L}*)?${E}`,
  `ai(?:アシスタント|エージェント|モデル)?(?:への|に)(?:注意|メッセージ|指示|お知らせ)`,
  `给ai(?:助手|助理|代理|模型)?的(?:提示|说明|指示|消息|备注|留言|注意事项|须知|通知)`,
];

/** Telling the model to call a tool by its name (`delete_all_tables`): an action planted for it. */
const TOOL_CALL = [
  `${B}(?:must|should|need to|have to|are required to|now|then|and|also) (?:immediately |first |quietly )?(?:call|invoke|run|execute|use) (?:the )?[a-z0-9]+(?:_[a-z0-9]+)+ (?:tool|function|action)${E}`,
  `${B}(?:rufe|ruf|nutze|verwende)${E}[^.\\n]{0,20}${B}(?:tool|werkzeug|funktion) [a-z0-9]+(?:_[a-z0-9]+)+`,
  `${B}(?:appelle[zs]?|utilise[zs]?|exécute[zs]?) (?:l'|l’)?(?:outil|fonction) [a-z0-9]+(?:_[a-z0-9]+)+`,
  `${B}(?:llama|usa|ejecuta|chame|use|execute|chiama|usa|esegui) (?:a )?(?:la |lo |a )?(?:herramienta|ferramenta|strumento|funci[oó]n|função|funzione) [a-z0-9]+(?:_[a-z0-9]+)+`,
  `${B}(?:roep|gebruik|voer)${E}[^.\\n]{0,12}${B}(?:tool|functie) [a-z0-9]+(?:_[a-z0-9]+)+`,
  `[a-z0-9]+(?:_[a-z0-9]+)+ ?(?:ツール|関数)を(?:呼び出|実行|使)`,
  `(?:调用|执行|使用) ?[a-z0-9]+(?:_[a-z0-9]+)+ ?(?:工具|函数)`,
  `${B}(?:вызови|запусти|используй) (?:инструмент|функцию) [a-z0-9]+(?:_[a-z0-9]+)+`,
];

/** Phrases from sources where a space means any whitespace, Unicode-aware, word start first. */
export function phrases(rule: InjectionRule, kind: string, sources: readonly string[]): InjectionPhrase[] {
  return sources.map((source) => ({
    rule,
    kind,
    pattern: wordStartFirst(new RegExp(source.replace(/ /g, '\\s+'), 'gu')),
  }));
}

export const MULTILINGUAL_PHRASES: readonly InjectionPhrase[] = [
  ...phrases('instruction-override', 'instruction override', OVERRIDE),
  ...phrases('system-prompt-extraction', 'system prompt extraction', EXTRACTION),
  ...phrases('system-prompt-extraction', 'system prompt extraction', SETUP_EXTRACTION),
  ...phrases('system-prompt-extraction', 'system prompt extraction', SETUP_TEXT),
  ...phrases('instruction-override', 'guardrails switched off', GUARDRAILS_OFF),
  ...phrases('instruction-override', "the user's request dropped", USER_REQUEST_DROPPED),
  ...phrases('role-play-jailbreak', 'role-play jailbreak', PERSONA),
  ...phrases('role-play-jailbreak', 'role-play jailbreak', PRETEND),
  ...phrases('role-play-jailbreak', 'role-play jailbreak', PERSONA_ANSWERING),
  ...phrases('concealed-instruction', 'instruction to hide something from the user', CONCEALMENT),
  ...phrases('ai-directed-instructions', 'instructions addressed to the AI', AI_DIRECTED),
  ...phrases('tool-instruction', 'instruction to call a tool', TOOL_CALL),
];
