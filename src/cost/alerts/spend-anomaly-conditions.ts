import type { SpendAnomalyRule } from '../config/cost-config.js';
import { basisLabel } from '../contract-discount.js';
import { provisionalSince, type CostDeps } from '../cost-deps.js';
import { formatPercent, moneyIn } from '../money.js';
import { firstRolledUpDay, mainCurrency } from '../report/cost-sums.js';
import { shortDate } from '../report/period-text.js';
import { addDays, dayOf, startOfDay, type UsageDay } from '../usage-day.js';
import type { AlertCondition } from './alert-condition.js';
import type { RuleContext } from './evaluate-cost-alerts.js';
import { scopeTargets } from './alert-scopes.js';
import { dailySpendOfTargets } from './target-spend.js';
import { checkSpendAnomaly } from './spend-anomaly.js';
import { topContributors } from './spend-contributors.js';

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/**
 * Spend anomaly conditions: today's spend so far and yesterday's, per target, against the same
 * weekday of the rule's last `weeks` weeks (days before the first collected usage are unknown
 * and left out of the baseline).
 */
export async function spendAnomalyConditions(
  deps: CostDeps,
  rule: SpendAnomalyRule,
  context: RuleContext,
): Promise<AlertCondition[]> {
  const now = deps.clock.now();
  const today = dayOf(now);
  // A new rule starts with the day it was added, unless it asks to backfill.
  const days = [addDays(today, -1), today].filter(
    (day) => rule.backfill || day >= dayOf(context.firstEvaluatedAt),
  );
  const from = addDays(today, -1 - 7 * rule.weeks);
  const dataFrom = (await firstRolledUpDay(deps.db)) ?? today;
  const targets = await scopeTargets(deps, rule.scope, { from, to: today });
  const currency = await mainCurrency(deps.db);
  const provisionalFrom = dayOf(provisionalSince(now));
  const spendOf = await dailySpendOfTargets(deps, targets, { from, to: today });
  const conditions: AlertCondition[] = [];
  for (const target of targets) {
    const spend = spendOf.get(target.scopeKey) ?? new Map<UsageDay, number>();
    for (const day of days) {
      const baselineDays = Array.from({ length: rule.weeks }, (_, w) => addDays(day, -7 * (w + 1))).filter(
        (d) => d >= dataFrom,
      );
      const amount = spend.get(day) ?? 0;
      const check = checkSpendAnomaly(
        rule,
        amount,
        baselineDays.map((d) => spend.get(d) ?? 0),
      );
      const provisional = day >= provisionalFrom;
      const dayName = `${WEEKDAYS[startOfDay(day).getUTCDay()]} ${shortDate(startOfDay(day))}`;
      const condition: AlertCondition = {
        scopeKey: target.scopeKey,
        scopeLabel: target.label,
        periodKey: day,
        level: check.anomalous ? 1 : 0,
        severity: check.increasePercent >= 200 ? 'critical' : 'warning',
        provisional,
        ...(target.workspace ? { workspace: target.workspace } : {}),
        title: `Unusual spend in ${target.label} on ${dayName}`,
        body: [],
        fields: [],
      };
      if (check.anomalous) {
        const contributors = await topContributors(deps, target, day, baselineDays);
        const money = moneyIn(
          [
            amount,
            check.median,
            check.increase,
            check.mad,
            ...contributors.flatMap((c) => [c.amount, c.increase]),
          ],
          currency,
        );
        // "So far" only while the day is not over; provisional while its figures still arrive.
        const soFar = day === today ? ' so far' : '';
        const increase = Number.isFinite(check.increasePercent)
          ? `+${formatPercent(check.increasePercent)}`
          : 'new';
        condition.body.push(
          `${money(amount)}${soFar}${provisional ? ' (provisional)' : ''} against a usual ${money(check.median)} on ${WEEKDAYS[startOfDay(day).getUTCDay()]}s (median of the last ${baselineDays.length}): ${increase}, ${money(check.increase)} more.`,
        );
        if (contributors.length > 0) {
          condition.body.push(
            `Top contributors: ${contributors.map((c) => `${c.label} ${money(c.amount)} (+${money(c.increase)})`).join('; ')}.`,
          );
        }
        condition.fields.push(
          { label: 'Spend', value: `${money(amount)}${provisional ? ' (provisional)' : ''}` },
          { label: 'Usual', value: `${money(check.median)} ± ${money(check.mad)} (median ± MAD)` },
          { label: 'Prices', value: basisLabel(deps.config.basis) },
        );
      }
      conditions.push(condition);
    }
  }
  return conditions;
}
