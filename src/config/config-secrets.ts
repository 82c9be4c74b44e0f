import type { Config } from './config.js';

/** Every secret value in the configuration, for the logger to scrub wherever it shows up. */
export function secretsOf(config: Config): string[] {
  return [
    config.slack?.signingSecret,
    config.slack?.botToken,
    config.teams?.appPassword,
    config.databricks?.clientSecret,
    config.encryptionKey?.toString('base64'),
  ].filter((secret): secret is string => secret !== undefined && secret !== '');
}
