import { findPhoneNumbersInText, type CountryCode } from 'libphonenumber-js/max';

/**
 * Phone numbers written the national way (no `+country`): `0171 2345678` in Germany, `06 12 34 56
 * 78` in France, `612 345 678` in Spain, `912 345 678` in Portugal, `090-1234-5678` in Japan. Only
 * the agent's default country can read them unaided, so a number named as a phone number ("Handy",
 * "erreichen Sie unter", "appelez") and shaped like a national number (a trunk 0, a bracketed area
 * code, or nine digits from 6 to 9) is tried against the countries of the corpus languages in turn.
 * Without the naming word the same digits stay unread: order, invoice and ticket numbers look alike.
 */
/** The corpus languages' countries, each with words that say a text is in its language. */
const COUNTRIES: readonly [CountryCode, RegExp][] = [
  [
    'DE',
    /(?<!\p{L})(?:sie|unter|der|die|und|ist|handy\p{L}*|meine|mein|erreich\p{L}*|telefon\p{L}*|rufen?)(?!\p{L})/iu,
  ],
  ['FR', /(?<!\p{L})(?:au|le|la|est|et|appel\p{L}*|joindre|joignable|portable|téléphone|numéro)(?!\p{L})/iu],
  ['ES', /(?<!\p{L})(?:su|el|es|al|y|móvil|movil|llam\p{L}*|teléfono)(?!\p{L})/iu],
  ['PT', /(?<!\p{L})(?:o|é|dela|dele|ao|telemóvel|telemovel|celular|ligue|ligar|telefone|número)(?!\p{L})/iu],
  ['IT', /(?<!\p{L})(?:il|è|al|chiama\p{L}*|cellulare|telefono|raggiung\p{L}*)(?!\p{L})/iu],
  ['NL', /(?<!\p{L})(?:op|bel|haar|hem|mijn|mobiel\p{L}*|bereikbaar|telefoon\p{L}*|gsm\p{L}*)(?!\p{L})/iu],
  ['JP', /[\u3040-\u30FF]/u],
  ['SE', /(?<!\p{L})(?:på|hans|hennes|mitt|ring|mobilnummer|telefonnummer|nås)(?!\p{L})/iu],
  ['GB', /(?<!\p{L})(?:on|ring|mobile)(?!\p{L})/iu],
  ['BR', /(?<!\p{L})(?:celular|whatsapp)(?!\p{L})/iu],
];

/** A trunk 0, a bracketed area code, or nine or ten digits starting 3 to 9 (ES, PT, IT mobiles). */
const NATIONAL_SHAPE = /^(?:0\d|\()|^[3-9](?:[ .-]?\d){8,9}$/;

export interface NationalPhone {
  startsAt: number;
  endsAt: number;
  /** E.164 form, the finding's identity. */
  number: string;
}

/**
 * The reading of `raw` valid in one of the corpus countries, if `raw` looks national: countries
 * whose words are in `context` (the text around it) first, so the identity has the right +code.
 */
export function nationalPhone(raw: string, context: string): NationalPhone | undefined {
  if (!NATIONAL_SHAPE.test(raw)) return undefined;
  const hinted = COUNTRIES.filter(([, words]) => words.test(context));
  const others = COUNTRIES.filter((entry) => !hinted.includes(entry));
  for (const [country] of [...hinted, ...others]) {
    const phone = findPhoneNumbersInText(raw, { defaultCountry: country }).find((p) => p.number.isValid());
    if (phone) return { startsAt: phone.startsAt, endsAt: phone.endsAt, number: phone.number.number };
  }
  return undefined;
}
