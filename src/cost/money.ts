/** Amounts as people read them: `$1,234.56`, `€80.00`, `1,234.56 CHF`. */
const SYMBOLS: Record<string, string> = { USD: '$', EUR: '€', GBP: '£', JPY: '¥' };

export function formatAmount(value: number, currency: string): string {
  const rounded = Math.abs(value) >= 1000 ? Math.round(value) : Math.round(value * 100) / 100;
  const digits = Math.abs(value) >= 1000 ? 0 : 2;
  const text = Math.abs(rounded).toLocaleString('en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
  const sign = rounded < 0 ? '−' : '';
  const symbol = SYMBOLS[currency];
  return symbol ? `${sign}${symbol}${text}` : `${sign}${text} ${currency}`;
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
