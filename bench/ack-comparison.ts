/**
 * Our slash-command ack against a bare Bolt app that only acks, in the same run, on the same
 * machine, with the same signed requests at the same concurrency: rounds alternate between the
 * two so that background load falls on both alike. The ratio of their p99s is what our own
 * front door (body cap, envelope check, logging, routing) costs.
 */
import { postSlack, slashCommandBody } from '../test/support/slack-requests.js';
import { BENCH_SIGNING_SECRET } from './bench-fixtures.js';
import { runWithConcurrency } from './load.js';
import { check, type Check } from './report.js';
import { ms, summarize, table } from './stats.js';

export const ACK_RATIO_GOAL = 1.5;

export interface AckComparisonInput {
  botUrl: string;
  bareUrl: string;
  /** Requests per target per round. */
  requests: number;
  concurrency: number;
  rounds: number;
  /** Slash command texts of ours to compare (e.g. `help`, `access`), each with its users. */
  commands: { text: string; userId: (i: number) => string; responseUrl?: (i: number) => string }[];
}

export async function compareWithBareBolt(
  input: AckComparisonInput,
): Promise<{ lines: string[]; checks: Check[] }> {
  const timings = new Map<string, number[]>();
  const failures = new Map<string, number>();
  const record = (label: string, values: { ms: number; ok: boolean }[]) => {
    timings.set(label, [...(timings.get(label) ?? []), ...values.map((v) => v.ms)]);
    failures.set(label, (failures.get(label) ?? 0) + values.filter((v) => !v.ok).length);
  };
  const shoot = async (url: string, body: (i: number) => string) => {
    const indexes = Array.from({ length: input.requests }, (_, i) => i);
    const { results } = await runWithConcurrency(indexes, input.concurrency, async (i) => {
      const raw = body(i);
      const started = performance.now();
      const reply = await postSlack(`${url}/slack/events`, raw, {
        signingSecret: BENCH_SIGNING_SECRET,
      }).catch(() => undefined);
      return { ms: performance.now() - started, ok: reply?.status === 200 };
    });
    return results;
  };
  const bare = (i: number) => slashCommandBody({ text: 'help', userId: `UBARE${i}` });
  await shoot(input.bareUrl, bare);
  for (let round = 0; round < input.rounds; round++) {
    record('bare Bolt: ack only', await shoot(input.bareUrl, bare));
    for (const command of input.commands) {
      record(
        `/databricks ${command.text}`,
        await shoot(input.botUrl, (i) =>
          slashCommandBody({
            text: command.text,
            userId: command.userId(i),
            ...(command.responseUrl ? { responseUrl: command.responseUrl(round * input.requests + i) } : {}),
          }),
        ),
      );
    }
  }
  const baseline = summarize(timings.get('bare Bolt: ack only') ?? []);
  const rows = [['ack round trip', 'n', 'failed', 'p50', 'p99', 'max', 'p99 / bare p99']];
  const checks: Check[] = [];
  for (const [label, values] of timings) {
    const s = summarize(values);
    const ratio = s.p99 / baseline.p99;
    rows.push([
      label,
      String(s.count),
      String(failures.get(label) ?? 0),
      ms(s.p50),
      ms(s.p99),
      ms(s.max),
      `${ratio.toFixed(2)}×`,
    ]);
    if (label.startsWith('/databricks')) {
      checks.push(
        check(
          ratio <= ACK_RATIO_GOAL,
          `${label}: ack p99 ${ratio.toFixed(2)}× a bare Bolt ack (goal ≤ ${ACK_RATIO_GOAL}×)`,
        ),
      );
    }
    checks.push(check((failures.get(label) ?? 0) === 0, `${label}: every request answered 200`));
  }
  return {
    lines: [
      `Compared with a bare Bolt app that only acks: ${input.rounds} alternating rounds of ${input.requests} signed requests each, ${input.concurrency} concurrent`,
      table(rows),
    ],
    checks,
  };
}
