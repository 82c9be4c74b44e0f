import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

const KEY = Buffer.alloc(32, 7).toString('base64');

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((p) => p.variable);
    throw error;
  }
  return [];
}

describe('loadConfig', () => {
  it('starts with defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.databaseUrl).toBe('postgres://postgres@127.0.0.1:5432/databricks_chatops');
    expect(config.redisUrl).toBe('redis://127.0.0.1:6379');
    expect(config.slack).toBeUndefined();
    expect(config.teams).toBeUndefined();
    expect(config.databricks).toBeUndefined();
    expect(config.encryptionKey).toBeUndefined();
  });

  it('decodes a 32-byte base64 encryption key', () => {
    expect(loadConfig({ ENCRYPTION_KEY: KEY }).encryptionKey).toEqual(Buffer.alloc(32, 7));
  });

  it('names a malformed ENCRYPTION_KEY without echoing its value', () => {
    const value = Buffer.alloc(16, 1).toString('base64');
    const error = (() => {
      try {
        loadConfig({ ENCRYPTION_KEY: value });
      } catch (caught) {
        return caught as Error;
      }
      throw new Error('expected a ConfigError');
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toContain('ENCRYPTION_KEY');
    expect(error.message).not.toContain(value);
  });

  it('lists every bad variable at once', () => {
    expect(problemsOf({ PORT: 'eighty', REDIS_URL: 'http://nope', LOG_LEVEL: 'loud' }).sort()).toEqual([
      'LOG_LEVEL',
      'PORT',
      'REDIS_URL',
    ]);
  });

  it('needs both Slack settings, and a bot token that looks like one', () => {
    expect(problemsOf({ SLACK_BOT_TOKEN: 'xoxb-1' })).toEqual(['SLACK_SIGNING_SECRET']);
    expect(problemsOf({ SLACK_SIGNING_SECRET: 's' })).toEqual(['SLACK_BOT_TOKEN']);
    expect(problemsOf({ SLACK_SIGNING_SECRET: 's', SLACK_BOT_TOKEN: 'abc' })).toEqual(['SLACK_BOT_TOKEN']);
    const slack = loadConfig({
      SLACK_SIGNING_SECRET: 's',
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_API_URL: 'http://127.0.0.1:9/api',
    }).slack;
    expect(slack?.apiUrl).toBe('http://127.0.0.1:9/api/');
  });

  it('derives the Databricks accounts host from the cloud unless given', () => {
    const base = { DATABRICKS_ACCOUNT_ID: 'a', DATABRICKS_CLIENT_ID: 'c', DATABRICKS_CLIENT_SECRET: 's' };
    expect(loadConfig(base).databricks?.accountsHost).toBe('https://accounts.cloud.databricks.com');
    expect(loadConfig({ ...base, DATABRICKS_CLOUD: 'azure' }).databricks?.accountsHost).toBe(
      'https://accounts.azuredatabricks.net',
    );
    expect(
      loadConfig({ ...base, DATABRICKS_ACCOUNTS_HOST: 'http://127.0.0.1:8080/' }).databricks?.accountsHost,
    ).toBe('http://127.0.0.1:8080');
    expect(problemsOf({ DATABRICKS_ACCOUNT_ID: 'a' }).sort()).toEqual([
      'DATABRICKS_CLIENT_ID',
      'DATABRICKS_CLIENT_SECRET',
    ]);
  });

  it('refuses anonymous Teams access in production', () => {
    expect(problemsOf({ TEAMS_ALLOW_ANONYMOUS: 'true', NODE_ENV: 'production' })).toEqual([
      'TEAMS_ALLOW_ANONYMOUS',
    ]);
    expect(loadConfig({ TEAMS_ALLOW_ANONYMOUS: 'true' }).teams?.allowAnonymous).toBe(true);
    expect(problemsOf({ MICROSOFT_APP_ID: 'id', MICROSOFT_APP_TYPE: 'SingleTenant' }).sort()).toEqual([
      'MICROSOFT_APP_PASSWORD',
      'MICROSOFT_APP_TENANT_ID',
    ]);
  });

  it('reads the workspace CA file, refuses loopback workspaces in production, checks HEALTH_CHANNEL', () => {
    expect(loadConfig({}).workspaces).toEqual({ extraCaPem: undefined, allowLoopbackHosts: false });
    expect(problemsOf({ DATABRICKS_ALLOW_LOOPBACK_HOSTS: 'true', NODE_ENV: 'production' })).toEqual([
      'DATABRICKS_ALLOW_LOOPBACK_HOSTS',
    ]);
    expect(loadConfig({ DATABRICKS_ALLOW_LOOPBACK_HOSTS: 'true' }).workspaces.allowLoopbackHosts).toBe(true);
    expect(problemsOf({ DATABRICKS_TLS_CA_FILE: '/nonexistent/ca.pem' })).toEqual(['DATABRICKS_TLS_CA_FILE']);
    expect(problemsOf({ DATABRICKS_TLS_CA_FILE: 'package.json' })).toEqual(['DATABRICKS_TLS_CA_FILE']);
    expect(problemsOf({ HEALTH_CHANNEL: '#ops' })).toEqual(['HEALTH_CHANNEL']);
    expect(
      loadConfig({ HEALTH_CHANNEL: 'C0HEALTH01', PUBLIC_URL: 'https://bot.example.com/' }),
    ).toMatchObject({
      healthChannel: 'C0HEALTH01',
      publicUrl: 'https://bot.example.com',
    });
  });

  it('reads security responders per platform and names a malformed list', () => {
    const config = loadConfig({
      SECURITY_RESPONDERS_SLACK: 'U0RESPOND1, W0RESPOND2',
      SECURITY_RESPONDERS_TEAMS: 'Rita@Example.com',
    });
    expect(config.securityResponders).toEqual({
      slack: ['U0RESPOND1', 'W0RESPOND2'],
      teams: ['rita@example.com'],
    });
    expect(loadConfig({}).securityResponders).toEqual({ slack: [], teams: [] });
    expect(problemsOf({ SECURITY_RESPONDERS_SLACK: 'rita@example.com' })).toEqual([
      'SECURITY_RESPONDERS_SLACK',
    ]);
    expect(problemsOf({ SECURITY_RESPONDERS_TEAMS: 'U0RESPOND1' })).toEqual(['SECURITY_RESPONDERS_TEAMS']);
  });

  it('reads the HTTP timeouts for slow clients', () => {
    expect(loadConfig({}).http).toEqual({ headersTimeoutMs: 10_000, requestTimeoutMs: 30_000 });
    expect(problemsOf({ HTTP_HEADERS_TIMEOUT_MS: '0' })).toEqual(['HTTP_HEADERS_TIMEOUT_MS']);
  });

  it('reads where /privacy and /terms send people, and keeps another Bot Framework key source out of production', () => {
    expect(loadConfig({}).legal).toEqual({ privacyUrl: undefined, termsUrl: undefined });
    expect(
      loadConfig({ PRIVACY_URL: 'https://acme.test/privacy/', TERMS_URL: 'https://acme.test/terms' }).legal,
    ).toEqual({ privacyUrl: 'https://acme.test/privacy', termsUrl: 'https://acme.test/terms' });
    expect(problemsOf({ PRIVACY_URL: 'not a url' })).toEqual(['PRIVACY_URL']);
    const teams = {
      MICROSOFT_APP_ID: 'app',
      MICROSOFT_APP_PASSWORD: 'secret',
      TEAMS_OPENID_METADATA_URL: 'http://127.0.0.1:9/openid',
    };
    expect(loadConfig(teams).teams?.openIdMetadataUrl).toBe('http://127.0.0.1:9/openid');
    expect(problemsOf({ ...teams, NODE_ENV: 'production' })).toEqual(['TEAMS_OPENID_METADATA_URL']);
  });
});
