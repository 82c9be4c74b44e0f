/**
 * `npm run eval:detectors`: precision and recall of each detector on the labelled corpus in
 * test/corpus/ (hand-written texts plus the seeded, generated rows: secrets, PII, injections in
 * ten languages and five forms, and hard negatives), per text: a detector counts as firing on a
 * text when it reports at least one finding there in the text's role. Also the share of benign
 * texts that raised any finding, and recall by family (form, language). Exits non-zero when a
 * goal is missed. `--verbose` lists every miss and false alarm.
 * `--classifier model.onnx` (or INJECTION_CLASSIFIER_MODEL_PATH) also runs every row with the
 * optional injection classifier on, `--classifier-threshold` (or INJECTION_CLASSIFIER_THRESHOLD)
 * its threshold, and prints injection precision and recall and the benign rate with it off and
 * on; the goals hold for both.
 */
import { existsSync } from 'node:fs';
import { DEFAULT_CLASSIFIER_THRESHOLD as DEFAULT_THRESHOLD } from '../src/agents/agent-scan-config.js';
import { parseAgentPolicies } from '../src/detectors/policy/load-agent-policies.js';
import { parseArgs } from 'node:util';
import { InjectionClassifier } from '../src/detectors/injection/injection-classifier.js';
import { scanBatch, type ScanOptions } from '../src/detectors/scan-text.js';
import { DETECTORS, type DetectorName } from '../src/detectors/scanned-text.js';
import { generatedCorpus } from '../test/corpus/generated/generated-corpus.js';
import type { LabelledText } from '../test/corpus/generated/labelled-row.js';
import { HELD_OUT, ONCE_HELD_OUT } from '../test/corpus/held-out-sets.js';
import { CORPUS, CORPUS_POLICY_FILE } from '../test/corpus/labelled-traces.js';

const GOALS: Partial<Record<DetectorName, { precision: number; recall: number }>> = {
  secrets: { precision: 0.97, recall: 0.97 },
  pii: { precision: 0.97, recall: 0.97 },
  injection: { precision: 0.95, recall: 0.9 },
};
const MAX_BENIGN_WITH_FINDINGS = 0.02;
/** The threshold used when `--classifier` is given without `--classifier-threshold`. */
const DEFAULT_CLASSIFIER_THRESHOLD = DEFAULT_THRESHOLD;

const policies = parseAgentPolicies(CORPUS_POLICY_FILE);
const handWritten = policies.for('corpus-agent');
// Generated rows carry no policy labels: scanned with no allowed-domain list or banned topics.
const open = policies.for('any-other-agent');
const { values: args } = parseArgs({
  options: {
    verbose: { type: 'boolean', default: false },
    classifier: { type: 'string', default: process.env.INJECTION_CLASSIFIER_MODEL_PATH },
    'classifier-threshold': { type: 'string', default: process.env.INJECTION_CLASSIFIER_THRESHOLD },
  },
});
const verbose = args.verbose;

type Counts = Record<DetectorName, { tp: number; fp: number; fn: number }>;

/** One pass over every labelled row with one set of scan options. */
interface EvalRun {
  counts: Counts;
  families: Map<string, { rows: number; right: number }>;
  notes: string[];
  benign: number;
  benignWithFindings: number;
  benignAnnounced: number;
  heldOutLines: string[];
}

async function evaluate(
  run: EvalRun,
  rows: readonly LabelledText[],
  policy: typeof open,
  classifier: ScanOptions['injectionClassifier'],
) {
  const scans = await scanBatch(
    rows.map((row) => ({
      role: row.role,
      text: row.text,
      ...(row.toolName ? { toolName: row.toolName } : {}),
    })),
    { policy, ...(classifier ? { injectionClassifier: classifier } : {}) },
  );
  const { counts, families, notes } = run;
  rows.forEach((sample, i) => {
    const detections = scans[i]!.detections;
    let right = true;
    for (const detector of DETECTORS) {
      const fired = detections.filter((d) => d.detector === detector);
      const expected = sample.expect.includes(detector);
      if (expected && fired.length > 0) counts[detector].tp++;
      else if (expected) {
        counts[detector].fn++;
        right = false;
        notes.push(
          `miss        ${detector.padEnd(9)} ${sample.id}: ${JSON.stringify(sample.text.slice(0, 160))}`,
        );
      } else if (fired.length > 0) {
        counts[detector].fp++;
        right = false;
        notes.push(
          `false alarm ${detector.padEnd(9)} ${sample.id}: ${fired.map((d) => `${d.rule}/${d.severity}`).join(', ')} ${JSON.stringify(sample.text.slice(0, 160))}`,
        );
      }
    }
    if (sample.expect.length === 0) {
      run.benign++;
      if (detections.length > 0) run.benignWithFindings++;
      if (detections.some((d) => d.severity !== 'low')) run.benignAnnounced++;
    }
    const family = sample.family ?? 'hand-written';
    const entry = families.get(family) ?? { rows: 0, right: 0 };
    entry.rows++;
    if (right) entry.right++;
    families.set(family, entry);
  });
}

