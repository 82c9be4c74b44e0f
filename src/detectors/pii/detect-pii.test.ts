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

  it('finds payment cards that pass Luhn and have an issuer prefix, printed or named as a card', () => {
    expect(found('card 5457 6219 8301 4572 exp 12/29')).toEqual([['payment-card', '5457 6219 8301 4572']]);
    expect(found('Visa: 5457621983014572')).toEqual([['payment-card', '5457621983014572']]);
    expect(found('card 5457 6219 8301 4573')).toEqual([]);
    expect(found('tracking 1234567812345670')).toEqual([]);
    expect(found('job run 5457621983014572 finished')).toEqual([]);
  });

  it('leaves published test card numbers alone', () => {
    expect(found('use 4111 1111 1111 1111 or 4242 4242 4242 4242 in the sandbox')).toEqual([]);
    expect(found('card 5555 5555 5555 4444 and amex 378282246310005')).toEqual([]);
  });

  it('reads national numbers named as phone numbers in the country of the words around them', () => {
    const identities = (text: string) => detectPii(text).map((match) => match.identity);
    expect(identities('Die Kundin erreichen Sie unter 0171 2345678.')).toEqual(['+491712345678']);
    expect(identities('Appelez-la au 06 12 34 56 78 demain.')).toEqual(['+33612345678']);
    expect(identities('Su móvil es 612 345 678.')).toEqual(['+34612345678']);
    expect(identities('お客様の電話番号は090-1234-5678です。')).toEqual(['+819012345678']);
    expect(identities('Bestellung 0171 2345678 ist unterwegs; Fattura n. 347 1234567.')).toEqual([]);
    // "number" and "call" words: the client's number, yes; an order's, an invoice's or a date, no
    expect(identities('Pode ligar para o cliente no 912 345 678 depois das 14h.')).toEqual(['+351912345678']);
    expect(identities('Le numéro du client est le 07 81 23 45 67.')).toEqual(['+33781234567']);
    expect(identities('Le numéro de commande est le 07 81 23 45 67.')).toEqual([]);
    expect(identities('Votre numéro client : 0781234567.')).toEqual([]);
    expect(identities('Nummer 2 ist am 06.12.2024 fällig.')).toEqual([]);
  });

  it('does not read the last twelve digits of a grouped card number as an Aadhaar number', () => {
    expect(found('Use the test card 5105 1051 0510 5100 in the sandbox.')).toEqual([]);
  });

  it('does not read invoice and order numbers as phone numbers', () => {
    expect(found('Invoice no. 415-555-2671 is due')).toEqual([]);
    expect(found('{"invoice_number":"809 806 7485"}')).toEqual([]);
    expect(found('Telefonnummer des Kunden: +49 151 23456789')).toEqual([
      ['phone-number', '+49 151 23456789'],
    ]);
  });

  it('leaves reserved and placeholder domains, role mailboxes and git remotes alone', () => {
    expect(found('mail jane@example.com, bob@shop.example, x@acme.test, me@yourcompany.com')).toEqual([]);
    expect(found('alerts from noreply@acme.io and support@acme.io')).toEqual([]);
    expect(found('git clone git@github.com:acme/etl.git or ssh://git@bitbucket.org/acme/etl.git')).toEqual(
      [],
    );
  });

  it('finds IBANs with a valid checksum', () => {
    expect(found('pay to DE44 5001 0517 5407 3249 31 please')).toEqual([
      ['iban', 'DE44 5001 0517 5407 3249 31'],
    ]);
    expect(found('pay to DE44 5001 0517 5407 3249 32 please')).toEqual([]);
    // The sample IBAN of countless docs and forms is nobody's account.
    expect(found('pay to DE89 3704 0044 0532 0130 00 please')).toEqual([]);
  });

  it('finds national ids, with context where the shape alone is too common', () => {
    expect(found('SSN 412-36-7719')).toEqual([['national-id', '412-36-7719']]);
    expect(found('sample SSNs 078-05-1120 and 123-45-6789')).toEqual([]);
    expect(found('NI number AB 12 34 56 C')).toEqual([['national-id', 'AB 12 34 56 C']]);
    expect(found('DNI 12345678Z')).toEqual([['national-id', '12345678Z']]);
    expect(found('CPF 529.982.247-25')).toEqual([['national-id', '529.982.247-25']]);
    expect(found('BSN: 111222333')).toEqual([['national-id', '111222333']]);
    expect(found('batch 111222333')).toEqual([]);
  });

  it('finds public IP addresses, not private, documentation, versions or loopback', () => {
    expect(found('host 81.169.145.92 and 2a00:1450:4001:82b::200e')).toEqual([
      ['ip-address', '81.169.145.92'],
      ['ip-address', '2a00:1450:4001:82b::200e'],
    ]);
    expect(found('host 10.1.2.3, 192.168.0.1, 203.0.113.7 and 2001:db8:85a3::8a2e:370:7334')).toEqual([]);
    expect(found('upgrade to version 1.2.3.4 on 127.0.0.1 at 12:30:45; driver 2.6.22.1')).toEqual([]);
  });

  it('reads phone-number compounds as phone words, not contract numbers or empty form fields', () => {
    expect(found('Meine Handynummer für Rückfragen: 0176 48213957')).toEqual([
      ['phone-number', '0176 48213957'],
    ]);
    expect(found('Het telefoonnummer van meneer Jansen is 06-41827365.')).toEqual([
      ['phone-number', '06-41827365'],
    ]);
    expect(found('Hennes mobilnummer är 070-482 19 37.')).toEqual([['phone-number', '070-482 19 37']]);
    expect(found('Vertragsnummer Ihres Handyvertrags: 0176 48213957')).toEqual([]);
    expect(found('Handynummer: ____________ (bitte ausfüllen)')).toEqual([]);
  });

  it('reads "Text … on" as naming a mobile', () => {
    expect(found('Text Priya on 07912 348561 when the courier arrives.')).toEqual([
      ['phone-number', '07912 348561'],
    ]);
  });
});
