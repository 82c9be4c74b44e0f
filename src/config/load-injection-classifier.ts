import {
  injectionClassifierAt,
  InjectionClassifierError,
} from '../detectors/injection/injection-classifier.js';
import { ConfigError, type Config } from './config.js';

/**
 * Loads the configured injection classifier once at start-up, so a model that cannot be used
 * stops the bot with a message naming the variable and the file, not at the first scan. Each
 * scan worker thread loads its own copy on its first batch. Nothing to do when it is off.
 */
export async function loadInjectionClassifier(config: Pick<Config, 'agentScan'>): Promise<void> {
  const settings = config.agentScan.injectionClassifier;
  if (!settings) return;
  try {
    await injectionClassifierAt(settings.modelPath);
  } catch (error) {
    if (!(error instanceof InjectionClassifierError)) throw error;
    throw new ConfigError([{ variable: 'INJECTION_CLASSIFIER_MODEL_PATH', problem: error.message }]);
  }
}
