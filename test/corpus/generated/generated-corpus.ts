/**
 * The generated part of the labelled corpus: rows built from the templates in this folder with a
 * fixed seed (see README.md for the labelling rules). Same seed, same rows.
 */
import { benignRows } from './benign-rows.js';
import { injectionRows } from './injection-rows.js';
import { notesToTheAiRows } from './notes-to-the-ai.js';
import type { LabelledText } from './labelled-row.js';
import { piiRows } from './pii-rows.js';
import { secretRows } from './secret-rows.js';
import { seededRandom } from './seeded-random.js';

export const CORPUS_SEED = 13;

export function generatedCorpus(seed = CORPUS_SEED): LabelledText[] {
  const random = seededRandom(seed);
  return [
    ...secretRows(random, 4),
    ...piiRows(random, 6),
    ...injectionRows(random),
    ...notesToTheAiRows(),
    ...benignRows(random, 4),
  ];
}
