import type { ReportPeriod } from './report-period.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export function shortDate(at: Date): string {
  return `${at.getUTCDate()} ${MONTHS[at.getUTCMonth()]} ${at.getUTCFullYear()}`;
}

export function utcTime(at: Date): string {
  return `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** `last 7 days`, `month to date`, `last 24 hours`, ... */
export function periodName(period: ReportPeriod): string {
  const count = Number.parseInt(period.name, 10);
  if (period.name.endsWith('h')) return count === 1 ? 'last hour' : `last ${count} hours`;
  if (/^\d+d$/.test(period.name)) return count === 1 ? 'today' : `last ${count} days`;
  const names: Record<string, string> = {
    today: 'today',
    yesterday: 'yesterday',
    mtd: 'month to date',
    'last-month': 'last month',
  };
  return names[period.name] ?? period.name;
}

/** The dates a period covers: `17 Nov 2026 – 23 Nov 2026`, or one date, or hours. */
export function periodDates(period: ReportPeriod): string {
  if (period.grain === 'hour') return `${utcTime(period.current.start)} – ${utcTime(period.current.end)}`;
  const last = new Date(period.current.end.getTime() - 86_400_000);
  const first = shortDate(period.current.start);
  return first === shortDate(last) ? first : `${first} – ${shortDate(last)}`;
}
