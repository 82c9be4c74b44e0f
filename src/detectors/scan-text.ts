import type { CountryCode } from 'libphonenumber-js';
import { isAllowed } from './allow-list.js';
import { detectInjection } from './injection/detect-injection.js';
import { detectPii, type PiiCategory } from './pii/detect-pii.js';
import type { AgentPolicy } from './policy/agent-policy.js';
import { detectPolicyViolations } from './policy/detect-policy-violations.js';
import { detectorsFor, severityInRole } from './role-rules.js';
import type { Detection, DetectorName, Match, ScannedText, TextScan } from './scanned-text.js';
import { detectSecrets } from './secrets/detect-secrets.js';

export interface ScanOptions {
  policy: AgentPolicy;
  defaultCountry?: CountryCode;
  /** Longer texts are scanned up to this many characters (memory and time stay bounded). */
  maxTextLength?: number;
}

export const DEFAULT_MAX_TEXT_LENGTH = 1_000_000;

export const NO_POLICY: AgentPolicy = {
  allowedDomains: [],
  bannedTopics: [],
  allowedPiiInOutputs: [],
  allow: [],
};

/**
 * Runs every detector on one text and keeps what counts for its role, minus the agent's
 * allow-list and allowed PII. Pure: no I/O, the same input gives the same answer.
 */
export async function scanText(input: ScannedText, options: ScanOptions): Promise<TextScan> {
  const text =
    input.text.length > (options.maxTextLength ?? DEFAULT_MAX_TEXT_LENGTH)
      ? input.text.slice(0, options.maxTextLength ?? DEFAULT_MAX_TEXT_LENGTH)
      : input.text;
  const scanned = { ...input, text };
  const run = detectorsFor(input.role);
  const secrets = await detectSecrets(text);
  const outsideSecrets = (matches: Match[]) =>
    matches.filter((m) => !secrets.some((secret) => m.start < secret.end && secret.start < m.end));
  let pii = run.pii ? outsideSecrets(detectPii(text, { defaultCountry: options.defaultCountry })) : undefined;
  const hits: [DetectorName, Match[]][] = [
    ['secrets', secrets],
    ['pii', pii ?? []],
    ['injection', run.injection ? detectInjection(text, options.policy.allowedDomains) : []],
    ['policy', detectPolicyViolations(scanned, options.policy)],
  ];
  const detections: Detection[] = [];
  const seen = new Set<string>();
  for (const [detector, matches] of hits) {
    for (const match of matches) {
      const severity = severityInRole(detector, match, input.role);
      if (severity === undefined) continue;
      if (detector === 'pii' && options.policy.allowedPiiInOutputs.includes(match.rule as PiiCategory))
        continue;
      const detection: Detection = { ...match, severity, detector, role: input.role };
      if (isAllowed(detection, text.slice(match.start, match.end), options.policy.allow)) continue;
      const key = `${detector}\u0000${match.rule}\u0000${match.identity}`;
      if (seen.has(key)) continue;
      seen.add(key);
      detections.push(detection);
    }
  }
  // Evidence masks every secret and every piece of PII around a hit, whatever the role.
  if (detections.length > 0 && pii === undefined)
    pii = detectPii(text, { defaultCountry: options.defaultCountry });
  const sensitiveRanges = [...secrets, ...(pii ?? [])].map(({ start, end }) => ({ start, end }));
  return { detections, sensitiveRanges };
}
