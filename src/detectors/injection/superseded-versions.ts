import { wordStartFirst } from '../word-start-first.js';

/**
 * Whether "ignore the old guidelines" is a document telling its readers that a newer version
 * replaces an older one: a changelog's "Ignorez les anciennes consignes de sécurité (v2) ; la
 * version 3 ci-dessous les remplace", "Disregard the old rules (v1.4); version 2 supersedes them".
 * The rules dropped are called old or given a version, a newer version takes their place in the
 * same sentence, the rules are nobody's in particular (not "your"/"tes"/"deine" rules, which is
 * how an attack names the model's), and the text names no model. Aimed at the model ("Assistant:
 * ignore the old instructions (v2)…"), it still fires. Runs on lower-case text.
 */
const OLD = wordStartFirst(
  /(?<![\p{L}])(?:old|older|outdated|obsolete|previous version|prior version|alte[nr]?|veraltete[nr]?|anciennes?|obsolètes?|antigu[ao]s|viej[ao]s|obsolet[ao]s|antig[ao]s|vecchi[ae]?|obsolet[ie]|oude|verouderde|стар\p{L}*|устаревш\p{L}*)(?![\p{L}])|\(v\d|\bv\d+(?:\.\d+)*\b/u,
);
const REPLACED = wordStartFirst(
  /(?<![\p{L}])(?:replaces?|supersedes?|takes? (?:their|its) place|ersetzt|löst \p{L}+ ab|remplacent?|annule et remplace|sustituyen?|reemplazan?|substitu(?:i|em)|sostituisc\p{L}*|vervang(?:t|en)|заменя\p{L}*)(?![\p{L}])|(?:version|versión|versione|versão|fassung|versie|верси\p{L}*|v) ?\d/u,
);
const THEIRS = wordStartFirst(
  /(?<![\p{L}])(?:your|yours|tes|vos|ta|votre|deine[nr]?|ihre|eure|tus|sus|tuas|suas|seus|teus|tuoi|tue|vostre|je|jouw|uw|твои|ваши|свои)(?![\p{L}])/u,
);
const MODEL =
  /(?<![\p{L}])(?:ai|ki|ia|ии|llm|gpt|assistant|assistent\p{L}*|asistente|assistente|ассистент\p{L}*|chatbot|bot|language model|sprachmodell|modèle|modelo|modello|model|модел\p{L}*|system ?prompt|prompt)(?![\p{L}])/u;

/** The sentence around `start`..`end`, to the next full stop or line break. */
function sentenceAround(lower: string, start: number, end: number): string {
  const from = Math.max(
    lower.lastIndexOf('. ', start - 1),
    lower.lastIndexOf('\n', start - 1),
    start - 240,
    0,
  );
  const stops = [lower.indexOf('. ', end), lower.indexOf('\n', end), end + 160].filter((i) => i >= 0);
  return lower.slice(from, Math.min(...stops));
}

export function supersededVersion(lower: string, start: number, end: number): boolean {
  if (MODEL.test(lower)) return false;
  const hit = lower.slice(start, end);
  if (THEIRS.test(hit) || !OLD.test(hit)) return false;
  const sentence = sentenceAround(lower, start, end);
  const after = sentence.slice(sentence.indexOf(hit) + hit.length);
  return REPLACED.test(after);
}
