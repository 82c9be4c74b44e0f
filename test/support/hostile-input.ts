/**
 * fast-check arbitraries for what an attacker or a careless person types or sends: mention
 * syntax of both platforms, control characters, 10 kB strings, prototype keys, odd durations,
 * path-like and quoted names, ids that look like ours and are not.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';

export const BROADCASTS = [
  '<!channel>',
  '<!here>',
  '<!everyone>',
  '@channel',
  '@here',
  '<!subteam^S0123|@admins>',
];
export const TEAMS_MENTIONS = ['<at>Everyone</at>', '<at id="0">General</at>', '</at>', '<AT>x</AT>'];
export const PROTOTYPE_KEYS = [
  'constructor',
  '__proto__',
  'prototype',
  'toString',
  'hasOwnProperty',
  'valueOf',
];
export const DURATIONS = [
  '1e-9',
  '-5',
  '-5m',
  '0',
  '0m',
  '1e308',
  '99999999999999d',
  'NaN',
  'Infinity',
  '2h',
  '30m',
  '1.5h',
  '0x10',
  '',
];
export const GROUP_NAMES = [
  '../../etc/passwd',
  'analysts/../prod',
  '"analysts"',
  "'prod'",
  'ANALYSTS',
  'analysts\\',
  '%2e%2e',
  'prod;drop table',
];
export const CONTROL = [
  '\u0000',
  '\u0001',
  '\u0007',
  '\u001b[31m',
  '\u007f',
  '\u0085',
  '\u202e',
  '\ufeff',
  '\ud800',
];
export const ID_LOOKALIKES = [
  '------------------------------------',
  'a'.repeat(36),
  'gggggggg-gggg-gggg-gggg-gggggggggggg',
  '00000000-0000-0000-0000-000000000000',
  `${randomUUID()}'`,
  `${randomUUID()} or 1=1`,
];

const slackMentions = fc.constantFrom(
  '<@U0ADMIN001>',
  '<@U0APPROVE1|bob>',
  '<#C0TEST0001|general>',
  '<https://evil.example|click>',
  '<mailto:bob@example.com|bob@example.com>',
);

/** One hostile word: any of the above, random unicode, or a long string. */
export const hostileWord: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    ...BROADCASTS,
    ...TEAMS_MENTIONS,
    ...PROTOTYPE_KEYS,
    ...DURATIONS,
    ...GROUP_NAMES,
    ...ID_LOOKALIKES,
  ),
  slackMentions,
  fc.constantFrom(...CONTROL).map((c) => `x${c}y`),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.uuid(),
  fc
    .constantFrom('group:', 'workspace:', 'severity:', 'region:')
    .chain((k) =>
      fc
        .oneof(fc.constantFrom(...BROADCASTS, ...TEAMS_MENTIONS), fc.string({ maxLength: 10 }))
        .map((v) => `${k}${v}`),
    ),
  fc.nat({ max: 10_000 }).map((n) => 'x'.repeat(n)),
  fc.constant('<!channel>'.repeat(1_000)),
);

/** A command name: real ones (so their argument parsing is exercised), typos, prototype keys, junk. */
export const commandName: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.constantFrom(
      'request-access',
      'access',
      'revoke',
      'policies',
      'subscribe',
      'unsubscribe',
      'subscriptions',
      'connect',
      'connectors',
      'connector',
      'findings',
      'agents',
      'cost',
      'alerts',
      'help',
    ),
  },
  { weight: 2, arbitrary: fc.constantFrom(...PROTOTYPE_KEYS, 'reovke', 'REQUEST-ACCESS', 'Help') },
  { weight: 2, arbitrary: hostileWord },
);

/** The text after `/databricks`. */
export const commandText: fc.Arbitrary<string> = fc
  .tuple(commandName, fc.array(hostileWord, { maxLength: 5 }), fc.constantFrom(' ', '  ', '\t', '\n'))
  .map(([name, args, gap]) => [name, ...args].join(gap));

/** A value that is sometimes missing or null where the payload needs one. */
export function sometimesMissing<T>(value: fc.Arbitrary<T>): fc.Arbitrary<T | null | undefined> {
  return fc.oneof(
    { weight: 8, arbitrary: value },
    { weight: 1, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );
}
