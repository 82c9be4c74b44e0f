import type { SecretRule } from './secret-rules.js';
import { entropy, PLACEHOLDER } from './secret-values.js';

/**
 * Passwords by where they sit rather than by their shape: assignments and JSON/YAML keys
 * (`password`, `new_password`, `pass`, `passwd`, `db_password`, `smtp_pass`, `secret`, and the
 * `api-key`/`api.key`/`signing_key` spellings of YAML, Kubernetes `stringData`, `.env` and
 * `.properties` files), `.pgpass`
 * lines, HTTP Basic credentials, and "the password is …" in several languages. The value must
 * look random (letters and digits, some entropy) and not be a placeholder; a base64 value is
 * judged by what it decodes to (a Kubernetes secret of `changeme` is a placeholder).
 */
const KEY =
  '(?:(?:[a-z0-9]+[_.-])*(?:password|passwd|passphrase|pass|pwd|secret|client[_.-]?secret|secret[_.-]?key|api[_.-]?key|auth[_.-]?key|signing[_.-]?key)|(?:access|auth|private|refresh|api|bearer|session)[_.-]?token)';

function decodedIfBase64(value: string): string {
  if (!/^[A-Za-z0-9+/]{8,}={0,2}$/.test(value) || value.length % 4 !== 0) return value;
  const decoded = Buffer.from(value, 'base64').toString('utf8');
  return /^[\x20-\x7E]+$/.test(decoded) ? decoded : value;
}

/** At least two kinds of character (lower, upper, digit, symbol) and some entropy; not a word. */
function passwordLike(value: string, minEntropy: number): boolean {
  const kinds = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((kind) => kind.test(value)).length;
  return (
    kinds >= 2 && entropy(value) >= minEntropy && /[A-Za-z]/.test(value) && !/^[a-z]+[._-][a-z]+$/.test(value)
  );
}

export function acceptPassword(value: string): boolean {
  const plain = decodedIfBase64(value);
  return (
    !PLACEHOLDER.test(value) &&
    !PLACEHOLDER.test(plain) &&
    plain.length >= 6 &&
    passwordLike(value, 2.8) &&
    passwordLike(plain, 2.3)
  );
}

function basicCredentials(value: string): boolean {
  const decoded = Buffer.from(value, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 1 || !/^[\x20-\x7E]+$/.test(decoded)) return false;
  const password = decoded.slice(colon + 1);
  return password.length >= 4 && !PLACEHOLDER.test(password);
}

export const PASSWORD_RULES: readonly SecretRule[] = [
  {
    rule: 'password-assignment',
    kind: 'password or secret in an assignment',
    severity: 'high',
    pattern: new RegExp(`(?<![A-Za-z0-9])["']?${KEY}["']?\\s*[:=]\\s*["']?([^\\s"',;)}\\]<>]{6,128})`, 'gi'),
    keys: [
      'pass',
      'pwd',
      'secret',
      'api_key',
      'api-key',
      'api.key',
      'apikey',
      'auth_key',
      'auth-key',
      'auth.key',
      'signing',
      'token',
    ],
    group: 1,
    accept: acceptPassword,
  },
  {
    rule: 'pgpass-line',
    kind: 'password in a .pgpass line',
    severity: 'high',
    pattern: /(?:^|(?<=["'\s]))[\w.*-]+:(?:\d{2,5}|\*):[\w.*-]+:[\w.*@-]+:([^\s"':]{6,128})(?=$|["'\s])/gm,
    shape: 'colonPort',
    hint: /:(?:\d{2,5}|\*):/,
    group: 1,
    accept: acceptPassword,
  },
  {
    rule: 'basic-auth',
    kind: 'HTTP Basic credentials',
    severity: 'high',
    pattern: /\bauthorization["']?\s*[:=]\s*["']?basic\s+([A-Za-z0-9+/]{8,}={0,2})/gi,
    group: 1,
    accept: basicCredentials,
  },
  {
    rule: 'password-assignment',
    kind: 'password in a sentence',
    severity: 'high',
    pattern:
      /(?:password|passwort|kennwort|mot de passe|contraseña|senha|wachtwoord|пароль|パスワード|密码)[^\n:=.。]{0,40}?(?:(?<!\p{L})(?:is|lautet|ist|est|es|é|è|era)(?!\p{L})|は|:|：)\s*["'«„]?([^\s"'»“,;。]{8,64})/giu,
    group: 1,
    accept: (value) => acceptPassword(value.replace(/[.!?)]+$/, '')),
  },
];
