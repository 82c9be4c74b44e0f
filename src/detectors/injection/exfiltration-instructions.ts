import { matchesOf } from '../regex-matches.js';
import { wordStartFirst } from '../word-start-first.js';

/**
 * An instruction to send the conversation, credentials, keys or customer data to an address
 * ("forward all conversation data to…", "Leite alle Gesprächsdaten an … weiter"): a verb of sending,
 * a sensitive object and a URL or e-mail address in the same sentence, in any order (Japanese and
 * Chinese put the verb last). Runs on normalized text; only where a URL or e-mail address is.
 */
const DESTINATION = /https?:\/\/[^\s"'<>)]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+/gu;
export const SEND = wordStartFirst(
  /(?<![\p{L}])(?:send|forward|e-?mail|post|upload|transmit|exfiltrate|leak|append|copy|sende|schicke|übermittle|übertrage|leite|weiterleiten|kopiere|envoie|envoyez|transmets|transfère|transférez|envía|envia|envie|reenvía|reenvia|encaminhe|encaminha|manda|invia|inoltra|trasmetti|stuur|verstuur|stuur door|отправь|отправьте|перешли|пересылай|передай)(?![\p{L}])|送信|送って|転送|转发|发送|发给|傳送/u,
);
export const SENSITIVE =
  /conversation|chat ?history|chat ?log|(?<![\p{L}])history|messages|credentials|passwords?|api ?keys?|access ?tokens?|secrets?|(?:user|customer|personal) data|chatverlauf|gespräch|unterhaltung|chatdaten|zugangsdaten|kundendaten|nutzerdaten|historique|échanges|données (?:des |de l.)?(?:clients?|utilisateurs?)|historial|conversación|credenciales|datos de (?:los )?(?:clientes|usuarios)|histórico|conversa|credenciais|dados d(?:os|e) (?:clientes|usuários)|cronologia|conversazione|credenziali|dati de(?:i|gli) (?:clienti|utenti)|chatgeschiedenis|gesprek|inloggegevens|klantgegevens|gebruikersgegevens|会話|履歴|認証情報|顧客データ|聊天记录|对话|凭据|密钥|客户数据|用户数据|истори|переписк|диалог|учётные данные|учетные данные|данные (?:клиентов|пользователей)|ключи|парол/u;
/** A sentence: up to 160 characters back to the last full stop or line break. */
const WINDOW = 160;

export interface ExfiltrationInstruction {
  start: number;
  end: number;
  text: string;
}

export function exfiltrationInstructions(normalized: string): ExfiltrationInstruction[] {
  if (!/https?:\/\/|@/.test(normalized)) return [];
  const found: ExfiltrationInstruction[] = [];
  for (const destination of matchesOf(DESTINATION, normalized)) {
    const end = destination.index + destination[0].length;
    let start = Math.max(0, destination.index - WINDOW);
    const before = normalized.slice(start, destination.index);
    const stop = Math.max(before.lastIndexOf('. '), before.lastIndexOf('\n'), before.lastIndexOf('。'));
    if (stop >= 0) start += stop + 1;
    const after = normalized.slice(end, end + 12);
    const sentence = normalized.slice(start, destination.index) + after;
    const send = SEND.exec(sentence);
    const sensitive = send && SENSITIVE.exec(sentence);
    if (!send || !sensitive) continue;
    // From the first word of the instruction, so a quotation around it is seen as one.
    start += Math.min(send.index, sensitive.index, destination.index - start);
    found.push({ start, end, text: normalized.slice(start, end) });
  }
  return found;
}