/** Held-out rows: scored apart, never gated, never tuned on (see test/corpus/seventh-held-out.ts). */
async function heldOut(classifier: ScanOptions['injectionClassifier']): Promise<string[]> {
  const scans = await scanBatch(
    HELD_OUT.map((row) => ({ role: row.role, text: row.text })),
    { policy: open, ...(classifier ? { injectionClassifier: classifier } : {}) },
  );
  const lines: string[] = [];
  let right = 0;
  HELD_OUT.forEach((row, i) => {
    const fired = [...new Set(scans[i]!.detections.map((d) => d.detector))].sort();
    const ok = JSON.stringify(fired) === JSON.stringify([...row.expect].sort());
    if (ok) right++;
    else lines.push(`  ${row.id}: expected [${row.expect.join(', ')}], got [${fired.join(', ')}]`);
  });
  return [`held-out rows fully right: ${right}/${HELD_OUT.length} (not gated)`, ...lines];
}

const generated = generatedCorpus();

async function evaluateAll(classifier: ScanOptions['injectionClassifier']): Promise<EvalRun> {
  const run: EvalRun = {
    counts: Object.fromEntries(DETECTORS.map((d) => [d, { tp: 0, fp: 0, fn: 0 }])) as Counts,
    families: new Map(),
    notes: [],
    benign: 0,
    benignWithFindings: 0,
    benignAnnounced: 0,
    heldOutLines: [],
  };
  await evaluate(run, CORPUS, handWritten, classifier);
  await evaluate(run, [...generated, ...ONCE_HELD_OUT], open, classifier);
  run.heldOutLines = await heldOut(classifier);
  return run;
}

const classifier = classifierSettings();
const base = await evaluateAll(undefined);
const { counts, families, notes, benign, benignWithFindings, benignAnnounced, heldOutLines } = base;

const pct = (value: number) => (Number.isNaN(value) ? '  n/a' : `${(value * 100).toFixed(1).padStart(5)}%`);
const handCount = CORPUS.length + ONCE_HELD_OUT.length;
const total = handCount + generated.length;
const languages = new Set(generated.flatMap((row) => (row.lang ? [row.lang] : [])));
console.log(
  `Detector evaluation on ${total} labelled texts (${handCount} hand-written, ${generated.length} generated; ${benign} benign; ${languages.size} languages)\n`,
);
console.log('detector   precision  recall   tp   fp   fn   goal');
const failures: string[] = [];
for (const detector of DETECTORS) {
  const { tp, fp, fn } = counts[detector];
  const precision = tp / (tp + fp);
  const recall = tp / (tp + fn);
  const goal = GOALS[detector];
  if (goal && !(precision >= goal.precision))
    failures.push(`${detector} precision ${pct(precision)} < ${goal.precision}`);
  if (goal && !(recall >= goal.recall)) failures.push(`${detector} recall ${pct(recall)} < ${goal.recall}`);
  console.log(
    `${detector.padEnd(10)} ${pct(precision).padStart(9)}  ${pct(recall)} ${String(tp).padStart(4)} ${String(fp).padStart(4)} ${String(fn).padStart(4)}   ${goal ? `P≥${goal.precision} R≥${goal.recall}` : '(not gated)'}`,
  );
}
const benignRate = benignWithFindings / benign;
if (benignRate > MAX_BENIGN_WITH_FINDINGS) failures.push(`benign rows with findings ${pct(benignRate)} > 2%`);
console.log(
  `\nbenign rows raising any finding: ${benignWithFindings}/${benign} = ${pct(benignRate)} (goal ≤ 2%); announced (above low): ${benignAnnounced} = ${pct(benignAnnounced / benign)}`,
);
console.log('\nrows fully right, by family');
for (const [family, { rows, right }] of [...families].sort(([a], [b]) => a.localeCompare(b))) {
  console.log(
    `  ${family.padEnd(44)} ${String(right).padStart(4)}/${String(rows).padEnd(4)} ${pct(right / rows)}`,
  );
}
if (verbose || notes.length > 0) console.log(`\n${notes.join('\n') || 'no misses, no false alarms'}`);
console.log(`\n${heldOutLines.join('\n')}`);
if (classifier) await reportClassifier(classifier);
if (failures.length > 0) {
  console.log(`\nFAILED: ${failures.join('; ')}`);
  process.exitCode = 1;
} else console.log('\nAll goals met.');

