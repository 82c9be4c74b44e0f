import { matchesOf } from '../regex-matches.js';
import { wordStartFirst } from '../word-start-first.js';

/**
 * An instruction to send the conversation, credentials or keys to an address: a verb of sending,
 * a sensitive object and a URL or e-mail address in the same sentence, in any order (Japanese and
 * Chinese put the verb last). Runs on normalized text; only where a URL or e-mail address is.
 */
const DESTINATION = /https?:\/\/[^\s"'<>)]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+/gu;
export const SEND = wordStartFirst(
  /(?<![\p{L}])(?:send|forward|e-?mail|post|upload|transmit|exfiltrate|leak|append|sende|schicke|übermittle|leite|envoie|envoyez|transmets|envía|envia|envie|manda|invia|inoltra|stuur|verstuur|отправь|отправьте|перешли)(?![\p{L}])|送信|送って|转发|发送|发给|傳送/u,
);
export const SENSITIVE =
  /conversation|chat ?history|chat ?log|(?<![\p{L}])history|messages|credentials|passwords?|api ?keys?|access ?tokens?|secrets?|chatverlauf|gesprächsverlauf|zugangsdaten|historique|historial|conversación|credenciales|histórico|conversa|credenciais|cronologia|conversazione|credenziali|chatgeschiedenis|gesprek|inloggegevens|会話履歴|履歴|認証情報|聊天记录|对话记录|凭据|密钥|истори|переписк|учётные данные|учетные данные|ключи|парол/u;
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
    if (!SEND.test(sentence) || !SENSITIVE.test(sentence)) continue;
    found.push({ start, end, text: normalized.slice(start, end) });
  }
  return found;
}
