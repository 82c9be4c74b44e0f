import type { FindingSeverity } from '../scanned-text.js';
import { acceptPassword, PASSWORD_RULES } from './password-rules.js';
import { entropy, isJwt, looksRandom, PLACEHOLDER } from './secret-values.js';

export { entropy, isPlaceholder } from './secret-values.js';

/**
 * Secrets the maintained secretlint rule set does not cover, or covers too narrowly for agent
 * traffic: Databricks tokens and OAuth secrets, cloud keys, private keys (also JSON-escaped),
 * JWTs, connection strings and password assignments. Patterns run on the original text.
 */
export interface SecretRule {
  rule: string;
  kind: string;
  severity: FindingSeverity;
  pattern: RegExp;
  /** Which capture group is the secret (default the whole match). */
  group?: number;
  /** Extra check on the secret (entropy, structure), to keep benign look-alikes out. */
  accept?: (value: string) => boolean;
  /**
   * Something every match contains (same flags as the pattern where case matters): a text
   * without it skips the rule. For patterns that do not start with a literal, which the regex
   * engine would otherwise try at every position.
   */
  hint?: RegExp;
  /**
   * Plain strings one of which every match holds, in any case: a text (lower-cased) with none
   * of them skips the rule without a scan (see ../triggers.ts). Read off the pattern when not
   * given; given where the pattern opens with a repeat (`[a-z0-9]+`), which cannot be read.
   */
  keys?: readonly string[];
  /**
   * Instead of keys, a shape every match has that the trigger scan counts (`colonPort`: a colon,
   * a port or `*`, a colon, as a .pgpass line has), for rules whose plain strings (`:`) are in
   * most texts.
   */
  shape?: 'colonPort';
}

const DB_SCHEMES =
  'postgres(?:ql)?|mysql|mariadb|mongodb(?:\\+srv)?|rediss?|amqps?|mssql|sqlserver|oracle|snowflake|clickhouse';

