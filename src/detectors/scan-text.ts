import type { CountryCode } from 'libphonenumber-js';
import { isAllowed } from './allow-list.js';
import { decodeText } from './decoding/decode-text.js';
import { originalView, type TextView } from './decoding/text-view.js';
import { classifierMatches } from './injection/classifier-matches.js';
import { detectInjectionIn } from './injection/detect-injection.js';
import type { InjectionClassifierSettings } from './injection/injection-classifier.js';
import { piiIn, type PiiCategory } from './pii/detect-pii.js';
import type { AgentPolicy } from './policy/agent-policy.js';
import { detectPolicyViolations } from './policy/detect-policy-violations.js';
import { detectorsFor, severityInRole } from './role-rules.js';
import type { Detection, DetectorName, Match, ScannedText, TextScan } from './scanned-text.js';
import { secretlintInputs, secretsIn } from './secrets/detect-secrets.js';
import { secretlintBatch } from './secrets/secretlint-scan.js';
import { triggerScan, triggersOf, type Triggers } from './triggers.js';

export interface ScanOptions {
  policy: AgentPolicy;
  defaultCountry?: CountryCode;
  /** Longer texts are scanned up to this many characters (memory and time stay bounded). */
  maxTextLength?: number;
  /** The optional local injection classifier (off when unset); see ./injection/injection-classifier.ts. */
  injectionClassifier?: InjectionClassifierSettings;
}

export const DEFAULT_MAX_TEXT_LENGTH = 1_000_000;

export const NO_POLICY: AgentPolicy = {
  allowedDomains: [],
  bannedTopics: [],
  allowedPiiInOutputs: [],
  allow: [],
};

function bounded(input: ScannedText, options: ScanOptions): ScannedText {
  const max = options.maxTextLength ?? DEFAULT_MAX_TEXT_LENGTH;
  return input.text.length > max ? { ...input, text: input.text.slice(0, max) } : input;
}

/** A text after the shared decoding stage, waiting for secretlint's hits on its views. */
export interface DecodedInput {
  input: ScannedText;
  views: TextView[];
  /** Per view: what it holds for the detectors' gates (see ./triggers.ts). */
  triggers: Triggers[];
  /** Per view: whether secretlint should see it. */
  forSecretlint: boolean[];
  /** Nothing decoded and no trigger of any detector: secrets, PII and injection have nothing to find. */
  quiet: boolean;
  /** The original text in lower case (what the trigger scan read). */
  lower: string;
}

// One view: whether secretlint should see it (shared lists, never changed).
const NOT_FOR_SECRETLINT = [false];
const FOR_SECRETLINT = [true];

export function decodeInput(input: ScannedText, options: ScanOptions): DecodedInput {
  const scanned = bounded(input, options);
  const text = scanned.text;
  const lower = text.toLowerCase();
  // One scan settles most chat turns: no trigger and nothing encoded.
  const triggers = triggerScan(lower, text.length);
  if (!triggers.encoded) {
    const quiet = !triggers.any;
    const secretlint =
      !quiet && triggers.secretlint && text.length >= 8 ? FOR_SECRETLINT : NOT_FOR_SECRETLINT;
    return {
      input: scanned,
      views: [originalView(text)],
      triggers: [triggers],
      forSecretlint: secretlint,
      quiet,
      lower,
    };
  }
  const views = decodeText(text, triggers.encodings);
  const all = [triggers, ...triggersOf(views.slice(1))];
  return {
    input: scanned,
    views,
    triggers: all,
    forSecretlint: secretlintInputs(views, all),
    quiet: views.length === 1 && !triggers.any,
    lower,
  };
}

const NOTHING_TO_RUN = { pii: false, injection: false };
/** An empty list of matches, shared (nothing here changes a list of matches it is given). */
const NO_MATCHES: readonly Match[] = [];
const NO_SECRETLINT_HITS: readonly Match[][] = [[]];

/** The matches that overlap none of `secrets` (no closure per text: short turns add up). */
function outside(secrets: readonly Match[], matches: Match[]): Match[] {
  if (secrets.length === 0) return matches;
  return matches.filter((m) => !secrets.some((secret) => m.start < secret.end && secret.start < m.end));
}

/** Adds the matches of one detector that count in the text's role and are not allowed, once each. */
function keep(
  detections: Detection[],
  seen: Set<string>,
  detector: DetectorName,
  matches: readonly Match[],
  scanned: ScannedText,
  policy: AgentPolicy,
): void {
  for (const match of matches) {
    const severity = severityInRole(detector, match, scanned.role);
    if (severity === undefined) continue;
    if (detector === 'pii' && policy.allowedPiiInOutputs.includes(match.rule as PiiCategory)) continue;
    const detection: Detection = { ...match, severity, detector, role: scanned.role };
    if (isAllowed(detection, scanned.text.slice(match.start, match.end), policy.allow)) continue;
    const key = `${detector}\u0000${match.rule}\u0000${match.identity}`;
    if (seen.has(key)) continue;
    seen.add(key);
    detections.push(detection);
  }
}

