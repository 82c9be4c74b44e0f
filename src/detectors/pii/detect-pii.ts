import { isIPv4, isIPv6 } from 'node:net';
import { findPhoneNumbersInText, type CountryCode } from 'libphonenumber-js/max';
import { decodeText } from '../decoding/decode-text.js';
import type { TextView } from '../decoding/text-view.js';
import type { FindingSeverity, Match } from '../scanned-text.js';
import { ibanValid, luhnValid } from './checksums.js';
import { nationalIdMatches } from './national-ids.js';
import { nationalPhone } from './national-phones.js';
import {
  isNonPublicIpv4,
  isNonPublicIpv6,
  isReservedDomain,
  isRoleMailbox,
  isSampleIban,
  isSampleId,
  isTestCard,
} from './not-personal.js';
import { before, CARD_WORDS, ID_NUMBER, NOT_A_PHONE, PHONE_WORDS } from './pii-context.js';
import { matchesOf } from '../regex-matches.js';
import { LETTERS_THEN_DIGITS, type NumberShapes } from '../text-shapes.js';
import { DIGIT_GROUP, triggersOf, type Triggers } from '../triggers.js';

/** PII categories, as the policy file names them (`allowed_pii_in_outputs`). */
export const PII_CATEGORIES = [
  'email',
  'phone-number',
  'payment-card',
  'iban',
  'national-id',
  'ip-address',
] as const;
export type PiiCategory = (typeof PII_CATEGORIES)[number];

const SEVERITY: Record<PiiCategory, FindingSeverity> = {
  email: 'medium',
  'phone-number': 'medium',
  'payment-card': 'high',
  iban: 'high',
  'national-id': 'high',
  'ip-address': 'low',
};

export interface PiiOptions {
  /** Country assumed for phone numbers written without a +country code. */
  defaultCountry?: CountryCode;
}

