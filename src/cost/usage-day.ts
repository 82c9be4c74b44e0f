/** Billing days are UTC dates, written `YYYY-MM-DD` like `usage_date`. */
export type UsageDay = string;

const DAY_MS = 86_400_000;

export function dayOf(at: Date): UsageDay {
  return at.toISOString().slice(0, 10);
}

export function startOfDay(day: UsageDay): Date {
  return new Date(`${day}T00:00:00Z`);
}

export function addDays(day: UsageDay, days: number): UsageDay {
  return dayOf(new Date(startOfDay(day).getTime() + days * DAY_MS));
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(day: UsageDay): number {
  return startOfDay(day).getUTCDay();
}

export function monthOf(day: UsageDay): string {
  return day.slice(0, 7);
}

export function firstDayOfMonth(day: UsageDay): UsageDay {
  return `${day.slice(0, 7)}-01`;
}

export function lastDayOfMonth(day: UsageDay): UsageDay {
  const first = startOfDay(firstDayOfMonth(day));
  return dayOf(new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)));
}

/** Every day from `from` to `to`, both included. */
export function daysBetween(from: UsageDay, to: UsageDay): UsageDay[] {
  const days: UsageDay[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) days.push(day);
  return days;
}

export function startOfHour(at: Date): Date {
  return new Date(Math.floor(at.getTime() / 3_600_000) * 3_600_000);
}
