/**
 * The assertions every fault file makes after its run, one `it` per acceptance criterion so a
 * report names exactly which promise broke, with its evidence.
 */
import { expect, it } from 'vitest';
import type { FaultVerdict } from './fault-verdict.js';

export function itKeepsTheGrantPromises(verdict: () => FaultVerdict): void {
  it('leaves no bot-granted membership behind: each group holds exactly its standing members', () => {
    expect(verdict().leftovers).toEqual([]);
  });
  it('removes every bot-granted membership within 35 s of its grant ending', () => {
    expect(verdict().lateRemovals).toEqual([]);
  });
  it('never removes a standing member', () => {
    expect(verdict().standingRemoved).toEqual([]);
  });
  it('never adds someone who already is a member', () => {
    expect(verdict().duplicateAdds).toEqual([]);
  });
  it('answers every acknowledged slash command', () => {
    expect(verdict().unanswered).toEqual([]);
  });
  it('no role crashed: the only exits are the ones the test caused', () => {
    expect(verdict().crashes).toEqual([]);
  });
  it('ends every grant, none left pending, approved or active', () => {
    expect(verdict().notEnded).toEqual([]);
  });
  it('keeps the audit trail consistent with Databricks', () => {
    expect(verdict().auditMismatches).toEqual([]);
  });
  it('posts no chat message twice', () => {
    expect(verdict().duplicatePosts).toEqual([]);
  });
}

/** One line for the test log: what ran and what it found. */
export function summarizeVerdict(name: string, verdict: FaultVerdict): string {
  const late = verdict.removals.flatMap((r) => (r.latenessMs === undefined ? [] : [r.latenessMs]));
  const sorted = [...late].sort((a, b) => a - b);
  const counts = Object.entries(verdict)
    .filter(([, value]) => Array.isArray(value) && typeof value[0] === 'string')
    .map(([key, value]) => `${key} ${(value as string[]).length}`);
  return [
    `fault suite, ${name}: ${verdict.requests.length} requests; removal lateness max ${sorted.at(-1) ?? 'n/a'} ms`,
    counts.length ? `violations: ${counts.join(', ')}` : 'no violations',
  ].join('\n');
}
