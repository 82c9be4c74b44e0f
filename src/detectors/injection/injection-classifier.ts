/**
 * The optional local injection classifier: an ONNX model read from a file the operator
 * configured (never downloaded), run on the CPU with onnxruntime-node, which is an optional
 * dependency loaded only here, so the bot starts without it when the classifier is off.
 *
 * Model contract: one input `features`, float32 [batch, D] with D a power of two, holding the
 * hashed features of ./classifier-features.ts (feature version 1); one output `score`, float32
 * [batch, 1], the probability that the text is a prompt injection. A logistic regression
 * (MatMul, Add, Sigmoid) or a small MLP both fit; scripts/train-injection-classifier.ts
 * trains one from the labelled corpus.
 */
import { stat } from 'node:fs/promises';
import type * as Ort from 'onnxruntime-node';
import type { InferenceSession, Tensor } from 'onnxruntime-node';
import { isFeatureDimension, writeClassifierFeatures } from './classifier-features.js';

export interface InjectionClassifierSettings {
  /** The model file (INJECTION_CLASSIFIER_MODEL_PATH). */
  modelPath: string;
  /** A text scoring at least this is reported (INJECTION_CLASSIFIER_THRESHOLD). */
  threshold: number;
}

/** The model cannot be used: says why, with its path (never a stack trace for an operator). */
export class InjectionClassifierError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InjectionClassifierError';
  }
}

type Runtime = typeof Ort;

/** Texts per call to the model (one feature matrix of BATCH × D floats at most). */
const BATCH = 128;

async function runtime(): Promise<Runtime> {
  try {
    return await import('onnxruntime-node');
  } catch {
    throw new InjectionClassifierError(
      'onnxruntime-node is not installed (it is an optional dependency: install without --omit=optional)',
    );
  }
}

export class InjectionClassifier {
  private constructor(
    private readonly ort: Runtime,
    private readonly session: InferenceSession,
    /** The feature dimension D the model reads. */
    readonly dimension: number,
  ) {}

  /** Loads and checks a model file; throws InjectionClassifierError naming the path. */
  static async load(modelPath: string): Promise<InjectionClassifier> {
    const fail = (why: string) => new InjectionClassifierError(`the model at ${modelPath} ${why}`);
    const file = await stat(modelPath).catch(() => undefined);
    if (!file?.isFile()) throw fail('does not exist or is not a file');
    const ort = await runtime();
    let session: InferenceSession;
    try {
      // One thread per session: the scan pool already runs one worker per core, each with its own.
      session = await ort.InferenceSession.create(modelPath, {
        executionProviders: ['cpu'],
        intraOpNumThreads: 1,
        interOpNumThreads: 1,
      });
    } catch {
      throw fail('is not a valid ONNX model');
    }
    const input = session.inputMetadata.find((value) => value.name === 'features');
    const dimension = input?.isTensor ? input.shape[1] : undefined;
    if (!input?.isTensor || input.type !== 'float32' || input.shape.length !== 2)
      throw fail('has no float32 input "features" of shape [batch, D]');
    if (typeof dimension !== 'number' || !isFeatureDimension(dimension))
      throw fail('has a "features" input whose second dimension is not a power of two');
    if (!session.outputNames.includes('score')) throw fail('has no output "score"');
    const classifier = new InjectionClassifier(ort, session, dimension);
    const [probe] = await classifier.scores(['']).catch(() => [Number.NaN]);
    if (!(probe! >= 0 && probe! <= 1)) throw fail('does not answer a probability for one text');
    return classifier;
  }

  /** The probability that each text is a prompt injection, in order (batched calls). */
  async scores(texts: readonly string[]): Promise<number[]> {
    const out: number[] = [];
    for (let from = 0; from < texts.length; from += BATCH) {
      const batch = texts.slice(from, from + BATCH);
      const features = new Float32Array(batch.length * this.dimension);
      batch.forEach((text, i) =>
        writeClassifierFeatures(text, features.subarray(i * this.dimension, (i + 1) * this.dimension)),
      );
      const input = new this.ort.Tensor('float32', features, [batch.length, this.dimension]);
      const result = await this.session.run({ features: input });
      const score = result.score as Tensor;
      for (let i = 0; i < batch.length; i++) out.push(Number(score.data[i]));
    }
    return out;
  }
}

const LOADED = new Map<string, Promise<InjectionClassifier>>();

/** The model at `modelPath`, loaded once per thread (each scan worker loads its own). */
export function injectionClassifierAt(modelPath: string): Promise<InjectionClassifier> {
  let loading = LOADED.get(modelPath);
  if (!loading) {
    loading = InjectionClassifier.load(modelPath);
    LOADED.set(modelPath, loading);
    loading.catch(() => LOADED.delete(modelPath));
  }
  return loading;
}
