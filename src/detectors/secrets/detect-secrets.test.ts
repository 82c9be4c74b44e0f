import { describe, expect, it } from 'vitest';
import { detectSecrets } from './detect-secrets.js';

const found = async (text: string) =>
  (await detectSecrets(text)).map((match) => [match.rule, text.slice(match.start, match.end)]);

const JWT =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4ifQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';

describe('secret detector', () => {
  it('finds Databricks tokens and OAuth secrets', async () => {
    expect(await found('use dapi0123456789abcdef0123456789abcdef-2 for the job')).toEqual([
      ['databricks-token', 'dapi0123456789abcdef0123456789abcdef-2'],
    ]);
    expect(await found('client secret: dose0123456789abcdef0123456789abcdef')).toEqual([
      ['databricks-oauth-secret', 'dose0123456789abcdef0123456789abcdef'],
    ]);
  });

  it('finds cloud keys', async () => {
    expect(await found('AKIAIOSFODNN7EXAMPLE')).toEqual([['aws-access-key', 'AKIAIOSFODNN7EXAMPLE']]);
    expect(await found('aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY')).toEqual([
      ['aws-secret-key', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'],
    ]);
    const azure = `DefaultEndpointsProtocol=https;AccountName=x;AccountKey=${'A1b2'.repeat(21)}Ab==;`;
    expect((await found(azure)).map(([rule]) => rule)).toContain('azure-storage-key');
    expect(await found('key AIzaSyD-1234567890abcdefghijklmnopqrstu')).toEqual([
      ['gcp-api-key', 'AIzaSyD-1234567890abcdefghijklmnopqrstu'],
    ]);
  });

  it('finds private keys, also JSON-escaped in a service-account file', async () => {
    const pem =
      '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA1234567890abcdefghij\n-----END RSA PRIVATE KEY-----';
    expect((await found(`key:\n${pem}\n`))[0]).toEqual(['private-key', pem]);
    const json =
      '{"private_key": "-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7\\n"}';
    expect((await found(json)).map(([rule]) => rule)).toEqual(['private-key']);
  });

  it('finds JWTs only when the header is a JWT header', async () => {
    expect(await found(`Authorization: Bearer ${JWT}`)).toEqual([['jwt', JWT]]);
    expect(
      await found('eyJub3QiOiJhIGp3dCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.SflKxwRJSMeKKF2QT4fwpMeJf36P'),
    ).toEqual([]);
  });

  it('finds connection strings with passwords, not placeholders', async () => {
    expect(await found('postgres://admin:S3cretPass@db.acme.io:5432/prod')).toEqual([
      ['connection-string', 'S3cretPass'],
    ]);
    expect(await found('Server=tcp:db.acme.io;Database=x;User Id=app;Password=Hunter2Hunter2;')).toEqual([
      ['connection-string', 'Hunter2Hunter2'],
    ]);
    expect(await found('postgres://user:<password>@host/db')).toEqual([]);
  });

  it('finds password assignments with random-looking values only', async () => {
    expect(await found('password = "Tr0ub4dor&3xyz"')).toEqual([['password-assignment', 'Tr0ub4dor&3xyz']]);
    expect(await found('password: must be at least 8 characters')).toEqual([]);
    expect(await found('api_key=${API_KEY} and password=changeme')).toEqual([]);
  });

  it('uses the maintained secretlint rule set for other providers', async () => {
    const rules = (
      await found(
        'token ghp_abcdefghijklmnopqrstuvwxyz0123456789 and xoxb-123456789012-1234567890123-abcdefghijklmnopqrstuvwx',
      )
    ).map(([rule]) => rule);
    expect(rules).toEqual(['github', 'slack']);
  });

  it('leaves ordinary identifiers alone', async () => {
    expect(
      await found(
        'commit 3f2a9c1e8b7d6a5f4e3d2c1b0a9f8e7d6c5b4a39, run 123e4567-e89b-12d3-a456-426614174000, sha256 of the file',
      ),
    ).toEqual([]);
  });
});
