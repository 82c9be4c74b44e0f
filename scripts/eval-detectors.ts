/**
 * `npm run eval:detectors`: precision and recall of each detector on the labelled corpus in
 * test/corpus/ (attacks, leaks, and benign texts full of trigger words), per text: a detector
 * counts as firing on a text when it reports at least one finding there in the text's role.
 * `--verbose` lists every miss and false alarm.
 */
import { parseAgentPolicies } from '../src/detectors/policy/load-agent-policies.js';
import { scanText } from '../src/detectors/scan-text.js';
import { DETECTORS, type DetectorName } from '../src/detectors/scanned-text.js';
import { CORPUS, CORPUS_POLICY_FILE } from '../test/corpus/labelled-traces.js';

const policy = parseAgentPolicies(CORPUS_POLICY_FILE).for('corpus-agent');
const verbose = process.argv.includes('--verbose');
const counts = Object.fromEntries(DETECTORS.map((d) => [d, { tp: 0, fp: 0, fn: 0 }])) as Record<
  DetectorName,
  { tp: number; fp: number; fn: number }
>;
const notes: string[] = [];

for (const sample of CORPUS) {
  const scan = await scanText(
    { role: sample.role, text: sample.text, ...(sample.toolName ? { toolName: sample.toolName } : {}) },
    { policy },
  );
  for (const detector of DETECTORS) {
    const fired = scan.detections.filter((d) => d.detector === detector);
    const expected = sample.expect.includes(detector);
    if (expected && fired.length > 0) counts[detector].tp++;
    else if (expected) {
      counts[detector].fn++;
      notes.push(`miss        ${detector.padEnd(9)} ${sample.id}`);
    } else if (fired.length > 0) {
      counts[detector].fp++;
      notes.push(`false alarm ${detector.padEnd(9)} ${sample.id}: ${fired.map((d) => d.rule).join(', ')}`);
    }
  }
}

const pct = (value: number) => (Number.isNaN(value) ? '  n/a' : `${(value * 100).toFixed(1).padStart(5)}%`);
const benign = CORPUS.filter((s) => s.expect.length === 0).length;
console.log(`Detector evaluation on ${CORPUS.length} labelled texts (${benign} benign with trigger words)\n`);
console.log('detector   precision  recall   tp  fp  fn');
for (const detector of DETECTORS) {
  const { tp, fp, fn } = counts[detector];
  console.log(
    `${detector.padEnd(10)} ${pct(tp / (tp + fp)).padStart(9)}  ${pct(tp / (tp + fn))}  ${String(tp).padStart(3)} ${String(fp).padStart(3)} ${String(fn).padStart(3)}`,
  );
}
if (verbose || notes.length > 0) console.log(`\n${notes.join('\n') || 'no misses, no false alarms'}`);
