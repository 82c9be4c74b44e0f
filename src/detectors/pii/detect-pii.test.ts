import { describe, expect, it } from 'vitest';
import { detectPii } from './detect-pii.js';

const found = (text: string) =>
  detectPii(text).map((match) => [match.rule, text.slice(match.start, match.end)]);

describe('PII detector', () => {
  it('finds e-mail addresses with their domain', () => {
    const [match] = detectPii('write to Jane.Doe+billing@Acme.io today');
    expect(match).toMatchObject({ rule: 'email', identity: 'jane.doe+billing@acme.io', domain: 'acme.io' });
  });

  it('finds phone numbers that libphonenumber validates, written like phone numbers', () => {
    expect(found('call +1 (415) 555-2671 or +44 20 7946 0958')).toEqual([
      ['phone-number', '+1 (415) 555-2671'],
      ['phone-number', '+44 20 7946 0958'],
    ]);
    expect(found('mobile: 4155552671')).toEqual([['phone-number', '4155552671']]);
    expect(found('order 4155552671 shipped on 2025-11-23')).toEqual([]);
    expect(found('call +1 (415) 000-0000')).toEqual([]);
  });

  it('finds payment cards that pass Luhn and have an issuer prefix', () => {
    expect(found('card 4111 1111 1111 1111 exp 12/29')).toEqual([['payment-card', '4111 1111 1111 1111']]);
    expect(found('card 4111 1111 1111 1112')).toEqual([]);
    expect(found('tracking 1234567812345670')).toEqual([]);
  });

  it('finds IBANs with a valid checksum', () => {
    expect(found('pay to DE89 3704 0044 0532 0130 00 please')).toEqual([
      ['iban', 'DE89 3704 0044 0532 0130 00'],
    ]);
    expect(found('pay to DE89 3704 0044 0532 0130 01 please')).toEqual([]);
  });

  it('finds national ids, with context where the shape alone is too common', () => {
    expect(found('SSN 123-45-6789')).toEqual([['national-id', '123-45-6789']]);
    expect(found('NI number AB 12 34 56 C')).toEqual([['national-id', 'AB 12 34 56 C']]);
    expect(found('DNI 12345678Z')).toEqual([['national-id', '12345678Z']]);
    expect(found('CPF 529.982.247-25')).toEqual([['national-id', '529.982.247-25']]);
    expect(found('BSN: 111222333')).toEqual([['national-id', '111222333']]);
    expect(found('batch 111222333')).toEqual([]);
  });

  it('finds public and private IP addresses, not versions or loopback', () => {
    expect(found('host 10.1.2.3 and 2001:db8:85a3::8a2e:370:7334')).toEqual([
      ['ip-address', '10.1.2.3'],
      ['ip-address', '2001:db8:85a3::8a2e:370:7334'],
    ]);
    expect(found('upgrade to version 1.2.3.4 on 127.0.0.1 at 12:30:45')).toEqual([]);
  });
});
