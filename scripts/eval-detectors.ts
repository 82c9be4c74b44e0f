/**
 * `npm run eval:detectors`: precision and recall of each detector on the labelled corpus in
 * test/corpus/ (hand-written texts plus the seeded, generated rows: secrets, PII, injections in
 * ten languages and five forms, and hard negatives), per text: a detector counts as firing on a
 * text when it reports at least one finding there in the text's role. Also the share of benign
 * texts that raised any finding, and recall by family (form, language). Exits non-zero when a
 * goal is missed. `--verbose` lists every miss and false alarm.
 */
import { parseAgentPolicies } from '../src/detectors/policy/load-agent-policies.js';
import { scanBatch } from '../src/detectors/scan-text.js';
import { DETECTORS, type DetectorName } from '../src/detectors/scanned-text.js';
import { generatedCorpus } from '../test/corpus/generated/generated-corpus.js';
import type { LabelledText } from '../test/corpus/generated/labelled-row.js';
import { FIRST_HELD_OUT } from '../test/corpus/first-held-out.js';
import { HELD_OUT } from '../test/corpus/held-out.js';
import { CORPUS, CORPUS_POLICY_FILE } from '../test/corpus/labelled-traces.js';

const GOALS: Partial<Record<DetectorName, { precision: number; recall: number }>> = {
  secrets: { precision: 0.97, recall: 0.97 },
  pii: { precision: 0.97, recall: 0.97 },
  injection: { precision: 0.95, recall: 0.9 },
};
const MAX_BENIGN_WITH_FINDINGS = 0.02;

const policies = parseAgentPolicies(CORPUS_POLICY_FILE);
const handWritten = policies.for('corpus-agent');
// Generated rows carry no policy labels: scanned with no allowed-domain list or banned topics.
const open = policies.for('any-other-agent');
const verbose = process.argv.includes('--verbose');
const counts = Object.fromEntries(DETECTORS.map((d) => [d, { tp: 0, fp: 0, fn: 0 }])) as Record<
  DetectorName,
  { tp: number; fp: number; fn: number }
>;
const families = new Map<string, { rows: number; right: number }>();
const notes: string[] = [];
let benign = 0;
let benignWithFindings = 0;
let benignAnnounced = 0;

async function evaluate(rows: readonly LabelledText[], policy: typeof open) {
  const scans = await scanBatch(
    rows.map((row) => ({
      role: row.role,
      text: row.text,
      ...(row.toolName ? { toolName: row.toolName } : {}),
    })),
    { policy },
  );
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
      benign++;
      if (detections.length > 0) benignWithFindings++;
      if (detections.some((d) => d.severity !== 'low')) benignAnnounced++;
    }
    const family = sample.family ?? 'hand-written';
    const entry = families.get(family) ?? { rows: 0, right: 0 };
    entry.rows++;
    if (right) entry.right++;
    families.set(family, entry);
  });
}

/** Held-out rows: scored apart, never gated, never tuned on (see test/corpus/held-out.ts). */
async function heldOut(): Promise<string[]> {
  const scans = await scanBatch(
    HELD_OUT.map((row) => ({ role: row.role, text: row.text })),
    { policy: open },
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
await evaluate(CORPUS, handWritten);
await evaluate([...generated, ...FIRST_HELD_OUT], open);
const heldOutLines = await heldOut();

const pct = (value: number) => (Number.isNaN(value) ? '  n/a' : `${(value * 100).toFixed(1).padStart(5)}%`);
const total = CORPUS.length + generated.length + FIRST_HELD_OUT.length;
const languages = new Set(generated.flatMap((row) => (row.lang ? [row.lang] : [])));
console.log(
  `Detector evaluation on ${total} labelled texts (${CORPUS.length + FIRST_HELD_OUT.length} hand-written, ${generated.length} generated; ${benign} benign; ${languages.size} languages)\n`,
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
if (failures.length > 0) {
  console.log(`\nFAILED: ${failures.join('; ')}`);
  process.exitCode = 1;
} else console.log('\nAll goals met.');
