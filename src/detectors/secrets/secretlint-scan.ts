import { lintSource } from '@secretlint/core';
import { secretLintProfiler } from '@secretlint/profiler';
import { creator as recommendedPreset } from '@secretlint/secretlint-rule-preset-recommend';
import { factoredAlternation } from '../factored-alternation.js';
import type { Match } from '../scanned-text.js';

/**
 * The maintained rule set: secretlint's recommended preset (GitHub, Slack, npm, OpenAI,
 * Anthropic, SendGrid, Shopify, Linear, 1Password, basic-auth URLs, GCP, AWS, private keys,
 * database connection strings), run on a text in memory. Only the ranges are used; secretlint's
 * messages quote the secret and are dropped.
 */
const CONFIG = {
  rules: [{ id: '@secretlint/secretlint-rule-preset-recommend', rule: recommendedPreset, options: {} }],
};

const KINDS: Record<string, string> = {
  github: 'GitHub token',
  slack: 'Slack token or webhook',
  npm: 'npm token',
  openai: 'OpenAI API key',
  anthropic: 'Anthropic API key',
  sendgrid: 'SendGrid API key',
  shopify: 'Shopify token',
  linear: 'Linear API key',
  '1password': '1Password service account token',
  basicauth: 'password in a URL (basic auth)',
  gcp: 'Google Cloud service account key',
  aws: 'AWS credential',
  privatekey: 'private key',
  'database-connection-string': 'database connection string with password',
};

const PREFIX = '@secretlint/secretlint-rule-';

// secretlint's profiler puts performance marks on every run and keeps every entry for the life of
// the process: fine for a CLI, a memory leak (and a slowdown) for a bot scanning all day. Off.
(secretLintProfiler as unknown as { perf: { mark(): void; measure(): void } }).perf = {
  mark: () => undefined,
  measure: () => undefined,
};

/**
 * Words one of the preset's rules needs to see before it can match; a text without any of them
 * skips secretlint (most agent traffic). Read by the trigger scan (../triggers.ts).
 */
export const HINTS = factoredAlternation(
  'gh[pousr]_|github_pat_|xox[abposr]-|hooks\\.slack|npm_|sk-|SG\\.|shp(?:at|ca|pa|ss)_|lin_api_|ops_|:\\/\\/[^\\s/:@]*:[^\\s/@]*@|private_key|PRIVATE KEY|AKIA|ASIA|aws|mongodb|postgres|mysql',
  'i',
);

function toMatch(name: string, start: number, end: number, text: string): Match {
  return {
    rule:
      name === 'privatekey'
        ? 'private-key'
        : name === 'database-connection-string'
          ? 'connection-string'
          : name,
    kind: KINDS[name] ?? `${name} secret`,
    severity: 'critical',
    start,
    end,
    identity: text.slice(start, end),
  };
}

/** Between texts of a batch: no rule matches across it (private keys end at a line of dashes). */
const SEPARATOR = '\n\n\u0000\n\n';

/**
 * The preset run once over a batch of texts (joined by a separator, each hit mapped back to its
 * text): one lint call per batch instead of one per text, which is what costs. One list of hits
 * per text, in order.
 */
export async function secretlintBatch(texts: readonly string[]): Promise<Match[][]> {
  const results: Match[][] = texts.map(() => []);
  const starts: number[] = [];
  let length = 0;
  for (const text of texts) {
    starts.push(length);
    length += text.length + SEPARATOR.length;
  }
  if (texts.length === 0) return results;
  const result = await lintSource({
    source: { filePath: '/trace.txt', content: texts.join(SEPARATOR), contentType: 'text' },
    options: { config: CONFIG, maskSecrets: true },
  });
  for (const message of result.messages) {
    if (message.type !== 'message') continue;
    const [start, end] = message.range;
    let index = starts.length - 1;
    while (index > 0 && starts[index]! > start) index--;
    const offset = starts[index]!;
    const text = texts[index]!;
    if (end - offset > text.length) continue;
    const name = message.ruleId.startsWith(PREFIX) ? message.ruleId.slice(PREFIX.length) : message.ruleId;
    results[index]!.push(toMatch(name, start - offset, end - offset, text));
  }
  return results;
}