export const SECRET_RULES: readonly SecretRule[] = [
  {
    rule: 'databricks-token',
    kind: 'Databricks personal access token',
    severity: 'critical',
    pattern: /\bdapi[0-9a-f]{32}(?:-\d)?\b/g,
  },
  {
    rule: 'databricks-oauth-secret',
    kind: 'Databricks OAuth client secret',
    severity: 'critical',
    pattern: /\bdose[0-9a-f]{32}\b/g,
  },
  {
    rule: 'aws-access-key',
    kind: 'AWS access key id',
    severity: 'critical',
    pattern: /\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}\b/g,
  },
  {
    rule: 'aws-secret-key',
    kind: 'AWS secret access key',
    severity: 'critical',
    pattern:
      // `aws_secret_access_key = …` in a file, or `aws configure set aws_secret_access_key …` in a shell.
      /(?:aws_?secret_?(?:access_?)?key|secret_?access_?key)(?:["'\s]*[:=]|[ \t]+)\s*["']?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+])/gi,
    group: 1,
    accept: (value) => looksRandom(value, 3.5),
  },
  {
    rule: 'azure-storage-key',
    kind: 'Azure storage account key',
    severity: 'critical',
    pattern: /AccountKey=([A-Za-z0-9+/]{40,}={0,2})/g,
    group: 1,
  },
  {
    rule: 'azure-client-secret',
    kind: 'Azure AD client secret',
    severity: 'critical',
    pattern: /(?<![A-Za-z0-9_~.-])[A-Za-z0-9_~.-]{3}\dQ~[A-Za-z0-9_~.-]{31,34}(?![A-Za-z0-9_~.-])/g,
    hint: /\dQ~/,
  },
  {
    rule: 'azure-sas-token',
    kind: 'Azure shared access signature',
    severity: 'high',
    pattern: /\bsv=\d{4}-\d{2}-\d{2}&[^\s"'<>]*?\bsig=([A-Za-z0-9%+/=]{30,})/g,
    group: 1,
  },
  {
    rule: 'gcp-api-key',
    kind: 'Google Cloud API key',
    severity: 'high',
    pattern: /\bAIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/g,
  },
  {
    rule: 'private-key',
    kind: 'private key',
    severity: 'critical',
    // The whole PEM block; JSON-escaped newlines (`\n`) as in a service-account key file too.
    pattern:
      /-----BEGIN ((?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?)-----(?:[\s\S]{0,8192}?-----END \1-----|(?:\\n|\s)*[A-Za-z0-9+/=\\\s]{40,})/g,
  },
  {
    rule: 'jwt',
    kind: 'JSON Web Token',
    severity: 'high',
    pattern: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{16,}/g,
    accept: isJwt,
  },
  {
    rule: 'connection-string',
    kind: 'database connection string with password',
    severity: 'critical',
    pattern: new RegExp(
      `\\b(?:${DB_SCHEMES}|jdbc:[a-z]+)://[^\\s:@/'"<>]+:([^\\s@/'"<>]{3,})@[^\\s'"<>]+`,
      'gi',
    ),
    accept: (value) => !PLACEHOLDER.test(value),
    group: 1,
  },
  {
    rule: 'connection-string',
    kind: 'database connection string with password',
    severity: 'critical',
    pattern: /\b(?:Server|Data Source|Host|Address)=[^;"'\n]+;[^"'\n]*?\b(?:Password|Pwd)=([^;"'\s]{3,})/gi,
    accept: (value) => !PLACEHOLDER.test(value),
    group: 1,
  },
  {
    rule: 'connection-string',
    kind: 'JDBC URL with password',
    severity: 'critical',
    pattern: /\bjdbc:[a-z]+:[^\s"'<>]*?[;&?](?:password|pwd)=([^;&\s"'<>]{3,})/gi,
    accept: (value) => !PLACEHOLDER.test(value) && !/^dapi[0-9a-f]{32}/.test(value),
    group: 1,
  },
  {
    rule: 'url-password',
    kind: 'password in a URL',
    severity: 'high',
    // http(s), ftp and proxy URLs with a user and password (database schemes are above).
    pattern: /\b(?:https?|ftps?|socks5h?):\/\/[^\s:@/'"<>]+:([^\s@/'"<>]{6,128})@[\w.-]+/gi,
    group: 1,
    hint: /@/,
    accept: acceptPassword,
  },
  {
    rule: 'huggingface-token',
    kind: 'Hugging Face token',
    severity: 'high',
    // Older tokens are letters only, current ones mix in digits; either way a placeholder
    // (`hf_xxxx…`) is not one.
    pattern: /\bhf_[A-Za-z0-9]{34}\b/g,
    accept: (value) =>
      /^hf_[A-Za-z]{34}$/.test(value)
        ? !PLACEHOLDER.test(value.slice(3)) && entropy(value.slice(3)) >= 3.5
        : looksRandom(value.slice(3), 3.5),
  },
  {
    rule: 'stripe-key',
    kind: 'Stripe secret key',
    severity: 'critical',
    pattern: /\b(?:sk|rk)_live_[0-9A-Za-z]{24,}\b/g,
  },
  {
    rule: 'openai-key',
    kind: 'OpenAI API key',
    severity: 'critical',
    pattern:
      /\bsk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{40,}(?![A-Za-z0-9_-])|\bsk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}\b/g,
  },
  {
    rule: 'anthropic-key',
    kind: 'Anthropic API key',
    severity: 'critical',
    pattern: /\bsk-ant-(?:api|admin)\d{2}-[A-Za-z0-9_-]{80,}(?![A-Za-z0-9_-])/g,
  },
  {
    rule: 'github',
    kind: 'GitHub token',
    severity: 'critical',
    pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59})\b/g,
  },
  {
    rule: 'azure-storage-key',
    kind: 'Azure storage account key',
    severity: 'critical',
    // A bare key named as one ("storage account key is …", "key1: …").
    pattern:
      /\b(?:account|storage|access)[ _-]?key\d?\b[^\n]{0,20}?(?<![A-Za-z0-9+/])([A-Za-z0-9+/]{86}==)/gi,
    group: 1,
  },
  ...PASSWORD_RULES,
];
