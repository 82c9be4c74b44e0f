import type { BudgetRule } from '../config/cost-config.js';
import { basisLabel } from '../contract-discount.js';
import { provisionalSince, type CostDeps } from '../cost-deps.js';
import { formatPercent, moneyIn } from '../money.js';
import { firstRolledUpDay, mainCurrency } from '../report/cost-sums.js';
import { shortDate } from '../report/period-text.js';
import { addDays, dayOf, firstDayOfMonth, lastDayOfMonth, startOfDay, type UsageDay } from '../usage-day.js';
import type { AlertCondition } from './alert-condition.js';
import type { RuleContext } from './evaluate-cost-alerts.js';
import { scopeTargets, type ScopeTarget } from './alert-scopes.js';
import { dailySpendOfTargets } from './target-spend.js';
import { budgetLevel, budgetSeverity, budgetStanding } from './budget-check.js';
import { dayBudgetIsPassed, forecastMonthEnd } from './month-end-forecast.js';

interface BudgetPeriod {
  key: string;
  name: string;
  from: UsageDay;
  to: UsageDay;
  /** Still running: a forecast makes sense. */
  current: boolean;
}

const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** The periods to evaluate: this one, and the one before while its last figures may still arrive. */
function budgetPeriods(rule: BudgetRule, now: Date): BudgetPeriod[] {
  const today = dayOf(now);
  if (rule.period === 'day') {
    // Earlier days stay evaluated until their figures are final.
    const days = [today, addDays(today, -1), addDays(today, -2)];
    return days.map((day) => ({
      key: day,
      name: shortDate(startOfDay(day)),
      from: day,
      to: day,
      current: day === today,
    }));
  }
  // The month before stays evaluated for two days: its last figures arrive, then become final.
  const months = [today, dayOf(new Date(now.getTime() - 48 * 3_600_000))]
    .map(firstDayOfMonth)
    .filter((m, i, all) => all.indexOf(m) === i);
  return months.map((first) => ({
    key: first.slice(0, 7),
    name: `${MONTH_NAMES[Number(first.slice(5, 7)) - 1]} ${first.slice(0, 4)}`,
    from: first,
    to: first === firstDayOfMonth(today) ? today : lastDayOfMonth(first),
    current: first === firstDayOfMonth(today),
  }));
}

/** Budget conditions for every target and period of a rule. */
export async function budgetConditions(
  deps: CostDeps,
  rule: BudgetRule,
  context: RuleContext,
): Promise<AlertCondition[]> {
  const now = deps.clock.now();
  const today = dayOf(now);
  // A new rule starts with the period running when it was added, unless it asks to backfill.
  const started = dayOf(context.firstEvaluatedAt);
  const periods = budgetPeriods(rule, now).filter((p) => rule.backfill || p.current || p.to >= started);
  if (periods.length === 0) return [];
  const historyFrom = addDays(periods.at(-1)!.from, -35);
  const targets = await scopeTargets(deps, rule.scope, { from: historyFrom, to: today });
  const currency = await mainCurrency(deps.db);
  const dataFrom = (await firstRolledUpDay(deps.db)) ?? today;
  const spendOf = await dailySpendOfTargets(deps, targets, { from: historyFrom, to: today });
  const conditions: AlertCondition[] = [];
  for (const target of targets) {
    const spend = spendOf.get(target.scopeKey) ?? new Map<UsageDay, number>();
    for (const period of periods) {
      conditions.push(budgetCondition(deps, rule, target, period, spend, { currency, dataFrom, now }));
    }
  }
  return conditions;
}

function budgetCondition(
  deps: CostDeps,
  rule: BudgetRule,
  target: ScopeTarget,
  period: BudgetPeriod,
  spend: ReadonlyMap<UsageDay, number>,
  context: { currency: string; dataFrom: UsageDay; now: Date },
): AlertCondition {
  const today = dayOf(context.now);
  const provisionalFrom = dayOf(provisionalSince(context.now));
  let actual = 0;
  for (const [day, amount] of spend) if (day >= period.from && day <= period.to) actual += amount;
  const forecast =
    rule.period === 'month' && period.current
      ? forecastMonthEnd({ dailySpend: spend, today, provisionalFrom, dataFrom: context.dataFrom })
      : undefined;
  const standing = budgetStanding(rule, actual, forecast?.total);
  const money = moneyIn([actual, rule.amount, ...(forecast ? [forecast.total] : [])], context.currency);
  const provisional = period.to >= provisionalFrom;
  const passDay = forecast && standing.forecastExceeds ? dayBudgetIsPassed(forecast, rule.amount) : undefined;
  const what = `${target.label}'s ${rule.period === 'month' ? `${period.name}` : `daily (${period.name})`} budget of ${money(rule.amount)}`;
  let title: string;
  const body: string[] = [];
  if (standing.thresholdReached >= 100) {
    title = `${capitalise(target.label)} has passed its budget for ${period.name}${provisional ? ' (provisional figures)' : ''}`;
    body.push(`Spent ${money(actual)} of ${what} (${formatPercent(standing.percentUsed)}).`);
    if (provisional) {
      body.push(
        'These figures include the last 24 hours, which are still arriving (and may be corrected): the budget is passed on the figures so far, not finally.',
      );
    }
  } else if (standing.thresholdReached > 0) {
    title = `${capitalise(target.label)} has used ${formatPercent(standing.percentUsed)} of its budget for ${period.name}`;
    body.push(`Spent ${money(actual)} of ${what} (${formatPercent(standing.percentUsed)}).`);
  } else {
    title = `${capitalise(target.label)} is on course to pass its budget for ${period.name}${passDay ? ` on ${shortDate(startOfDay(passDay))}` : ''}`;
    body.push(
      `Spent ${money(actual)} of ${what} so far; at the usual pace for each weekday the month ends at ${money(forecast?.total ?? actual)}.`,
    );
  }
  const fields = [
    {
      label: 'Spent',
      value: `${money(actual)} (${formatPercent(standing.percentUsed)})${provisional ? ', provisional' : ''}`,
    },
    { label: 'Budget', value: `${money(rule.amount)} (${rule.period === 'month' ? 'monthly' : 'daily'})` },
  ];
  if (forecast) fields.push({ label: 'Month-end forecast', value: money(forecast.total) });
  if (passDay) fields.push({ label: 'Passes the budget on', value: shortDate(startOfDay(passDay)) });
  fields.push({ label: 'Prices', value: basisLabel(deps.config.basis) });
  return {
    scopeKey: target.scopeKey,
    scopeLabel: target.label,
    periodKey: period.key,
    level: budgetLevel(standing),
    severity: budgetSeverity(standing),
    provisional,
    ...(target.workspace ? { workspace: target.workspace } : {}),
    title,
    body,
    fields,
  };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