const EMAIL =
  /(?<![\w.+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@(?:[A-Za-z0-9-]{1,63}\.)+[A-Za-z]{2,24}(?![\w-])/g;
/** Day, month and year (either order) joined by dots, slashes or hyphens. */
const DATE = /^(?:\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})|\d{4}[./-]\d{1,2}[./-]\d{1,2})$/;
const PHONE_CANDIDATE = /(?<![\w+/.-])\+?\(?\d[\d ().-]{5,18}\d(?![\w/-])/g;
const CARD = /(?<![\d-])\d(?:[ -]?\d){12,18}(?![\d-])/g;
const CARD_PREFIX = /^(?:4|5[1-5]|2[2-7]|3[47]|6(?:011|5|4[4-9])|35|3(?:0[0-5]|[68])|62)/;
const IBAN = /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\b/g;
const IPV4 = /(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?![\w.]|\.\d)/g;
const IPV6 =
  /(?<![\w:])(?:[0-9A-Fa-f]{1,4}:){2,7}(?::|[0-9A-Fa-f]{1,4})(?:(?<=::)[0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{1,4})*)?(?![\w:])/g;

function match(category: PiiCategory, kind: string, start: number, value: string, identity = value): Match {
  return { rule: category, kind, severity: SEVERITY[category], start, end: start + value.length, identity };
}

function emails(text: string): Match[] {
  const found: Match[] = [];
  for (const candidate of matchesOf(EMAIL, text)) {
    const domain = candidate[0].split('@')[1]!.toLowerCase();
    const end = candidate.index + candidate[0].length;
    // A git remote (git@github.com:org/repo.git) or a URL's user (ssh://git@host/…) is not a person.
    if (text[end] === ':' || before(text, candidate.index, 3) === '://') continue;
    if (isReservedDomain(domain) || isRoleMailbox(candidate[0].split('@')[0]!)) continue;
    found.push({
      ...match('email', 'e-mail address', candidate.index, candidate[0], candidate[0].toLowerCase()),
      domain,
    });
  }
  return found;
}

function phones(text: string, country: CountryCode, phoneWords: boolean): Match[] {
  const found: Match[] = [];
  for (const candidate of matchesOf(PHONE_CANDIDATE, text)) {
    const raw = candidate[0];
    const digits = raw.replace(/\D/g, '').length;
    if (digits < 7 || digits > 15) continue;
    // A date (06.12.2024, 2024-12-06) near "Nummer" or "numéro" is not a phone number.
    if (DATE.test(raw)) continue;
    // Written the way phone numbers are (international, area code in brackets, 3-3-4, trunk 0),
    // or named as one; other digit groups (amounts, counts, dates) are not worth parsing.
    const shaped = /^(?:\+|\(|0\d)/.test(raw) || /^\d{3}[-. ]\d{3}[-. ]\d{4}$/.test(raw);
    const context = before(text, candidate.index, 40);
    const named = phoneWords && PHONE_WORDS.test(context) && !ID_NUMBER.test(context);
    if (!shaped && !named) continue;
    if (NOT_A_PHONE.test(before(text, candidate.index, 24))) continue;
    const valid = findPhoneNumbersInText(raw, { defaultCountry: country }).filter((p) => p.number.isValid());
    for (const phone of valid) {
      const value = raw.slice(phone.startsAt, phone.endsAt);
      found.push(
        match('phone-number', 'phone number', candidate.index + phone.startsAt, value, phone.number.number),
      );
    }
    // Named as a phone number but not one of the default country's: maybe another country's, nationally.
    const national =
      valid.length === 0 && named && !raw.startsWith('+')
        ? nationalPhone(raw, before(text, candidate.index, 80))
        : undefined;
    if (national) {
      const value = raw.slice(national.startsAt, national.endsAt);
      found.push(
        match('phone-number', 'phone number', candidate.index + national.startsAt, value, national.number),
      );
    }
  }
  return found;
}

/** What a card number needs: 13 digits in a row, at most a space or dash between two. */
const CARD_DIGITS = 13;

function cards(text: string): Match[] {
  const found: Match[] = [];
  for (const candidate of matchesOf(CARD, text)) {
    const digits = candidate[0].replace(/\D/g, '');
    if (digits.length < 13 || digits.length > 19 || !CARD_PREFIX.test(digits) || !luhnValid(digits)) continue;
    if (/^(\d)\1+$/.test(digits) || isTestCard(digits)) continue;
    // Printed in groups like a card, or named as one; a bare run of digits is an id.
    const grouped = /^\d{4}([ -])\d{4,6}\1\d{4,5}(?:\1\d{1,4})?$/.test(candidate[0]);
    if (!grouped && !CARD_WORDS.test(before(text, candidate.index, 40))) continue;
    found.push(match('payment-card', 'payment card number', candidate.index, candidate[0], digits));
  }
  return found;
}

function ibans(text: string): Match[] {
  return matchesOf(IBAN, text)
    .filter((found) => ibanValid(found[0]) && !isSampleIban(found[0].replace(/\s/g, '')))
    .map((found) => match('iban', 'IBAN', found.index, found[0], found[0].replace(/\s/g, '')));
}

/** What an IPv4 address needs: three dots between digits (see `NumberShapes.dottedDigits`). */
const IPV4_DOTS = 3;

function ipAddresses(text: string, numbers: NumberShapes): Match[] {
  const found: Match[] = [];
  for (const candidate of numbers.dottedDigits >= IPV4_DOTS ? matchesOf(IPV4, text) : []) {
    const value = candidate[0];
    const context = before(text, candidate.index, 16).toLowerCase();
    if (!isIPv4(value) || isNonPublicIpv4(value)) continue;
    if (/\b(?:v|version|ver|release|build|driver|runtime|sdk|firmware|kernel|oid|dbr)\s*$/.test(context))
      continue;
    found.push(match('ip-address', 'IP address', candidate.index, value));
  }
  for (const candidate of numbers.hexColon ? matchesOf(IPV6, text) : []) {
    const value = candidate[0];
    if (!isIPv6(value) || isNonPublicIpv6(value) || !/\d/.test(value) || value.split(':').length < 4)
      continue;
    found.push(match('ip-address', 'IP address', candidate.index, value, value.toLowerCase()));
  }
  return found;
}

const PHONE_DIGITS = /\d[\d\s().-]{6,}\d/;
const THREE_THREE_FOUR = /\d{3}[-. ]\d{3}[-. ]\d{4}/;

/**
 * Whether the phone rule could find a number: one named as a phone number, or written like one
 * (a `+`, an area code in brackets, a trunk 0, 3-3-4 digits; see `phones`).
 */
function mayHoldPhone(text: string, triggers: Triggers): boolean {
  const { phoneStart, zeroLead } = triggers.numbers;
  return (
    (triggers.phoneWords || phoneStart || zeroLead || THREE_THREE_FOUR.test(text)) && PHONE_DIGITS.test(text)
  );
}

/** The PII in one view's text, added to `found`. */
function inOneView(text: string, options: PiiOptions, triggers: Triggers, found: Match[]): void {
  if (text.length < 6) return;
  if (triggers.at) found.push(...emails(text));
  if (triggers.digits < DIGIT_GROUP) return;
  const numbers = triggers.numbers;
  if (numbers.digits >= CARD_DIGITS) found.push(...cards(text));
  if (numbers.letters & LETTERS_THEN_DIGITS) found.push(...ibans(text));
  for (const id of nationalIdMatches(text, triggers)) {
    if (!isSampleId(id.identity)) found.push({ ...id, severity: SEVERITY['national-id'] });
  }
  if (mayHoldPhone(text, triggers))
    found.push(...phones(text, options.defaultCountry ?? 'US', triggers.phoneWords));
  found.push(...ipAddresses(text, numbers));
}

const longestFirst = (a: Match, b: Match) => b.end - b.start - (a.end - a.start);

/**
 * Personal data in a decoded text (every view, ranges in the original): e-mail addresses at
 * real domains, phone numbers (validated with libphonenumber, not when named as an order or
 * invoice number), payment cards (Luhn, issuer prefix, printed or named as a card, not a test
 * number), IBANs (mod 97), national ids (checksums where the scheme has one) and public IP
 * addresses. Overlaps keep the longest match.
 */
export function piiIn(
  views: readonly TextView[],
  options: PiiOptions = {},
  triggers = triggersOf(views),
): Match[] {
  const all: Match[] = [];
  for (let i = 0; i < views.length; i++) {
    const view = views[i]!;
    const first = all.length;
    inOneView(view.text, options, triggers[i]!, all);
    if (view.via === 'original') continue;
    for (let j = first; j < all.length; j++) {
      const [start, end] = view.toOriginal(all[j]!.start, all[j]!.end);
      all[j] = { ...all[j]!, start, end };
    }
  }
  if (all.length === 0) return all;
  all.sort(longestFirst);
  const kept: Match[] = [];
  for (const candidate of all) {
    if (kept.some((other) => candidate.start < other.end && other.start < candidate.end)) continue;
    kept.push(candidate);
  }
  return kept.sort((a, b) => a.start - b.start);
}

export function detectPii(text: string, options: PiiOptions = {}): Match[] {
  return piiIn(decodeText(text), options);
}
