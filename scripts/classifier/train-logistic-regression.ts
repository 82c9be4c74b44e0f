import { classifierFeatures } from '../../src/detectors/injection/classifier-features.js';
import { seededRandom } from '../../test/corpus/generated/seeded-random.js';

export interface TrainingText {
  text: string;
  /** 1: a prompt injection; 0: anything else. */
  label: 0 | 1;
  /** How much the row counts (default 1): more for hard negatives such as quoted attacks. */
  weight?: number;
}

export interface TrainingOptions {
  dimension: number;
  epochs: number;
  /** Step size at the first epoch; it decays as 1 / (1 + epoch). */
  learningRate: number;
  /** L2 penalty on the weights. */
  l2: number;
  seed: number;
}

/** A text's features as the non-zero slots only (the hashed vector is mostly zeros). */
interface SparseRow {
  slots: Uint32Array;
  values: Float32Array;
  label: 0 | 1;
  weight: number;
}

function sparse({ text, label, weight = 1 }: TrainingText, dimension: number): SparseRow {
  const dense = classifierFeatures(text, dimension);
  const slots: number[] = [];
  dense.forEach((value, slot) => value !== 0 && slots.push(slot));
  return {
    slots: Uint32Array.from(slots),
    values: Float32Array.from(slots, (s) => dense[s]!),
    label,
    weight,
  };
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/**
 * Logistic regression by stochastic gradient descent on the hashed features, in a seeded order
 * (same data and options, same weights). The L2 penalty is applied to the slots a row touches
 * only: plain, and good enough for a few thousand texts.
 */
export function trainLogisticRegression(
  texts: readonly TrainingText[],
  options: TrainingOptions,
): { weights: Float32Array; bias: number; predict(text: string): number } {
  const rows = texts.map((text) => sparse(text, options.dimension));
  const weights = new Float64Array(options.dimension);
  let bias = 0;
  const random = seededRandom(options.seed);
  const order = rows.map((_, i) => i);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random.next() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    const rate = options.learningRate / (1 + epoch);
    for (const index of order) {
      const row = rows[index]!;
      let z = bias;
      for (let k = 0; k < row.slots.length; k++) z += weights[row.slots[k]!]! * row.values[k]!;
      const error = (sigmoid(z) - row.label) * row.weight;
      for (let k = 0; k < row.slots.length; k++) {
        const slot = row.slots[k]!;
        weights[slot] = weights[slot]! - rate * (error * row.values[k]! + options.l2 * weights[slot]!);
      }
      bias -= rate * error;
    }
  }
  const final = Float32Array.from(weights);
  const predict = (text: string) => {
    const features = classifierFeatures(text, options.dimension);
    let z = bias;
    for (let slot = 0; slot < features.length; slot++) z += final[slot]! * features[slot]!;
    return sigmoid(z);
  };
  return { weights: final, bias, predict };
}
