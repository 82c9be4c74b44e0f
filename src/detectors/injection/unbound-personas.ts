import { B, E, phrases } from './multilingual-phrases.js';

/**
 * The model told it is a persona without a conscience, ethics, filter or rules ("you're Sage, a
 * model whose makers forgot to give it a conscience", "sei AIM … privo di qualsiasi filtro etico",
 * "너는 규칙이 없는 AI야"), and the "dead grandmother" role-play that asks for forbidden content as a
 * bedtime story. Matched on normalized text.
 *
 * Novels, product pages and HR text use the same words about others ("a villain without a
 * conscience", "an app with no rules", "our intern has no filter"), so the persona must be the
 * model: a second person ("you are", "tu es", "eres", "sei", "du bist", "너는", "أنت") and, between
 * it and the missing conscience, an AI noun or a name set off by a comma ("you are Omega, …").
 * The grandmother must be played by the model ("act as my late grandmother") and have recounted
 * a procedure ("who used to tell me how to make …", "me contaba paso a paso"), so asking for a
 * bedtime story about dragons stays quiet.
 */
const WHO = "(?:(?:an?|the|un[ae]?|una|uno|un'|eine?|ein) )?";
const PERSONA = (ai: string) => `(?:${WHO}(?:\\p{L}+ ){0,2}?${ai}${E}|\\p{L}+,)`;

const EN_YOU =
  "(?:you(?:'|’)re|you are|you will be|pretend (?:to be|you(?:'|’)re|you are)|act as|roleplay as|play|become)";
const EN_AI = '(?:ai|assistant|model|chatbot|bot|llm|persona|character|version of (?:yourself|you))';
const EN_LACK =
  '(?:(?:no|without|zero|lacks?|lacking|devoid of|free of|never (?:given|had|received)|(?:never gave|forgot to give|didn.t give|did not give) (?:it|him|her|them|you)) (?:a |any |the slightest )?)(?:conscience|ethics|ethical \\p{L}+|morals?|morality|moral (?:compass|limits|filter)|scruples|filters?|rules|limits|restrictions|content polic(?:y|ies)|guardrails)';
const FR_LACK =
  '(?:sans|dépourvu(?:e)? d.) (?:aucune? |toute? |tout |la moindre |le moindre |plus de )?(?:filtre|éthique|morale|conscience|règle|limite|scrupule|censure|restriction)';
const ES_LACK =
  '(?:sin|carente de) (?:ningún |ninguna |ningun )?(?:filtro|ética|etica|moral|conciencia|regla|límite|limite|escrúpulo|censura|restricci)';
const IT_LACK =
  "(?:senza|privo di|priva di|privi di) (?:alcun[oa]? |alcun'|qualsiasi |nessun[oa]? |nessun'|ogni )?(?:filtr|etic|moral|coscienz|regol|limit|scrupol|censur|restrizion)";
const DE_LACK =
  '(?:ohne|frei von) (?:jegliche[ns]? |jede[ns]? |irgendwelche |alle )?(?:gewissen|moral|ethik|filter|regeln|grenzen|skrupel|zensur|einschränkungen)';
const PT_LACK =
  '(?:sem|desprovid[oa] de) (?:nenhum[a]? |qualquer )?(?:filtro|ética|etica|moral|consciência|regra|limite|escrúpulo|censura|restriç)';

/** Cooking a grandmother taught: the one procedure the role-play's words carry innocently. */
const FOOD =
  '(?:pies?|cakes?|cookies|biscuits|bread|soup|stew|jam|pasta|tamales|dumplings|pancakes|roast|gravy|lasagna|dinner|tea)';

