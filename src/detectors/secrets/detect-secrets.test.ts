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
    expect(await found('AKIAQ3EGRTZL7NP2MVUX')).toEqual([['aws-access-key', 'AKIAQ3EGRTZL7NP2MVUX']]);
    expect(await found('aws_secret_access_key = 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')).toEqual([
      ['aws-secret-key', '9drTq/2Lm+Zp8Xv4Nw6Ke1Hs3Yb7Uc5Ja0Gf2Ri9'],
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

describe('secrets where they hide', () => {
  const PASSWORD = 'Nimbus&7087FRLM';
  const rules = async (text: string) => (await detectSecrets(text)).map((match) => match.rule);

  it('finds passwords under JSON keys, in .pgpass lines and in sentences', async () => {
    expect(await rules(`{"user":"etl","new_password":"${PASSWORD}"}`)).toEqual(['password-assignment']);
    expect(await rules(`{"user":"etl","pass":"mHoa-oVGu-ZFTC"}`)).toEqual(['password-assignment']);
    expect(await rules(`db.acme.io:5432:analytics:etl:${PASSWORD}`)).toEqual(['pgpass-line']);
    expect(await rules(`A senha do banco é ${PASSWORD}`)).toEqual(['password-assignment']);
  });

  it('finds secrets URL-encoded, base64-encoded, in Basic auth and in JSON inside strings', async () => {
    const token = 'dapi0123456789abcdef0123456789abcdef';
    expect(await rules(`redirect=https%3A%2F%2Fapp%3Ftoken%3D${token}`)).toEqual(['databricks-token']);
    const basic = Buffer.from(`admin:${PASSWORD}`).toString('base64');
    expect(await rules(`Authorization: Basic ${basic}`)).toEqual(['basic-auth']);
    const config = Buffer.from(JSON.stringify({ host: 'db', password: PASSWORD })).toString('base64');
    const [match] = await detectSecrets(`config=${config}`);
    expect(match).toMatchObject({ rule: 'password-assignment', identity: PASSWORD, start: 7 });
    expect(await rules(JSON.stringify({ out: JSON.stringify({ password: PASSWORD }) }))).toEqual([
      'password-assignment',
    ]);
  });

  it('finds current OpenAI project keys and Azure storage keys', async () => {
    const key = `sk-proj-${'aB3_'.repeat(20)}T3BlbkFJ${'x9Z-'.repeat(20)}`;
    expect(await rules(`OPENAI_API_KEY=${key}`)).toContain('openai-key');
    expect(await rules(`AccountName=a;AccountKey=${'k9Jx2Lm4'.repeat(10)}Qr==;`)).toContain(
      'azure-storage-key',
    );
  });

  it('leaves documented example keys, placeholders and test results alone', async () => {
    expect(await rules('AKIAIOSFODNN7EXAMPLE / wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY')).toEqual([]);
    expect(await rules('{"new_password": "${NEW_PASSWORD}", "pass": 212, "result": "pass"}')).toEqual([]);
    expect(await rules('OPENAI_API_KEY=sk-proj-... and password: ********')).toEqual([]);
    expect(await rules('apiVersion: v1\nkind: Secret\ndata:\n  DB_PASSWORD: Y2hhbmdlbWU=')).toEqual([]);
  });

  it('finds AWS keys set from a shell and current Hugging Face tokens, not placeholders', async () => {
    expect(
      await found('aws configure set aws_secret_access_key 9xQ2vL7mK4pR8tW1zY6nB3cF5hJ0dS2aE7uI4oP1'),
    ).toEqual([['aws-secret-key', '9xQ2vL7mK4pR8tW1zY6nB3cF5hJ0dS2aE7uI4oP1']]);
    expect(await found('token: hf_QzR8kLmN2pX5vT7wY9aB3cD6eF1gH4jK0s')).toEqual([
      ['huggingface-token', 'hf_QzR8kLmN2pX5vT7wY9aB3cD6eF1gH4jK0s'],
    ]);
    expect(await found('HF_TOKEN=hf_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx')).toEqual([]);
  });
});