/** `--classifier model.onnx` (or INJECTION_CLASSIFIER_MODEL_PATH): off unless given. */
function classifierSettings(): ScanOptions['injectionClassifier'] {
  if (!args.classifier) return undefined;
  if (!existsSync(args.classifier)) {
    console.error(`--classifier: no model file at ${args.classifier}`);
    process.exit(2);
  }
  const threshold = Number(args['classifier-threshold'] ?? DEFAULT_CLASSIFIER_THRESHOLD);
  if (!(threshold > 0 && threshold < 1)) {
    console.error('--classifier-threshold: must be a number between 0 and 1');
    process.exit(2);
  }
  return { modelPath: args.classifier, threshold };
}

/** The injection numbers with the classifier off (gated above) and on; on must keep the goals too. */
async function reportClassifier(settings: NonNullable<ScanOptions['injectionClassifier']>) {
  const on = await evaluateAll(settings);
  const goal = GOALS.injection!;
  console.log(
    `\nInjection classifier ${settings.modelPath}, threshold ${settings.threshold} (same rows; held-out apart)`,
  );
  console.log('classifier  injection precision  recall   tp   fp   fn   benign rows with findings');
  for (const [label, run] of [
    ['off', base],
    ['on', on],
  ] as const) {
    const { tp, fp, fn } = run.counts.injection;
    console.log(
      `${label.padEnd(11)} ${pct(tp / (tp + fp)).padStart(19)}  ${pct(tp / (tp + fn))} ${String(tp).padStart(4)} ${String(fp).padStart(4)} ${String(fn).padStart(4)}   ${run.benignWithFindings}/${run.benign} = ${pct(run.benignWithFindings / run.benign)}`,
    );
  }
  const { tp, fp } = on.counts.injection;
  if (!(tp / (tp + fp) >= goal.precision))
    failures.push(`with the classifier, injection precision ${pct(tp / (tp + fp))} < ${goal.precision}`);
  if (on.benignWithFindings / on.benign > MAX_BENIGN_WITH_FINDINGS)
    failures.push(`with the classifier, benign rows with findings > 2%`);
  const added = on.notes.filter((note) => !base.notes.includes(note) && note.includes('injection'));
  const removed = base.notes.filter((note) => !on.notes.includes(note) && note.includes('injection'));
  if (verbose || added.length > 0 || removed.length > 0)
    console.log(
      [
        ...removed.map((note) => `fixed by the classifier: ${note}`),
        ...added.map((note) => `new with the classifier: ${note}`),
      ].join('\n') || 'no change in misses or false alarms',
    );
  console.log(`with the classifier, ${on.heldOutLines.join('\n')}`);
  await reportModelAlone(settings);
}

/** The model by itself (no rules) on the rows of the roles it runs in: how much it knows. */
async function reportModelAlone(settings: NonNullable<ScanOptions['injectionClassifier']>) {
  const classifier = await InjectionClassifier.load(settings.modelPath);
  const roles = ['user_input', 'retrieved_document', 'tool_result'];
  const sets = [
    ['gated rows', [...CORPUS, ...generated, ...ONCE_HELD_OUT]],
    ['held-out rows', HELD_OUT],
  ] as const;
  console.log('model alone (no rules), rows in user input, retrieved documents and tool results:');
  for (const [label, rows] of sets) {
    const inRoles = rows.filter((row) => roles.includes(row.role));
    const scores = await classifier.scores(inRoles.map((row) => row.text));
    let tp = 0;
    let fp = 0;
    let fn = 0;
    inRoles.forEach((row, i) => {
      const flagged = scores[i]! >= settings.threshold;
      const injection = row.expect.includes('injection');
      if (flagged && injection) tp++;
      else if (flagged) fp++;
      else if (injection) fn++;
    });
    console.log(
      `  ${label.padEnd(14)} precision ${pct(tp / (tp + fp))}  recall ${pct(tp / (tp + fn))}  (tp ${tp}, fp ${fp}, fn ${fn})`,
    );
  }
}