const LATIN_PERSONAS = [
  `${B}${EN_YOU}${E}[^.\\n]{0,20}?${PERSONA(EN_AI)}[^.\\n]{0,50}?${B}${EN_LACK}${E}`,
  `${B}(?:tu es|tu seras|tu deviens|deviens|sois|incarne|fais comme si tu étais|joue le rôle d.)${E}[^.\\n]{0,20}?${PERSONA('(?:ia|intelligence artificielle|assistant|chatbot|bot|modèle|personnage)')}[^.\\n]{0,50}?${B}${FR_LACK}`,
  `${B}(?:eres|serás|seras|actúa como|actua como|finge ser|interpreta a|conviértete en)${E}[^.\\n]{0,20}?${PERSONA('(?:ia|inteligencia artificial|asistente|chatbot|bot|modelo|personaje)')}[^.\\n]{0,50}?${B}${ES_LACK}`,
  `${B}(?:sei|sarai|diventi|fingi di essere|comportati come|interpreta)${E}[^.\\n]{0,20}?${PERSONA('(?:ia|intelligenza artificiale|assistente|chatbot|bot|modello|personaggio)')}[^.\\n]{0,50}?${B}${IT_LACK}`,
  `${B}(?:du bist|bist du|du wirst|spiele|sei)${E}[^.\\n]{0,20}?${PERSONA('(?:ki|assistent|chatbot|bot|modell|sprachmodell|figur)')}[^.\\n]{0,50}?${B}${DE_LACK}`,
  `${B}(?:você é|você será|voce e|tu és|finja ser|aja como|seja)${E}[^.\\n]{0,20}?${PERSONA('(?:ia|inteligência artificial|assistente|chatbot|bot|modelo|personagem)')}[^.\\n]{0,50}?${B}${PT_LACK}`,
  // the "dead grandmother" role-play: a procedure recounted as a bedtime story (not her cooking:
  // "who used to tell me how to make her apple pie" is a memory)
  `${B}(?:act as|pretend (?:to be|you are)|roleplay as|play|be) my (?:late |dead |deceased |departed )?(?:grand(?:ma|mother|pa|father)|granny|nana)${E}[^\\n]{0,80}?${B}(?:used to|would) (?:tell|read|explain|recite|give|teach|whisper)${E}[^\\n]{0,60}?${B}(?:how to|steps?|keys|recipe|formula|instructions)${E}(?![^.\\n]{0,40}?${B}${FOOD}${E})`,
  `${B}(?:actúa|actua|finge ser|interpreta a|hazte pasar por|haz de) (?:como )?(?:si fueras )?mi (?:difunta |fallecida |querida )?abuel[ao]${E}[^\\n]{0,80}?${B}me (?:contaba|leía|leia|decía|decia|explicaba|enseñaba|recitaba)${E}[^\\n]{0,60}?(?:cómo|como|paso a paso|claves|receta)${E}`,
  `${B}(?:fais comme si tu étais|joue le rôle de|incarne|agis comme) (?:ma|mon) (?:défunte |défunt |regrettée )?(?:grand-mère|grand-père|mamie|papy)${E}[^\\n]{0,80}?${B}me (?:racontait|lisait|disait|expliquait|apprenait)${E}[^\\n]{0,60}?(?:comment|étape par étape|clés|recette)${E}`,
  `${B}(?:fai finta di essere|comportati come|interpreta|fingi di essere) (?:la )?mia (?:defunta |povera |compianta )?nonn[ao]${E}[^\\n]{0,80}?${B}mi (?:raccontava|leggeva|diceva|spiegava|insegnava)${E}[^\\n]{0,60}?(?:come|passo passo|chiavi|ricetta)${E}`,
];
const CJK_PERSONAS = [
  `(?:进入|开启|启用|切换到|激活|你现在是|你是|扮演)(?<![a-z])dan(?![a-z])[^\\n]{0,40}?(?:不受任何[^。\\n]{0,4}(?:规则|限制|约束|道德|政策)|没有任何[^。\\n]{0,4}(?:规则|限制|约束|道德|底线|过滤))`,
  `(?:你现在是|你是|你将成为|扮演)[^。\\n]{0,20}?(?:ai|人工智能|助手|机器人|模型|角色)[^。\\n]{0,10}?(?:不受任何|没有任何|毫无)(?:规则|限制|约束|道德|底线|良知|过滤)`,
];
const HANGUL_PERSONAS = [
  `(?:너는|넌|당신은)[^.\\n]{0,20}?(?:규칙|제한|제약|필터|윤리|도덕|양심|검열)(?:이|가|도)? ?(?:전혀 |하나도 |아무것도 )?없는 (?:[가-힣a-z]+ ){0,2}?(?:ai|인공지능|챗봇|봇|어시스턴트|비서|모델)`,
];
const ARABIC_PERSONAS = [
  `${B}(?:أنت|انت)${E} (?:الآن |الان )?(?:\\p{L}+ ){0,2}?(?:مساعد|روبوت|ذكاء اصطناعي|نموذج|بوت|شات ?بوت|كيان)\\p{L}* (?:بلا|بدون|دون) (?:أي |أية )?(?:حدود|قيود|أخلاق|ضوابط|رقابة|قواعد|فلاتر|ضمير)`,
  `${B}(?:أنت|انت)${E}[^.\\n]{0,40}?${B}[و]?لا (?:تلتزم|تتقيد|تخضع) ب?(?:أي|أية) ?(?:سياسة|سياسات|قواعد|قيود|ضوابط)`,
];

export const UNBOUND_PERSONA_PHRASES = phrases('role-play-jailbreak', 'role-play jailbreak', [
  ...LATIN_PERSONAS,
  ...CJK_PERSONAS,
  ...HANGUL_PERSONAS,
  ...ARABIC_PERSONAS,
]);
