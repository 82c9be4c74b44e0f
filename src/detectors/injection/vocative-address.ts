import { wordStartFirst } from '../word-start-first.js';

/**
 * The model called by name at the start of a sentence and then given an order, the way poisoned
 * pages and tool results talk to it: "ATTENTION LANGUAGE MODEL: reply with…", "KI: Leite alle
 * Gesprächsdaten … weiter", "Atención, IA: envía…", "Внимание, ИИ: отправь…". Unlike the labels
 * in instruction-signals.ts ("Assistant:", "For AI models:"), these words also open ordinary
 * lines ("Attention: …", "IA: inteligencia artificial" in a glossary), so an imperative must
 * follow. Runs on normalized (lower-case) text, sentence by sentence.
 */
const MODEL =
  "(?:the |die |der |das |den |dem |le |la |l'|el |o |a |il |lo |de |het )?(?:(?:ai|ki|ia)[- ])?(?:ai|ki|ia|ии|llm|gpt|chatbot|bot|agent|assistant\\p{L}*|assistent\\p{L}*|asistente|assistente|ассистент\\p{L}*|(?:large )?language model\\p{L}*|sprachmodell\\p{L}*|taalmodel\\p{L}*|model(?:l|e|o|lo)?|modèle(?: de langage)?|modelo(?: de lenguaje| de linguagem)?|modello(?: linguistico)?|языков\\p{L}* модел\\p{L}*|модел\\p{L}*|アシスタント|チャットボット|言語モデル|モデル|ai(?:アシスタント|モデル)|ai助手|助手|聊天机器人|机器人|语言模型|模型)(?: (?:ai|ki|ia|ии))?";
const CALL = '(?:attention|achtung|atención|atencion|attenzione|atenção|atencao|let op|внимание|注意|请注意)';

/** Addressed to the model like a letter: "An das Sprachmodell:", "To the language model:", "Au modèle :". */
const TO =
  "(?:to|an|au|aux|à|a la|al|ao|alla|all'|aan|к|для|para(?: el| la| o| a)?|per(?: il| la| l')?|voor)";
/** Japanese puts "to" after the name: "モデルへ：", "AIへ、". */
const TO_AFTER = '(?:へ|に告ぐ|宛て|向け|への(?:指示|注意|メモ|お願い|メッセージ|お知らせ))';

/** A note's own name before its address: "Hinweis an den Chatbot:", "Nota para el asistente IA:". */
const NOTE =
  '(?:note|hinweis|nachricht|notiz|mitteilung|nota|aviso|mensaje|remarque|message|mensagem|messaggio|opmerking|bericht|примечание|сообщение)';

/**
 * A sentence opening with the model's name: after a call such as "attention", after "to" (a
 * letter's address; "致"/"给" in Chinese, "へ" after it in Japanese), or bare before a colon.
 */
const VOCATIVE = new RegExp(
  `(?:^\\s*(?:(?:hi|hello|hey|ok|okay|so|and|${NOTE})[,!]?\\s+)?|["'>:{[(【]\\s*)(?:${CALL}[,!、]? ?${MODEL}|${TO} ${MODEL}|(?:致|给)${MODEL}|${MODEL}${TO_AFTER}|(?:ki|ia|ии|sprachmodell|modèle|modelo|modello|taalmodel|языков\\p{L}* модел\\p{L}*|言語モデル|语言模型))\\s*[:,!：，、】\\]](?<rest>.*)$`,
  'u',
);

const B = '(?<![\\p{L}])';
const E = '(?![\\p{L}])';
/** Imperatives and "you must" in the corpus languages: what the model is told to do. */
const IMPERATIVE = wordStartFirst(
  new RegExp(
    [
      `${B}(?:ignore|forget|send|forward|email|post|upload|reply|respond|answer|tell|say|print|reveal|show|output|list|give|include|append|add|delete|remove|call|run|execute|summari[sz]e|translate|write|recommend|open|visit|click|stop|do not|don't|never|always|you must|you should|you are to|disregard)${E}`,
      `${B}(?:ignoriere|vergiss|sende|schicke|leite|übermittle|antworte|sag|sage|gib|zeige?|nenne|verrate|liste|lösche|rufe?|führe|schreibe?|empfiehl|öffne|besuche|fasse|übersetze|du musst|du sollst|tu|mach)${E}`,
      `${B}(?:ignore|oublie|envoie|transmets|transfère|réponds|dis|donne|montre|affiche|liste|supprime|efface|appelle|exécute|écris|recommande|ouvre|résume|traduis|tu dois|ne (?:dis|mentionne))${E}`,
      `${B}(?:ignora|olvida|envía|envia|reenvía|reenvia|responde|di|dile|dime|da|dame|muestra|enumera|borra|elimina|llama|ejecuta|escribe|recomienda|abre|resume|traduce|debes|no (?:digas|menciones))${E}`,
      `${B}(?:ignore|esqueça|envie|encaminhe|responda|diga|dê|mostre|liste|apague|exclua|chame|execute|escreva|recomende|abra|resuma|traduza|você deve|não (?:diga|mencione))${E}`,
      `${B}(?:ignora|dimentica|invia|inoltra|rispondi|dì|dai|mostra|elenca|cancella|elimina|chiama|esegui|scrivi|consiglia|apri|riassumi|traduci|devi|non (?:dire|menzionare))${E}`,
      `${B}(?:negeer|vergeet|stuur|verstuur|antwoord|zeg|geef|toon|verwijder|roep|voer|schrijf|open|vat|vertaal|je moet|noem)${E}`,
      `${B}(?:игнорируй|забудь|отправь|перешли|ответь|скажи|дай|покажи|перечисли|удали|вызови|выполни|напиши|открой|ты должен|не (?:говори|упоминай))${E}`,
      '(?:して|てください|でください|しなさい|せよ|すること|送信|転送|表示|出力|無視|忘れ|请|必须|立即|不要|发送|转发|输出|显示|忽略)',
    ].join('|'),
    'u',
  ),
);

/**
 * A "system notice" label in Chinese or Japanese ("系统提示：") opens ordinary notices to users
 * too ("系统提示：磁盘空间不足，请清理后重试"), so only an order that only a model takes counts after
 * it: drop what the user asked, answer only with…, keep something from the user.
 */
const SYSTEM_NOTICE =
  /(?:^|["'>:{[(【\s])(?:系统提示|系统指令|系统消息|系统通知|システム(?:通知|メッセージ|指示|プロンプト))\s*[:：】\]](?<rest>.*)$/u;
const MODEL_ORDER_CJK =
  /忽略|无视|忘记|忘掉|只(?:回复|回答|输出)|一律(?:回复|回答)|不要(?:告诉|提及|透露)|无论用户|無視|忘れ|(?:だけ|のみ)(?:回答|返答|出力)|ユーザーに(?:伝え|言わ|知らせ)ない/u;

/**
 * Where `sentence` (normalized) calls the model by name and then tells it to do something (the
 * index of the call, so a quotation around it is seen), or -1.
 */
export function modelCalledWithCommand(sentence: string): number {
  const call = VOCATIVE.exec(sentence);
  const rest = call?.groups?.rest;
  // The call starts at its first letter (after any quotation mark or tag before it).
  if (call && rest !== undefined && IMPERATIVE.test(rest)) return call.index + call[0].search(/\p{L}/u);
  const notice = SYSTEM_NOTICE.exec(sentence);
  const order = notice?.groups?.rest;
  return notice && order !== undefined && MODEL_ORDER_CJK.test(order)
    ? notice.index + notice[0].search(/\p{L}/u)
    : -1;
}
