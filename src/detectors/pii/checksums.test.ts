import { describe, expect, it } from 'vitest';
import {
  bsnValid,
  cpfValid,
  ibanValid,
  luhnValid,
  spanishIdValid,
  ssnPlausible,
  verhoeffValid,
} from './checksums.js';

describe('check digits', () => {
  it('Luhn', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
    expect(luhnValid('046454286')).toBe(true);
  });

  it('IBAN mod 97 with the country length', () => {
    expect(ibanValid('GB82 WEST 1234 5698 7654 32')).toBe(true);
    expect(ibanValid('DE89370400440532013000')).toBe(true);
    expect(ibanValid('DE89370400440532013001')).toBe(false);
    expect(ibanValid('DE8937040044053201300')).toBe(false);
  });

  it('Verhoeff (Aadhaar)', () => {
    expect(verhoeffValid('2363')).toBe(true);
    expect(verhoeffValid('2364')).toBe(false);
  });

  it('Spanish DNI and NIE letters', () => {
    expect(spanishIdValid('12345678Z')).toBe(true);
    expect(spanishIdValid('12345678A')).toBe(false);
    expect(spanishIdValid('X1234567L')).toBe(true);
  });

  it('Brazilian CPF and Dutch BSN', () => {
    expect(cpfValid('529.982.247-25')).toBe(true);
    expect(cpfValid('529.982.247-26')).toBe(false);
    expect(cpfValid('111.111.111-11')).toBe(false);
    expect(bsnValid('111222333')).toBe(true);
    expect(bsnValid('111222334')).toBe(false);
  });

  it('US SSN issuance rules', () => {
    expect(ssnPlausible('123-45-6789')).toBe(true);
    expect(ssnPlausible('666-45-6789')).toBe(false);
    expect(ssnPlausible('900-45-6789')).toBe(false);
    expect(ssnPlausible('123-00-6789')).toBe(false);
  });
});
