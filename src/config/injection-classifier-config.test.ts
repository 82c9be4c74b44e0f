import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';
import { loadInjectionClassifier } from './load-injection-classifier.js';

const MODEL = new URL('../../test/fixtures/injection-classifier.onnx', import.meta.url).pathname;

function configError(run: () => unknown): ConfigError {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('the injection classifier settings', () => {
  it('are off by default', () => {
    expect(loadConfig({}).agentScan.injectionClassifier).toBeUndefined();
    expect(loadConfig({ INJECTION_CLASSIFIER_MODEL_PATH: '' }).agentScan.injectionClassifier).toBeUndefined();
  });

  it('read the model path and the threshold, 0.85 unless given', () => {
    expect(loadConfig({ INJECTION_CLASSIFIER_MODEL_PATH: MODEL }).agentScan.injectionClassifier).toEqual({
      modelPath: MODEL,
      threshold: 0.85,
    });
    const config = loadConfig({
      INJECTION_CLASSIFIER_MODEL_PATH: MODEL,
      INJECTION_CLASSIFIER_THRESHOLD: '0.97',
    });
    expect(config.agentScan.injectionClassifier?.threshold).toBe(0.97);
  });

  it('refuse a model file that is not there, naming the variable and the path', () => {
    const missing = path.join(os.tmpdir(), 'no-such-dir', 'model.onnx');
    const error = configError(() => loadConfig({ INJECTION_CLASSIFIER_MODEL_PATH: missing }));
    expect(error.problems).toEqual([
      {
        variable: 'INJECTION_CLASSIFIER_MODEL_PATH',
        problem: expect.stringContaining(`no model file at ${missing}`),
      },
    ]);
    expect(error.message).not.toMatch(/\n\s+at /);
  });

  it('refuse a threshold outside (0, 1) with a message naming it', () => {
    for (const bad of ['1', '0', '-0.2', 'high']) {
      const error = configError(() =>
        loadConfig({ INJECTION_CLASSIFIER_MODEL_PATH: MODEL, INJECTION_CLASSIFIER_THRESHOLD: bad }),
      );
      expect(error.problems).toEqual([
        {
          variable: 'INJECTION_CLASSIFIER_THRESHOLD',
          problem: 'must be a number between 0 and 1, such as 0.85',
        },
      ]);
    }
  });

  it('load the model at start-up, and fail start-up on a file that is not a model', async () => {
    await expect(
      loadInjectionClassifier(loadConfig({ INJECTION_CLASSIFIER_MODEL_PATH: MODEL })),
    ).resolves.toBe(undefined);
    const notAModel = path.join(mkdtempSync(path.join(os.tmpdir(), 'classifier-')), 'model.onnx');
    writeFileSync(notAModel, 'this is not a protobuf');
    const config = loadConfig({ INJECTION_CLASSIFIER_MODEL_PATH: notAModel });
    const error = await loadInjectionClassifier(config).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toBe(
      `Invalid configuration:\n  - INJECTION_CLASSIFIER_MODEL_PATH: the model at ${notAModel} is not a valid ONNX model`,
    );
  });
});
