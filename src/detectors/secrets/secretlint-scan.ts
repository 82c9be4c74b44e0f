import { lintSource } from '@secretlint/core';
import { secretLintProfiler } from '@secretlint/profiler';
import { creator as recommendedPreset } from '@secretlint/secretlint-rule-preset-recommend';
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

export async function secretlintMatches(text: string): Promise<Match[]> {
  const result = await lintSource({
    source: { filePath: '/trace.txt', content: text, contentType: 'text' },
    options: { config: CONFIG, maskSecrets: true },
  });
  return result.messages
    .filter((message) => message.type === 'message')
    .map((message) => {
      const name = message.ruleId.startsWith(PREFIX) ? message.ruleId.slice(PREFIX.length) : message.ruleId;
      const [start, end] = message.range;
      return {
        rule:
          name === 'privatekey'
            ? 'private-key'
            : name === 'database-connection-string'
              ? 'connection-string'
              : name,
        kind: KINDS[name] ?? `${name} secret`,
        severity: 'critical' as const,
        start,
        end,
        identity: text.slice(start, end),
      };
    });
}
