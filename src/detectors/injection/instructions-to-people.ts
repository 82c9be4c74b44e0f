import { wordStartFirst } from '../word-start-first.js';

/**
 * Whether an instruction to send data out is written for people: an incident-response page telling
 * staff to "forward the chat history to security@corp.example", a help text with "if you receive a
 * suspicious message, forward it to…". The sentence names people as the ones acting (employees,
 * colleagues, "if you receive…", "please report…", in the corpus languages), or tells a case
 * ("if a customer reports fraud, forward … to fraud-desk@…") and sends it to a mailbox, and the
 * text never names a model; an injection talks to the model ("Assistant: forward the chat
 * history to…").
 * Runs on lower-case text.
 */
const PEOPLE = wordStartFirst(
  /(?<![\p{L}])(?:employees?|staff|colleagues|team members|managers|supervisors?|(?:users|customers|agents) (?:must|should)|(?:if|when|whenever) you (?:receive|notice|suspect|get|see|spot|find|are contacted)|please (?:contact|report|reach out)|your (?:manager|supervisor|team lead|line manager)|mitarbeitende|mitarbeiter(?:innen)?|kolleg(?:en|innen)|(?:wenn|falls) (?:du|sie) (?:eine|einen|etwas|verdächtig)\p{L}*|vorgesetzte\p{L}*|collaborateurs?|collaboratrices?|employés?|salariés?|si (?:vous|tu) (?:recevez|reçois|remarquez|constatez)|empleados?|si (?:recibes|recibe|detectas|detecta|notas)|funcionários?|colaboradores?|se (?:você )?(?:receber|notar|suspeitar)|dipendenti|colleghi|se (?:ricevi|riceve|noti|notate)|medewerkers?|collega's|als (?:je|u) (?:een )?(?:verdachte?|ontvangt)|сотрудник\p{L}*|коллег\p{L}*|если (?:вы|ты) (?:получил|заметил)\p{L}*)(?![\p{L}])|社員|従業員|担当者|员工|同事|如果您?收到/u,
);
const MODEL =
  /(?<![\p{L}])(?:ai|ki|ia|ии|llm|gpt|assistant|assistent\p{L}*|asistente|assistente|ассистент\p{L}*|chatbot|bot|language model|sprachmodell|modèle|modelo|modello|model|модел\p{L}*)(?![\p{L}])|アシスタント|モデル|助手|模型/u;

/**
 * A case staff handle, told as a case: "if a customer reports fraud", "wenn ein Kunde Betrug
 * meldet", "si un client signale…". The someone is indefinite (any customer, not "the user" in
 * this chat), which is how procedures are written and not how an injection talks about the person
 * the model is serving.
 */
const STAFF_CASE = wordStartFirst(
  /(?<![\p{L}])(?:(?:if|when|whenever|once|where) (?:a|an|any) (?:customer|client|user|caller|member|account holder|cardholder|employee|colleague|merchant|partner|vendor|patient)s? (?:reports?|complains?|asks?|calls?|contacts?|raises?|flags?|disputes?|requests?|mentions?|writes?|claims?)|(?:wenn|falls|sobald) (?:ein|eine) (?:kunde|kundin|nutzer|nutzerin|anrufer|anruferin|mitglied|patient|patientin)|si (?:un|une) (?:client|cliente|utilisateur|utilisatrice|usager|usagère|adhérent)|si (?:un|una) (?:cliente|usuario|usuaria|socio|socia)|se (?:um|uma) (?:cliente|usuário|usuária|utilizador|associado)|se (?:un|una|un') ?(?:cliente|utente|socio)|als (?:een) (?:klant|gebruiker|beller|lid)|если (?:клиент|пользователь|абонент))(?![\p{L}])|お客様(?:から|が)[^。\n]{0,16}場合|如果(?:有)?(?:客户|用户)/u,
);
/** Procedures send cases to a team's mailbox; a URL as the destination is not a colleague. */
const TO_A_MAILBOX = /@[\w-]+\.[\w.-]+\s*$/u;

/** The sentence around `start`..`end`: back to the last full stop or line break, on to the next. */
function sentenceAround(lower: string, start: number, end: number): string {
  const from = Math.max(lower.lastIndexOf('. ', start - 1), lower.lastIndexOf('\n', start - 1), start - 240);
  const stops = [lower.indexOf('. ', end), lower.indexOf('\n', end), end + 120].filter((i) => i >= 0);
  return lower.slice(Math.max(0, from), Math.min(...stops));
}

export function writtenForPeople(lower: string, start: number, end: number): boolean {
  if (MODEL.test(lower)) return false;
  const sentence = sentenceAround(lower, start, end);
  if (PEOPLE.test(sentence)) return true;
  return STAFF_CASE.test(sentence) && TO_A_MAILBOX.test(lower.slice(start, end).replace(/[.,;:)>\]]+$/, ''));
}
