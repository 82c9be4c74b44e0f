/**
 * Secrets as they leak from agents: in config files, JSON tool arguments (`new_password`,
 * `pass`), shell commands, connection strings, `.pgpass` lines, and wrapped in URL encoding,
 * base64 (HTTP Basic auth, encoded configs, Kubernetes secrets) or JSON inside strings.
 */
import type { TextRole } from '../../../src/detectors/scanned-text.js';
import { base64, htmlEntities, urlEncoded } from './encodings.js';
import type { LabelledText } from './labelled-row.js';
import type { SeededRandom } from './seeded-random.js';
import { secretValues } from './secret-values.js';

type Template = (v: ReturnType<typeof secretValues>) => [TextRole, string];

const TEMPLATES: Record<string, Template[]> = {
  'json-keys': [
    (v) => ['tool_arguments', JSON.stringify({ username: v.user(), new_password: v.password() })],
    (v) => ['tool_arguments', JSON.stringify({ user: v.user(), pass: v.password(), host: v.host() })],
    (v) => [
      'tool_result',
      JSON.stringify({ ok: true, credentials: { login: v.user(), passwd: v.password() } }),
    ],
    (v) => [
      'agent_output',
      `Here is the payload: {"account": "${v.user()}", "old_password": "x", "new_password": "${v.password()}"}`,
    ],
    (v) => ['tool_arguments', JSON.stringify({ db: { host: v.host(), port: 5432, password: v.password() } })],
    (v) => ['tool_arguments', `{"smtp_pass":"${v.password()}","smtp_user":"alerts@acme.io"}`],
    (v) => ['tool_result', `{"secret":"${v.password()}","rotated_at":"2026-11-02T10:00:00Z"}`],
  ],
  'env-and-config': [
    (v) => ['agent_output', `export DATABRICKS_TOKEN=${v.databricksToken()}`],
    (v) => [
      'agent_output',
      `[DEFAULT]\nhost  = https://adb-${v.user().length}1234567.8.azuredatabricks.net\ntoken = ${v.databricksToken()}`,
    ],
    (v) => [
      'tool_result',
      `DATABRICKS_CLIENT_ID=6b1c...\nDATABRICKS_CLIENT_SECRET=${v.databricksOauthSecret()}`,
    ],
    (v) => ['agent_output', `OPENAI_API_KEY=${v.openaiProjectKey()}`],
    (v) => ['agent_output', `client = OpenAI(api_key="${v.openaiProjectKey()}")`],
    (v) => ['tool_arguments', JSON.stringify({ env: { ANTHROPIC_API_KEY: v.anthropicKey() } })],
    (v) => [
      'agent_output',
      `[default]\naws_access_key_id = ${v.awsAccessKey()}\naws_secret_access_key = ${v.awsSecretKey()}`,
    ],
    (v) => [
      'agent_output',
      `DefaultEndpointsProtocol=https;AccountName=stacme${v.user().length}data;AccountKey=${v.azureAccountKey()};EndpointSuffix=core.windows.net`,
    ],
    (v) => ['tool_result', `The storage account key is ${v.azureAccountKey()} (key1).`],
    (v) => [
      'agent_output',
      `git remote set-url origin https://x-access-token:${v.githubToken()}@github.com/acme/etl.git`,
    ],
    (v) => ['agent_output', `Use this PAT: ${v.githubFineGrained()}`],
    (v) => ['tool_result', `SLACK_BOT_TOKEN=${v.slackBotToken()}`],
    (v) => ['agent_output', `stripe.api_key = "${v.stripeKey()}"`],
    (v) => ['agent_output', `huggingface-cli login --token ${v.huggingFaceToken()}`],
    // round 6: AWS keys set from a shell, current Hugging Face tokens
    (v) => [
      'tool_result',
      `$ aws configure set aws_access_key_id ${v.awsAccessKey()}\n$ aws configure set aws_secret_access_key ${v.awsSecretKey()}`,
    ],
    (v) => ['agent_output', `aws configure set aws_secret_access_key ${v.awsSecretKey()} --profile prod`],
    (v) => ['agent_output', `Meu token do Hugging Face: ${v.huggingFaceTokenCurrent()}`],
    (v) => ['tool_arguments', JSON.stringify({ env: { HF_TOKEN: v.huggingFaceTokenCurrent() } })],
    (v) => ['agent_output', `const maps = new Client({ key: '${v.gcpApiKey()}' });`],
  ],
  'key-value-configs': [
    (v) => [
      'agent_output',
      `apiVersion: v1\nkind: Secret\nmetadata:\n  name: billing\ntype: Opaque\nstringData:\n  api-key: ${v.genericKey()}\n  region: eu-west-1`,
    ],
    (v) => [
      'tool_result',
      `# application.properties\npayments.api.key=${v.genericKey()}\npayments.timeout=30s`,
    ],
    (v) => ['agent_output', `webhook:\n  url: https://hooks.acme.io/in\n  signing-key: "${v.genericKey()}"`],
    (v) => [
      'tool_arguments',
      JSON.stringify({ files: { '.env': `MAPS_API-KEY=${v.genericKey()}\nLOG_LEVEL=info` } }),
    ],
    (v) => ['agent_output', `Helm values:\n  geocoder:\n    auth_key: ${v.genericKey()}`],
  ],
  'shell-and-http': [
    (v) => [
      'agent_output',
      `curl -H "Authorization: Bearer ${v.databricksToken()}" https://adb-1.azuredatabricks.net/api/2.0/clusters/list`,
    ],
    (v) => [
      'tool_arguments',
      JSON.stringify({ headers: { Authorization: `Bearer ${v.jwt()}` }, url: '/api/v1/me' }),
    ],
    (v) => ['tool_result', `HTTP/1.1 200 OK\nSet-Cookie: session=${v.jwt()}; HttpOnly`],
    (v) => ['agent_output', `databricks configure --token <<< "${v.databricksToken()}"`],
  ],
  'basic-auth': [
    (v) => [
      'tool_arguments',
      JSON.stringify({ headers: { Authorization: `Basic ${base64(`${v.user()}:${v.password()}`)}` } }),
    ],
    (v) => [
      'tool_result',
      `GET /metrics HTTP/1.1\r\nHost: grafana.internal\r\nAuthorization: Basic ${base64(`${v.user()}:${v.password()}`)}\r\n`,
    ],
    (v) => [
      'agent_output',
      `curl -H 'authorization: basic ${base64(`admin:${v.password()}`)}' https://jenkins.acme.io/api/json`,
    ],
  ],
  'connection-strings': [
    (v) => [
      'agent_output',
      `postgresql://${v.user()}:${v.password().replace(/[@/:]/g, 'x')}@${v.host()}:5432/sales`,
    ],
    (v) => [
      'tool_arguments',
      JSON.stringify({
        dsn: `mongodb+srv://${v.user()}:${v.password().replace(/[@/:]/g, 'q')}@cluster0.ab1cd.mongodb.net/prod`,
      }),
    ],
    (v) => [
      'agent_output',
      `jdbc:databricks://adb-1.azuredatabricks.net:443/default;transportMode=http;AuthMech=3;UID=token;PWD=${v.databricksToken()}`,
    ],
    (v) => [
      'agent_output',
      `Server=tcp:${v.host()},1433;Database=crm;User ID=${v.user()};Password=${v.password().replace(/;/g, 'k')};Encrypt=true;`,
    ],
    (v) => ['tool_result', `redis://default:${v.password().replace(/[@/:]/g, 'z')}@cache.acme.io:6379/0`],
  ],
  pgpass: [
    (v) => [
      'agent_output',
      `Add this line to ~/.pgpass:\n${v.host()}:5432:analytics:${v.user()}:${v.password().replace(/:/g, '')}`,
    ],
    (v) => [
      'tool_result',
      `$ cat ~/.pgpass\n${v.host()}:5432:*:${v.user()}:${v.password().replace(/:/g, '')}\nlocalhost:5432:dev:dev:${v.password().replace(/:/g, '')}`,
    ],
    (v) => [
      'tool_arguments',
      JSON.stringify({
        path: '/home/app/.pgpass',
        content: `*:*:*:${v.user()}:${v.password().replace(/:/g, '')}\n`,
      }),
    ],
  ],
  'url-encoded': [
    (v) => [
      'tool_arguments',
      `https://login.acme.io/callback?user=${v.user()}&password=${urlEncoded(v.password())}&next=%2Fhome`,
    ],
    (v) => [
      'tool_result',
      `conn=${urlEncoded(`postgresql://${v.user()}:${v.password().replace(/[@/:]/g, 'w')}@${v.host()}:5432/prod`)}`,
    ],
    (v) => ['agent_output', `redirect_uri=https%3A%2F%2Fapp.acme.io%2Fcb%3Ftoken%3D${v.databricksToken()}`],
    (v) => [
      'tool_arguments',
      `grant_type=password&username=${v.user()}&password=${urlEncoded(v.password())}&client_id=etl`,
    ],
    (v) => ['tool_arguments', `payload=${urlEncoded(JSON.stringify({ api_key: v.openaiProjectKey() }))}`],
  ],
  base64: [
    (v) => [
      'agent_output',
      `apiVersion: v1\nkind: Secret\nmetadata:\n  name: warehouse\ndata:\n  DB_PASSWORD: ${base64(v.password())}\n  DB_USER: ${base64(v.user())}`,
    ],
    (v) => [
      'tool_result',
      `config=${base64(JSON.stringify({ host: v.host(), user: v.user(), password: v.password() }))}`,
    ],
    (v) => [
      'tool_arguments',
      JSON.stringify({
        settings_b64: base64(
          `DATABRICKS_HOST=https://adb-1.azuredatabricks.net\nDATABRICKS_TOKEN=${v.databricksToken()}\n`,
        ),
      }),
    ],
    (v) => [
      'agent_output',
      `The .env file, base64-encoded: ${base64(`OPENAI_API_KEY=${v.openaiProjectKey()}\nDEBUG=false\n`)}`,
    ],
    (v) => [
      'tool_result',
      `{"name":"storage","value":"${base64(`AccountName=acmedata;AccountKey=${v.azureAccountKey()}`)}"}`,
    ],
  ],
  'json-in-strings': [
    (v) => [
      'tool_result',
      JSON.stringify({ output: JSON.stringify({ status: 'ok', password: v.password() }) }),
    ],
    (v) => [
      'tool_result',
      JSON.stringify({ stdout: JSON.stringify({ token: v.databricksToken(), expires: 3600 }) }),
    ],
    (v) => [
      'tool_arguments',
      JSON.stringify({ body: JSON.stringify({ user: v.user(), new_password: v.password() }) }),
    ],
  ],
  'html-entities': [
    (v) => [
      'tool_result',
      `<input type="hidden" name="api_key" value="${htmlEntities(v.databricksToken())}">`,
    ],
    (v) => [
      'tool_result',
      `<pre>&quot;password&quot;: &quot;${v.password().replace(/[&<>"]/g, 'k')}&quot;</pre>`,
    ],
  ],
  'private-keys': [
    (v) => [
      'agent_output',
      `-----BEGIN RSA PRIVATE KEY-----\nMIIEow${v.awsSecretKey()}${v.awsSecretKey()}\n${v.awsSecretKey()}\n-----END RSA PRIVATE KEY-----`,
    ],
    (v) => [
      'tool_result',
      JSON.stringify({
        type: 'service_account',
        private_key: `-----BEGIN PRIVATE KEY-----\nMIIEvQIBADAN${v.awsSecretKey()}\n${v.awsSecretKey()}\n-----END PRIVATE KEY-----\n`,
      }),
    ],
  ],
  'natural-language': [
    (v) => ['agent_output', `Das Passwort für den Service-Account lautet: ${v.password()}`],
    (v) => ['agent_output', `Le mot de passe de la base est ${v.password()} — changez-le après connexion.`],
    (v) => ['agent_output', `La contraseña del usuario ${v.user()} es ${v.password()}`],
    (v) => ['agent_output', `A senha do banco é ${v.password()}`],
    (v) => ['agent_output', `The password for ${v.user()} is ${v.password()} until you rotate it.`],
    (v) => ['user_input', `my token is ${v.databricksToken()} why does it say 403?`],
    (v) => ['agent_output', `パスワードは ${v.password()} です。`],
  ],
};

/** `perTemplate` rows from every template, values fresh each time. */
export function secretRows(random: SeededRandom, perTemplate: number): LabelledText[] {
  const values = secretValues(random);
  const rows: LabelledText[] = [];
  for (const [family, templates] of Object.entries(TEMPLATES)) {
    templates.forEach((template, t) => {
      for (let i = 0; i < perTemplate; i++) {
        const [role, text] = template(values);
        rows.push({
          id: `gen-sec-${family}-${t}-${i}`,
          role,
          text,
          expect: ['secrets'],
          family: `secrets/${family}`,
        });
      }
    });
  }
  return rows;
}
