/** Personal data values with valid check digits, in realistic (not reserved or test) ranges. */
import type { SeededRandom } from './seeded-random.js';

const digits = (random: SeededRandom, n: number) => random.chars('0123456789', n);

function luhnComplete(partial: string): string {
  for (let d = 0; d <= 9; d++) {
    const candidate = partial + d;
    let sum = 0;
    let double = false;
    for (let i = candidate.length - 1; i >= 0; i--) {
      let digit = Number(candidate[i]);
      if (double) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
      sum += digit;
      double = !double;
    }
    if (sum % 10 === 0) return candidate;
  }
  throw new Error('unreachable');
}

const mod97 = (numeric: string) => [...numeric].reduce((r, ch) => (r * 10 + Number(ch)) % 97, 0);
function ibanFor(country: string, bban: string): string {
  const numeric = [...`${bban}${country}00`]
    .map((ch) => (ch >= 'A' ? String(ch.charCodeAt(0) - 55) : ch))
    .join('');
  const check = String(98 - mod97(numeric)).padStart(2, '0');
  return `${country}${check}${bban}`;
}

const FIRST = [
  'maria',
  'jan',
  'sofia',
  'liam',
  'noah',
  'emma',
  'yuki',
  'chen',
  'olga',
  'pedro',
  'giulia',
  'fatima',
  'lars',
];
const LAST = [
  'gonzalez',
  'mueller',
  'rossi',
  'dubois',
  'tanaka',
  'wang',
  'ivanova',
  'silva',
  'de.vries',
  'okafor',
  'nguyen',
];
const MAIL_DOMAINS = [
  'gmail.com',
  'outlook.com',
  'web.de',
  'orange.fr',
  'libero.it',
  'northwind-traders.de',
  'contoso-mail.com',
  'fabrikam.co.uk',
  'yahoo.co.jp',
  'qq.com',
  'mail.ru',
  'uol.com.br',
  'ziggo.nl',
];

export function piiValues(random: SeededRandom) {
  const { pick, int } = random;
  return {
    name: () => `${pick(FIRST)[0]!.toUpperCase()}${pick(FIRST).slice(1)} ${pick(LAST).replace('.', ' ')}`,
    email: () =>
      `${pick(FIRST)}${pick(['.', '_', ''])}${pick(LAST)}${pick(['', String(int(1, 99))])}@${pick(MAIL_DOMAINS)}`,
    /** A card number grouped as printed, from a real issuer range (not a published test number). */
    card: () => {
      const [prefix, length] = pick([
        ['4', 16],
        ['51', 16],
        ['53', 16],
        ['2221', 16],
        ['37', 15],
        ['6011', 16],
      ] as const);
      const number = luhnComplete(prefix + digits(random, length - prefix.length - 1));
      if (length === 15) return `${number.slice(0, 4)} ${number.slice(4, 10)} ${number.slice(10)}`;
      const sep = pick([' ', '-', '', ' ']);
      return number.match(/.{4}/g)!.join(sep);
    },
    phone: () =>
      pick([
        () => `+1 ${pick(['212', '415', '617', '312', '206'])} ${int(202, 989)} ${digits(random, 4)}`,
        () => `(${pick(['212', '646', '303', '512'])}) ${int(202, 989)}-${digits(random, 4)}`,
        () => `+44 7${pick(['4', '5', '8', '9'])}${digits(random, 2)} ${digits(random, 6)}`,
        () => `+49 ${pick(['151', '160', '170', '176'])} ${digits(random, 8)}`,
        () => `+33 6 ${digits(random, 2)} ${digits(random, 2)} ${digits(random, 2)} ${digits(random, 2)}`,
        () => `+34 6${digits(random, 2)} ${digits(random, 3)} ${digits(random, 3)}`,
        () => `+39 3${pick(['2', '3', '4'])}${digits(random, 1)} ${digits(random, 7)}`,
        () => `+31 6 ${int(1, 5)}${digits(random, 7)}`,
        () => `+81 90-${digits(random, 4)}-${digits(random, 4)}`,
        () => `+55 11 9${digits(random, 4)}-${digits(random, 4)}`,
      ])(),
    /** Written the national way, as people in each country do (no +country code). */
    nationalPhone: (lang: 'en' | 'de' | 'fr' | 'es' | 'pt' | 'it' | 'nl' | 'ja' | 'sv') =>
      ({
        en: () => `07${pick(['4', '5', '7', '8', '9'])}${digits(random, 2)} ${digits(random, 6)}`,
        de: () => `0${pick(['151', '160', '170', '171', '176'])} ${digits(random, 7)}`,
        fr: () =>
          `0${pick(['6', '7'])} ${digits(random, 2)} ${digits(random, 2)} ${digits(random, 2)} ${digits(random, 2)}`,
        es: () => `6${digits(random, 2)} ${digits(random, 3)} ${digits(random, 3)}`,
        pt: () =>
          `9${pick(['1', '2', '3', '6'])}${digits(random, 1)} ${digits(random, 3)} ${digits(random, 3)}`,
        it: () => `3${pick(['3', '4', '8'])}${digits(random, 1)} ${digits(random, 7)}`,
        nl: () => `06-${int(1, 5)}${digits(random, 7)}`,
        ja: () => `0${pick(['80', '90'])}-${int(1000, 9999)}-${digits(random, 4)}`,
        sv: () =>
          `07${pick(['0', '2', '3', '6'])}-${digits(random, 3)} ${digits(random, 2)} ${digits(random, 2)}`,
      })[lang](),
    iban: () => {
      const [country, bban] = pick([
        ['DE', () => digits(random, 18)],
        [
          'FR',
          () =>
            `${digits(random, 10)}${random.chars('ABCDEFGHJKLMNPQRSTUVWXYZ0123456789', 11)}${digits(random, 2)}`,
        ],
        ['NL', () => `${pick(['ABNA', 'INGB', 'RABO'])}${digits(random, 10)}`],
        ['ES', () => digits(random, 20)],
        ['GB', () => `${pick(['NWBK', 'BARC', 'HBUK'])}${digits(random, 14)}`],
        ['IT', () => `X${digits(random, 10)}${digits(random, 12)}`],
      ] as const);
      const iban = ibanFor(country, bban());
      return random.next() < 0.5 ? iban : iban.match(/.{1,4}/g)!.join(' ');
    },
    ssn: () =>
      `${int(101, 665)}-${String(int(1, 99)).padStart(2, '0')}-${String(int(1, 9999)).padStart(4, '0')}`,
    dni: () => {
      const number = int(10_000_000, 99_999_999);
      return `${number}${'TRWAGMYFPDXBNJZSQVHLCKE'[number % 23]}`;
    },
    cpf: () => {
      const base = [...digits(random, 9)].map(Number);
      for (const length of [9, 10]) {
        let sum = 0;
        for (let i = 0; i < length; i++) sum += base[i]! * (length + 1 - i);
        base.push(((sum * 10) % 11) % 10);
      }
      const s = base.join('');
      return `${s.slice(0, 3)}.${s.slice(3, 6)}.${s.slice(6, 9)}-${s.slice(9)}`;
    },
    nino: () =>
      `${pick(['AB', 'JG', 'NZ', 'SK', 'PE'])} ${digits(random, 2)} ${digits(random, 2)} ${digits(random, 2)} ${pick(['A', 'B', 'C', 'D'])}`,
    publicIp: () => `${pick([81, 88, 93, 151, 185, 212, 217])}.${int(1, 254)}.${int(1, 254)}.${int(1, 254)}`,
  };
}
