import { statSync } from 'node:fs';
import type { CountryCode } from 'libphonenumber-js';
import { isSupportedCountry } from 'libphonenumber-js';
import { z } from 'zod';
import type { InjectionClassifierSettings } from '../detectors/injection/injection-classifier.js';
import type { TraceScope } from './trace-scope.js';

/** Agent discovery and trace scanning settings (see the configuration table in README.md). */
export interface AgentScanConfig {
  /** How often each connected workspace is scanned (AGENT_SCAN_INTERVAL_SECONDS, default 300). */
  everySeconds: number;
  /** How far back each cycle reads trace rows (AGENT_SCAN_LOOKBACK_MINUTES, default 60). */
  lookbackMinutes: number;
  scope: TraceScope;
  /** Per-agent policies and allow-lists (AGENT_POLICY_FILE, default agent-policies.yml). */
  policyFile: string;
  policyRequired: boolean;
  /** Rows read per batch: memory stays bounded by it (AGENT_SCAN_BATCH_ROWS, default 200). */
  batchRows: number;
  /** Country for phone numbers written without +code (AGENT_PHONE_REGION, default US). */
  phoneRegion: CountryCode;
  /**
   * The optional local injection classifier (INJECTION_CLASSIFIER_MODEL_PATH and
   * INJECTION_CLASSIFIER_THRESHOLD); off when unset.
   */
  injectionClassifier?: InjectionClassifierSettings;
}

/** Threshold used when INJECTION_CLASSIFIER_THRESHOLD is unset (tuned on the shipped model's eval). */
export const DEFAULT_CLASSIFIER_THRESHOLD = 0.85;

const classifierThreshold = z
  .string()
  .optional()
  .transform((value, ctx) => {
    if (value === undefined || value.trim() === '') return DEFAULT_CLASSIFIER_THRESHOLD;
    const threshold = Number(value.trim());
    if (!(threshold > 0 && threshold < 1)) {
      ctx.addIssue({ code: 'custom', message: 'must be a number between 0 and 1, such as 0.85' });
      return z.NEVER;
    }
    return threshold;
  });

const plainName = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]*$/, 'letters, digits, "_" and "-" only');

/** The variables this module reads (listed for deployment manifests and their test). */
export const agentScanEnvironment = z.object({
  AGENT_SCAN_INTERVAL_SECONDS: z.coerce.number().int().min(60).max(86_400).default(300),
  AGENT_SCAN_LOOKBACK_MINUTES: z.coerce
    .number()
    .int()
    .min(5)
    .max(24 * 60)
    .default(60),
  DATABRICKS_CATALOG: plainName.min(1).default('workspace'),
  DATABRICKS_SCHEMA: plainName.min(1).default('default'),
  DATABRICKS_PREFIX: plainName.default(''),
  AGENT_POLICY_FILE: z.string().trim().min(1).optional(),
  AGENT_SCAN_BATCH_ROWS: z.coerce.number().int().min(1).max(10_000).default(200),
  AGENT_PHONE_REGION: z
    .string()
    .trim()
    .toUpperCase()
    .refine((code) => isSupportedCountry(code), 'must be a two-letter country code such as US or GB')
    .default('US'),
  /** An ONNX model file (see src/detectors/injection/injection-classifier.ts); never downloaded. */
  INJECTION_CLASSIFIER_MODEL_PATH: z
    .string()
    .trim()
    .optional()
    .transform((value) => (value === '' ? undefined : value)),
  INJECTION_CLASSIFIER_THRESHOLD: classifierThreshold,
});

/** Reads the agent-scan variables; problems are named by variable, never with their value. */
export function agentScanSettings(
  source: NodeJS.ProcessEnv,
  problems: { variable: string; problem: string }[],
): AgentScanConfig {
  const parsed = agentScanEnvironment.safeParse(source);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      problems.push({ variable: issue.path.join('.') || '(environment)', problem: issue.message });
    }
    return agentScanSettings({}, []);
  }
  const env = parsed.data;
  return {
    everySeconds: env.AGENT_SCAN_INTERVAL_SECONDS,
    lookbackMinutes: env.AGENT_SCAN_LOOKBACK_MINUTES,
    scope: { catalog: env.DATABRICKS_CATALOG, schema: env.DATABRICKS_SCHEMA, prefix: env.DATABRICKS_PREFIX },
    policyFile: env.AGENT_POLICY_FILE ?? 'agent-policies.yml',
    policyRequired: env.AGENT_POLICY_FILE !== undefined,
    batchRows: env.AGENT_SCAN_BATCH_ROWS,
    phoneRegion: env.AGENT_PHONE_REGION as CountryCode,
    injectionClassifier: classifierSettings(env, problems),
  };
}

/** The classifier's settings when its model path is set; a path that is no file is a problem. */
function classifierSettings(
  env: z.output<typeof agentScanEnvironment>,
  problems: { variable: string; problem: string }[],
): InjectionClassifierSettings | undefined {
  const modelPath = env.INJECTION_CLASSIFIER_MODEL_PATH;
  if (modelPath === undefined) return undefined;
  let isFile = false;
  try {
    isFile = statSync(modelPath).isFile();
  } catch {
    // Missing or unreadable: reported below.
  }
  if (!isFile) {
    problems.push({
      variable: 'INJECTION_CLASSIFIER_MODEL_PATH',
      problem: `no model file at ${modelPath} (the classifier's model is never downloaded; train one with npm run classifier:train)`,
    });
  }
  return { modelPath, threshold: env.INJECTION_CLASSIFIER_THRESHOLD };
}
