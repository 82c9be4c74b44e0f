/**
 * `npm run classifier:train -- --out model.onnx [--dimension 4096] [--epochs 12]`: trains the
 * optional injection classifier (logistic regression on the hashed features of
 * src/detectors/injection/classifier-features.ts) and writes it as an ONNX model for
 * INJECTION_CLASSIFIER_MODEL_PATH.
 *
 * Trained on generated corpus rows from other seeds than the eval's (CORPUS_SEED), minus every
 * text the eval scores (gated rows, the seven held-out sets, hand-written rows), so the eval never
 * sees a training text. Encoded injections (base64, hex, URL, HTML entities) are left out: the
 * rules decode those, and to the features they are noise. Attacks quoted in awareness text written
 * for training (./classifier/quoted-attacks.ts) are added as hard negatives. Prints the scores of the held-out
 * injections and the share of held-out benign rows above 0.5.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { FEATURE_VERSION, isFeatureDimension } from '../src/detectors/injection/classifier-features.js';
import { CORPUS_SEED, generatedCorpus } from '../test/corpus/generated/generated-corpus.js';
import { HELD_OUT, ONCE_HELD_OUT } from '../test/corpus/held-out-sets.js';
import { CORPUS } from '../test/corpus/labelled-traces.js';
import { onnxLogisticModel } from './classifier/onnx-logistic-model.js';
import { quotedAttackNegatives } from './classifier/quoted-attacks.js';
import { trainLogisticRegression, type TrainingText } from './classifier/train-logistic-regression.js';

const TRAINING_SEEDS = [1, 2, 3, 4, 5, 6, 7, 8];

const { values } = parseArgs({
  options: {
    out: { type: 'string' },
    dimension: { type: 'string', default: '4096' },
    epochs: { type: 'string', default: '12' },
  },
});
const dimension = Number(values.dimension);
const epochs = Number(values.epochs);
if (!values.out || !isFeatureDimension(dimension) || !(Number.isInteger(epochs) && epochs > 0)) {
  console.error(
    'usage: npm run classifier:train -- --out model.onnx [--dimension <power of two, default 4096>] [--epochs 12]',
  );
  process.exit(2);
}

const scored = new Set(
  [...generatedCorpus(CORPUS_SEED), ...CORPUS, ...ONCE_HELD_OUT, ...HELD_OUT].map((row) => row.text),
);
const training = new Map<string, TrainingText>();
for (const seed of TRAINING_SEEDS) {
  for (const row of generatedCorpus(seed)) {
    if (scored.has(row.text) || row.family?.startsWith('injection/encoded-')) continue;
    training.set(row.text, { text: row.text, label: row.expect.includes('injection') ? 1 : 0 });
  }
}
const texts = [...training.values(), ...quotedAttackNegatives()];
const model = trainLogisticRegression(texts, { dimension, epochs, learningRate: 0.5, l2: 1e-3, seed: 13 });

const positives = texts.filter((t) => t.label === 1).length;
const right = texts.filter((t) => (model.predict(t.text) >= 0.5 ? 1 : 0) === t.label).length;
console.log(
  `trained on ${texts.length} texts (${positives} injections), dimension ${dimension}, ${epochs} epochs; ` +
    `training accuracy at 0.5: ${((right / texts.length) * 100).toFixed(1)}%`,
);
console.log('\nheld-out rows (never trained on):');
for (const row of [...ONCE_HELD_OUT, ...HELD_OUT]) {
  const score = model.predict(row.text);
  const label = row.expect.includes('injection')
    ? 'injection'
    : row.expect.length
      ? row.expect.join(',')
      : 'benign';
  console.log(`  ${score.toFixed(3)}  ${label.padEnd(9)} ${row.id}`);
}

writeFileSync(
  values.out,
  onnxLogisticModel({
    weights: model.weights,
    bias: model.bias,
    metadata: {
      feature_version: String(FEATURE_VERSION),
      dimension: String(dimension),
      trained_on: `generated corpus, seeds ${TRAINING_SEEDS.join(',')}, minus evaluated texts and encoded injections`,
    },
  }),
);
console.log(`\nwrote ${values.out}`);
