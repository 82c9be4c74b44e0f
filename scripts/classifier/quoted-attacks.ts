import { PHRASEBOOK } from '../../test/corpus/generated/attack-phrasebook.js';
import type { TrainingText } from './train-logistic-regression.js';

/**
 * Hard negatives for training: the phrasebook's attacks quoted in security-awareness text
 * written here (not the corpus's own awareness sentences, which the eval scores). Quoting an
 * attack is not an attack (test/corpus/README.md); without these a bag of n-grams learns
 * "attack words" and nothing about the framing around them.
 */
const FRAMES: Record<string, string[]> = {
  en: [
    'Phishing awareness week: a message that says "{q}" is an attack. Do not paste it into the assistant.',
    'Incident INC-2207 write-up: the poisoned page contained "{q}" and our filter blocked it.',
    'Quiz question 3: why should the model refuse text like "{q}"?',
  ],
  de: [
    'Awareness-Woche: Eine Nachricht mit „{q}“ ist ein Angriff. Bitte nicht an den Assistenten weitergeben.',
    'Vorfallbericht: Die manipulierte Seite enthielt „{q}“, unser Filter hat es blockiert.',
  ],
  fr: [
    'Semaine de sensibilisation : un message qui dit « {q} » est une attaque, ne le collez pas dans l’assistant.',
    'Rapport d’incident : la page piégée contenait « {q} » et notre filtre l’a bloquée.',
  ],
  es: [
    'Semana de concienciación: un mensaje que dice «{q}» es un ataque; no lo pegues en el asistente.',
    'Informe del incidente: la página manipulada contenía «{q}» y el filtro la bloqueó.',
  ],
  pt: [
    'Semana de conscientização: uma mensagem que diz "{q}" é um ataque; não cole no assistente.',
    'Relatório do incidente: a página adulterada continha "{q}" e o filtro bloqueou.',
  ],
  it: [
    'Settimana della sicurezza: un messaggio che dice «{q}» è un attacco, non incollarlo nell’assistente.',
    'Rapporto sull’incidente: la pagina manomessa conteneva «{q}» e il filtro l’ha bloccata.',
  ],
  nl: [
    'Awarenessweek: een bericht met "{q}" is een aanval; plak het niet in de assistent.',
    'Incidentrapport: de gemanipuleerde pagina bevatte "{q}" en ons filter blokkeerde die.',
  ],
  ja: ['セキュリティ研修：「{q}」のようなメッセージは攻撃です。アシスタントに貼り付けないでください。'],
  zh: ['安全培训：类似“{q}”的消息属于攻击，请不要粘贴给助手。'],
  ru: [
    'Неделя безопасности: сообщение вида «{q}» — это атака, не вставляйте его в ассистента.',
    'Отчёт об инциденте: на подменённой странице было «{q}», фильтр его заблокировал.',
  ],
};

export function quotedAttackNegatives(): TrainingText[] {
  return Object.entries(PHRASEBOOK).flatMap(([lang, { attacks }]) =>
    (FRAMES[lang] ?? []).flatMap((frame) =>
      attacks.map(([, attack]) => ({ text: frame.replace('{q}', attack), label: 0 as const })),
    ),
  );
}
