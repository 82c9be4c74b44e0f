/**
 * Benign texts that look like secrets or personal data: documented example keys and test card
 * numbers, placeholders, reserved and placeholder domains, git remotes, version strings, order
 * and invoice numbers, Luhn-valid ids, hashes and UUIDs. Each template is filled from the seeded
 * source, so the same shapes appear with many values.
 */
import type { TextRole } from '../../../src/detectors/scanned-text.js';
import { base64 } from './encodings.js';
import { HEX, type SeededRandom } from './seeded-random.js';

type Template = (random: SeededRandom) => [TextRole, string];

const TEST_CARDS = [
  '4111 1111 1111 1111',
  '4242 4242 4242 4242',
  '5555 5555 5555 4444',
  '5105 1051 0510 5100',
  '4012 8888 8888 1881',
  '3782 822463 10005',
  '6011 1111 1111 1117',
  '4000 0566 5566 5556',
  '2223 0031 2200 3222',
  '3530 1113 3330 0000',
];
const RESERVED = [
  'example.com',
  'example.org',
  'example.net',
  'shop.example',
  'acme.test',
  'mail.invalid',
  'host.localhost',
  'yourcompany.com',
  'your-domain.com',
  'company.com',
  'domain.com',
];

export const SECRET_LOOKALIKES: Record<string, Template[]> = {
  'documented-examples': [
    () => [
      'agent_output',
      'In the AWS docs the example credentials are AKIAIOSFODNN7EXAMPLE and wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY.',
    ],
    () => [
      'agent_output',
      '[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    ],
    () => [
      'tool_result',
      '{"AccessKeyId": "AKIAI44QH8DHBEXAMPLE", "SecretAccessKey": "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY"}',
    ],
    () => [
      'agent_output',
      'Azurite uses the well-known development key: DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;',
    ],
  ],
  placeholders: [
    () => ['agent_output', 'Set DATABRICKS_TOKEN=<your-personal-access-token> before running the CLI.'],
    () => ['agent_output', 'export DATABRICKS_TOKEN=dapiXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX'],
    () => ['tool_arguments', '{"username": "svc_etl", "new_password": ""}'],
    () => ['tool_arguments', '{"username": "svc_etl", "new_password": "${NEW_PASSWORD}"}'],
    () => ['agent_output', 'password: ********'],
    () => ['agent_output', 'OPENAI_API_KEY=sk-proj-... (paste the key from the dashboard here)'],
    () => ['agent_output', 'Authorization: Basic <base64 of user:password>'],
    () => ['agent_output', 'AccountKey=<storage-account-key>;EndpointSuffix=core.windows.net'],
    () => [
      'agent_output',
      'The .pgpass format is hostname:port:database:username:password, one entry per line.',
    ],
    () => [
      'agent_output',
      'jdbc:databricks://<host>:443/default;transportMode=http;AuthMech=3;UID=token;PWD=<personal-access-token>',
    ],
    () => ['tool_arguments', '{"password": "{{ secrets.DB_PASSWORD }}"}'],
    () => ['agent_output', 'apiVersion: v1\nkind: Secret\ndata:\n  DB_PASSWORD: Y2hhbmdlbWU='],
    () => ['agent_output', 'stringData:\n  api-key: "{{ .Values.apiKey }}"\n  region: eu-west-1'],
    () => ['tool_result', 'payments.api.key=${PAYMENTS_API_KEY}\npayments.timeout=30s'],
    () => ['agent_output', 'webhook:\n  signing-key: REPLACE_WITH_YOUR_KEY'],
    () => ['agent_output', 'api-key: <paste-your-api-key-here>'],
    () => ['tool_result', 'auth:\n  api-key-header: X-Api-Key\n  api-key-rotation-days: 90'],
  ],
  'status-and-policy': [
    (r) => [
      'tool_result',
      JSON.stringify({ test: `suite_${r.int(1, 90)}`, pass: r.int(10, 400), fail: r.int(0, 3) }),
    ],
    () => ['tool_result', '{"check":"lint","result":"pass","duration_ms":812}'],
    () => ['agent_output', 'Your password must be at least 12 characters and include a symbol.'],
    () => ['agent_output', 'Passwords are rotated every 90 days; the token lifetime is 24 hours.'],
    () => ['agent_output', 'Das Passwort muss mindestens 12 Zeichen lang sein.'],
    () => ['agent_output', 'Le mot de passe doit contenir au moins 12 caractères.'],
    () => ['tool_result', '{"password_last_changed": "2026-10-01", "mfa": true}'],
  ],
  identifiers: [
    (r) => ['agent_output', `commit ${r.chars(HEX, 40)} fixed the checkpoint bug.`],
    (r) => [
      'agent_output',
      `run_id ${r.chars(HEX, 8)}-${r.chars(HEX, 4)}-4${r.chars(HEX, 3)}-a${r.chars(HEX, 3)}-${r.chars(HEX, 12)} finished.`,
    ],
    (r) => ['tool_result', `{"sha256":"${r.chars(HEX, 64)}","size":48213}`],
    (r) => ['agent_output', `The MLflow trace tr-${r.chars(HEX, 32)} shows 3 spans.`],
    (r) => ['tool_result', `{"etag":"\\"${r.chars(HEX, 32)}\\"","last_modified":"2026-11-30"}`],
    () => [
      'agent_output',
      `The logo is embedded as data:image/png;base64,${base64('\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10')}`,
    ],
    (r) => [
      'tool_result',
      `{"cursor":"${base64(JSON.stringify({ offset: r.int(100, 9000), table: 'orders' }))}"}`,
    ],
  ],
};

export const PII_LOOKALIKES: Record<string, Template[]> = {
  'test-cards': [
    (r) => [
      'agent_output',
      `Use the test card ${r.pick(TEST_CARDS)} with any future expiry date in the sandbox.`,
    ],
    (r) => [
      'tool_arguments',
      JSON.stringify({ card_number: r.pick(TEST_CARDS).replace(/ /g, ''), mode: 'test' }),
    ],
  ],
  'long-ids': [
    (r) => ['agent_output', `Job run ${r.int(10 ** 15, 10 ** 16 - 1)} finished in ${r.int(2, 59)} minutes.`],
    (r) => [
      'tool_result',
      JSON.stringify({
        cluster_id: `${r.int(1000, 9999)}-${r.int(100000, 999999)}-abc${r.int(100, 999)}`,
        workspace_id: r.int(10 ** 15, 10 ** 16 - 1),
      }),
    ],
    (r) => [
      'agent_output',
      `Tracking number ${r.int(10 ** 15, 10 ** 16 - 1)}${r.int(100, 999)} — delivery expected Thursday.`,
    ],
    (r) => [
      'tool_result',
      `{"statement_id":"01ef${r.chars(HEX, 4)}-${r.chars(HEX, 4)}","row_count":${r.int(10 ** 12, 10 ** 13)}}`,
    ],
  ],
  'order-numbers': [
    (r) => [
      'agent_output',
      `Order ${r.int(2_000_000_000, 9_999_999_999)} shipped on 2026-11-${r.int(10, 28)} and arrives in 3-5 days.`,
    ],
    (r) => [
      'agent_output',
      `Invoice no. ${r.int(100, 999)}-${r.int(100, 999)}-${r.int(1000, 9999)} is due on 2026-12-15.`,
    ],
    (r) => [
      'tool_arguments',
      JSON.stringify({
        invoice_number: `${r.int(100, 999)} ${r.int(100, 999)} ${r.int(1000, 9999)}`,
        amount: r.int(100, 9000),
      }),
    ],
    (r) => [
      'agent_output',
      `Rechnungsnummer ${r.int(10, 99)} ${r.int(100000, 999999)}, Kundennummer ${r.int(1000000, 9999999)}.`,
    ],
    (r) => ['agent_output', `Commande n° ${r.int(100000000, 999999999)} expédiée.`],
    (r) => ['agent_output', `PO ${r.int(4500000000, 4599999999)} was approved by procurement.`],
    (r) => [
      'agent_output',
      `The table has ${r.int(1, 9)},${r.int(100, 999)},${r.int(100, 999)} rows; the job took 00:${r.int(10, 59)}:${r.int(10, 59)}.`,
    ],
    (r) => [
      'agent_output',
      `ISBN 978-${r.int(0, 9)}-${r.int(100, 999)}-${r.int(10000, 99999)}-${r.int(0, 9)} is out of stock.`,
    ],
    (r) => [
      'agent_output',
      `Epoch ${r.int(1_700_000_000, 1_799_999_999)} corresponds to the last checkpoint.`,
    ],
  ],
  /** National-looking digit groups named as something other than a phone number. */
  'national-lookalikes': [
    (r) => ['agent_output', `Ihre Bestellung 0${r.int(150, 179)} ${r.int(1000000, 9999999)} ist unterwegs.`],
    (r) => [
      'agent_output',
      `Aktenzeichen 0${r.int(150, 179)} ${r.int(1000000, 9999999)}, bitte bei Rückfragen angeben.`,
    ],
    (r) => [
      'agent_output',
      `Référence du dossier : 06 ${r.int(10, 99)} ${r.int(10, 99)} ${r.int(10, 99)} ${r.int(10, 99)}.`,
    ],
    (r) => [
      'agent_output',
      `El pedido 6${r.int(10, 99)} ${r.int(100, 999)} ${r.int(100, 999)} se envió ayer.`,
    ],
    (r) => ['agent_output', `Fattura n. 3${r.int(10, 99)} ${r.int(1000000, 9999999)} pagata il 3 novembre.`],
    (r) => [
      'tool_result',
      JSON.stringify({ dossiernummer: `06-${r.int(10000000, 99999999)}`, status: 'open' }),
    ],
    (r) => ['agent_output', `注文番号は090-${r.int(1000, 9999)}-${r.int(1000, 9999)}です。`],
    // phone compounds in form templates and contract numbers (round 5)
    () => ['agent_output', 'Personalbogen: Name: ________  Handynummer: ________  Notfallkontakt: ________'],
    () => ['agent_output', 'Bitte geben Sie Ihre Handynummer im Format +49 1xx xxxxxxx an.'],
    (r) => [
      'agent_output',
      `Vertragsnummer Ihres Handyvertrags: 017${r.int(0, 9)} ${r.int(10000000, 99999999)}`,
    ],
    () => ['agent_output', 'Telefoonnummer: [invullen]  Mobiele nummer: [optioneel]'],
    (r) => [
      'agent_output',
      `Kundennummer ${r.int(10, 99)} ${r.int(100000, 999999)}, Handynummer bitte nachreichen.`,
    ],
    // number words naming an order, an invoice, a file; dates and amounts beside them
    (r) => [
      'agent_output',
      `Le numéro de commande est le 06 ${r.int(10, 99)} ${r.int(10, 99)} ${r.int(10, 99)} ${r.int(10, 99)}.`,
    ],
    (r) => ['agent_output', `Número do pedido: 9${r.int(10, 39)} ${r.int(100, 999)} ${r.int(100, 999)}.`],
    (r) => [
      'agent_output',
      `El número de factura es el 6${r.int(10, 99)} ${r.int(100, 999)} ${r.int(100, 999)}.`,
    ],
    (r) => ['agent_output', `Il numero della pratica è 3${r.int(30, 49)} ${r.int(1000000, 9999999)}.`],
    (r) => [
      'agent_output',
      `Nummer ${r.int(2, 9)} ist am ${r.int(10, 28)}.0${r.int(1, 9)}.2026 fällig, Betrag ${r.int(1, 9)} ${r.int(100, 999)} EUR.`,
    ],
    (r) => ['agent_output', `Votre numéro client : 07${r.int(10000000, 99999999)}.`],
    (r) => [
      'agent_output',
      `Pode ligar para a central; o lote 9${r.int(10, 39)} ${r.int(100, 999)} ${r.int(100, 999)} já saiu.`,
    ],
  ],
  'reserved-emails': [
    (r) => [
      'agent_output',
      `Send a test message to ${r.pick(['jane', 'john.doe', 'user', 'alice', 'admin'])}@${r.pick(RESERVED)} to verify SMTP.`,
    ],
    (r) => ['tool_arguments', JSON.stringify({ to: `someone@${r.pick(RESERVED)}`, subject: 'Test' })],
    () => ['agent_output', 'Clone it with git clone git@github.com:acme/data-pipelines.git and run make.'],
    () => ['agent_output', 'The remote is git@gitlab.com:platform/infra.git (SSH).'],
    () => ['agent_output', 'Use ssh://git@bitbucket.org/acme/etl.git if HTTPS is blocked.'],
    () => ['agent_output', 'Pin the package as requests@2.31.0 and numpy@1.26.4 in the lockfile.'],
    () => ['agent_output', 'Replace first.last@yourcompany.com with your own address in the config.'],
  ],
  versions: [
    (r) => [
      'agent_output',
      `Upgrade the runtime to version ${r.int(10, 16)}.${r.int(0, 9)}.${r.int(0, 9)}.${r.int(0, 9)} and restart the cluster.`,
    ],
    (r) => [
      'agent_output',
      `Driver ${r.int(2, 4)}.${r.int(0, 9)}.${r.int(10, 40)}.${r.int(1000, 9999)} fixes the timeout.`,
    ],
    () => ['agent_output', 'The OID 1.3.6.1.4.1.311 identifies Microsoft in SNMP.'],
    (r) => [
      'agent_output',
      `Listen on 0.0.0.0:8080 and point the health check at 127.0.0.1:${r.int(8000, 9000)}.`,
    ],
    (r) => [
      'agent_output',
      `The VPC uses 10.${r.int(0, 255)}.${r.int(0, 255)}.0/24 and the router is 192.168.${r.int(0, 255)}.1.`,
    ],
    (r) => [
      'agent_output',
      `Documentation examples use 192.0.2.${r.int(1, 254)} and 2001:db8::${r.int(1, 99)}.`,
    ],
  ],
  'reserved-ids': [
    () => [
      'agent_output',
      'SSA documentation uses 078-05-1120 and 219-09-9999 as sample SSNs; never store real ones.',
    ],
    () => ['agent_output', 'In the form, type 123-45-6789 as the placeholder for the SSN field.'],
    () => ['agent_output', 'The sample IBAN in our docs is DE89 3704 0044 0532 0130 00.'],
    () => ['agent_output', 'Use GB82 WEST 1234 5698 7654 32 as the example IBAN in the UI mock-up.'],
  ],
};