/**
 * Runs every detector on one decoded text and keeps what counts for its role, minus the agent's
 * allow-list and allowed PII. Pure: no I/O, the same input gives the same answer.
 */
export function scanDecoded(
  decoded: DecodedInput,
  secretlintHits: readonly Match[][],
  options: ScanOptions,
): TextScan {
  const { input: scanned, views, triggers, quiet } = decoded;
  const policy = options.policy;
  const run = quiet ? NOTHING_TO_RUN : detectorsFor(scanned.role);
  const secrets = quiet ? NO_MATCHES : secretsIn(views, secretlintHits, triggers);
  let pii = run.pii ? outside(secrets, piiIn(views, options, triggers)) : undefined;
  const injection = run.injection
    ? detectInjectionIn(views, policy.allowedDomains, decoded.lower, triggers)
    : NO_MATCHES;
  const violations = detectPolicyViolations(scanned, policy);
  const detections: Detection[] = [];
  if (secrets.length + (pii?.length ?? 0) + injection.length + violations.length > 0) {
    const seen = new Set<string>();
    keep(detections, seen, 'secrets', secrets, scanned, policy);
    keep(detections, seen, 'pii', pii ?? NO_MATCHES, scanned, policy);
    keep(detections, seen, 'injection', injection, scanned, policy);
    keep(detections, seen, 'policy', violations, scanned, policy);
  }
  // Evidence masks every secret and every piece of PII around a hit, whatever the role.
  if (detections.length > 0 && pii === undefined && !quiet) pii = piiIn(views, options, triggers);
  const sensitiveRanges: TextScan['sensitiveRanges'] = [];
  for (const { start, end } of secrets) sensitiveRanges.push({ start, end });
  for (const { start, end } of pii ?? NO_MATCHES) sensitiveRanges.push({ start, end });
  return { detections, sensitiveRanges };
}

/**
 * Scans many texts at once (what a trace batch does): each text decoded once, secretlint run once
 * over every view that may hold one of its secrets, then every detector per text. A text none of
 * whose views needs secretlint (most) is scanned right away, so its decoded views are not kept
 * while the others wait. One result per text, in order.
 */
export async function scanBatch(inputs: readonly ScannedText[], options: ScanOptions): Promise<TextScan[]> {
  const results: TextScan[] = new Array(inputs.length);
  const waiting: { index: number; decoded: DecodedInput }[] = [];
  const wanted: string[] = [];
  const scanned: ScannedText[] = new Array(inputs.length);
  inputs.forEach((input, index) => {
    const decoded = decodeInput(input, options);
    scanned[index] = decoded.input;
    if (!decoded.forSecretlint.includes(true)) {
      results[index] = scanDecoded(decoded, NO_SECRETLINT_HITS, options);
      return;
    }
    waiting.push({ index, decoded });
    decoded.views.forEach((view, i) => decoded.forSecretlint[i] && wanted.push(view.text));
  });
  if (waiting.length > 0) {
    const batch = await secretlintBatch(wanted);
    let next = 0;
    for (const { index, decoded } of waiting) {
      const hits = decoded.views.map((_, i) => (decoded.forSecretlint[i] ? batch[next++]! : []));
      results[index] = scanDecoded(decoded, hits, options);
    }
  }
  if (options.injectionClassifier) await addClassifierFindings(scanned, results, options);
  return results;
}

/** Roles whose text reaches the model from outside: where the classifier is worth running. */
const CLASSIFIED_ROLES: readonly ScannedText['role'][] = ['user_input', 'retrieved_document', 'tool_result'];

/**
 * The classifier's findings, added to texts the rules found no injection in (it raises what they
 * missed, never replaces or lowers what they found); every such text scored in one batch.
 */
async function addClassifierFindings(
  scanned: readonly ScannedText[],
  results: TextScan[],
  options: ScanOptions,
): Promise<void> {
  const indexes = scanned.flatMap((input, i) =>
    CLASSIFIED_ROLES.includes(input.role) && !results[i]!.detections.some((d) => d.detector === 'injection')
      ? [i]
      : [],
  );
  if (indexes.length === 0) return;
  const found = await classifierMatches(
    indexes.map((i) => scanned[i]!.text),
    options.injectionClassifier!,
  );
  indexes.forEach((index, k) => {
    const match = found[k];
    if (!match) return;
    const detections = [...results[index]!.detections];
    keep(detections, new Set(), 'injection', [match], scanned[index]!, options.policy);
    results[index] = { ...results[index]!, detections };
  });
}

/** Runs every detector on one text (see `scanBatch` for many). */
export async function scanText(input: ScannedText, options: ScanOptions): Promise<TextScan> {
  return (await scanBatch([input], options))[0]!;
}
