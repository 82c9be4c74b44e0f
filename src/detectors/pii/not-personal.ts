/**
 * Values shaped like personal data that are not anyone's: published test card numbers, sample
 * SSNs and IBANs from documentation, reserved and placeholder e-mail domains (RFC 2606 and RFC
 * 6761), and non-public IP ranges (RFC 1918 private, loopback, link-local, RFC 5737 / RFC 3849
 * documentation).
 */
const TEST_CARDS = new Set([
  '4111111111111111',
  '4242424242424242',
  '4012888888881881',
  '4222222222222',
  '4000056655665556',
  '4000000000000002',
  '4000000000000077',
  '4000002500003155',
  '4000000000003220',
  '4000000000009995',
  '5555555555554444',
  '5105105105105100',
  '5200828282828210',
  '2223003122003222',
  '2222400070000005',
  '378282246310005',
  '371449635398431',
  '378734493671000',
  '6011111111111117',
  '6011000990139424',
  '3530111333300000',
  '3566002020360505',
  '30569309025904',
  '38520000023237',
  '36227206271667',
  '6200000000000005',
  '4917610000000000',
  '4988438843884305',
  '5454545454545454',
  '4444333322221111',
]);

export function isTestCard(digits: string): boolean {
  return TEST_CARDS.has(digits);
}

const SAMPLE_IDS = new Set(['078051120', '219099999', '123456789', '987654320']);
const SAMPLE_IBANS = new Set([
  'DE89370400440532013000',
  'GB82WEST12345698765432',
  'GB29NWBK60161331926819',
  'FR1420041010050500013M02606',
  'NL91ABNA0417164300',
]);

export function isSampleId(compact: string): boolean {
  return SAMPLE_IDS.has(compact.replace(/\D/g, '')) && compact.replace(/\D/g, '').length === 9;
}

export function isSampleIban(compact: string): boolean {
  return SAMPLE_IBANS.has(compact);
}

const RESERVED_TLDS = /\.(?:example|test|invalid|localhost|local|internal|lan)$/;
const RESERVED_DOMAINS =
  /(?:^|\.)(?:example\.(?:com|org|net)|yourcompany\.com|your-?domain\.(?:com|org)|company\.com|domain\.com|mycompany\.com|acme-corp\.example)$/;

/** Mailboxes of a function, not a person (RFC 2142 and common practice). */
const ROLE_MAILBOXES =
  /^(?:alerts?|no-?reply|do-?not-?reply|donotreply|support|info|admin|postmaster|hostmaster|webmaster|abuse|security|billing|sales|help|helpdesk|ops|noc|team|notifications?|mailer-daemon)$/i;

export function isRoleMailbox(localPart: string): boolean {
  return ROLE_MAILBOXES.test(localPart);
}

export function isReservedDomain(domain: string): boolean {
  return RESERVED_TLDS.test(domain) || RESERVED_DOMAINS.test(domain);
}

/** Private, loopback, link-local, CGNAT, multicast and documentation IPv4 ranges. */
export function isNonPublicIpv4(address: string): boolean {
  const [a, b, c] = address.split('.').map(Number) as [number, number, number];
  return (
    a === 0 ||
    a === 10 ||
    a === 127 ||
    a >= 224 ||
    (a === 169 && b === 254) ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 100 && b >= 64 && b <= 127) ||
    (a === 192 && b === 0 && c === 2) ||
    (a === 198 && b === 51 && c === 100) ||
    (a === 203 && b === 0 && c === 113) ||
    (a === 198 && (b === 18 || b === 19))
  );
}

export function isNonPublicIpv6(address: string): boolean {
  const lower = address.toLowerCase();
  return (
    lower === '::1' || lower.startsWith('2001:db8:') || lower.startsWith('fe80:') || /^f[cd]/.test(lower)
  );
}
