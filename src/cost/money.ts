/** Amounts as people read them: `$1,234.56`, `€80.00`, `1,234.56 CHF`. */
const SYMBOLS: Record<string, string> = { USD: '$', EUR: '€', GBP: '£', JPY: '¥' };

export function formatAmount(
  value: number,
  currency: string,
  digits: 0 | 2 = Math.abs(value) >= 1000 ? 0 : 2,
): string {
  const rounded = digits === 0 ? Math.round(value) : Math.round(value * 100) / 100;
  const text = Math.abs(rounded).toLocaleString('en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
  const sign = rounded < 0 ? '−' : '';
  const symbol = SYMBOLS[currency];
  return symbol ? `${sign}${symbol}${text}` : `${sign}${text} ${currency}`;
}

/**
 * One precision for every amount in a message, so `$2,349` never stands next to `$820.32`:
 * whole units when any of `amounts` is 1,000 or more, cents otherwise.
 */
export function moneyIn(amounts: Iterable<number>, currency: string): (value: number) => string {
  let digits: 0 | 2 = 2;
  for (const amount of amounts) if (Math.abs(amount) >= 999.995) digits = 0;
  return (value) => formatAmount(value, currency, digits);
}

/** Change from `before` to `now`: `+12%`, `−5%`, `new` (nothing before), `±0%`. */
export function formatChange(now: number, before: number): string {
  if (Math.abs(before) < 0.005) return Math.abs(now) < 0.005 ? '±0%' : 'new';
  const percent = ((now - before) / Math.abs(before)) * 100;
  const rounded = Math.round(percent);
  if (rounded === 0) return '±0%';
  return rounded > 0 ? `+${rounded}%` : `−${Math.abs(rounded)}%`;
}

export function formatPercent(value: number): string {
  return `${Math.round(value)}%`;
}
