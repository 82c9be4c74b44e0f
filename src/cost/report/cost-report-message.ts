import { userText, type ChatMessage } from '../../messages/chat-message.js';
import { basisLabel } from '../contract-discount.js';
import { dimensionLabel } from '../cost-dimensions.js';
import { formatChange, moneyIn } from '../money.js';
import type { CostReport } from './cost-report.js';
import { periodDates, periodName, utcTime } from './period-text.js';

/** The report's title, also the chart's. */
export function costReportTitle(report: CostReport): string {
  const where = report.workspace ? ` in ${report.workspace.name}` : '';
  return `Cost ${periodName(report.period)} by ${dimensionLabel(report.dimension)}${where}`;
}

export function provisionalNote(since: Date): string {
  return `Figures since ${utcTime(since)} are provisional: billing records arrive up to about 12 hours late.`;
}

/** The chat answer to `cost …`: totals, the top ten with their change, and what the figures mean. */
export function costReportMessage(report: CostReport): ChatMessage {
  const money = moneyIn(
    [report.total, report.previousTotal, report.rest.amount, ...report.top.flatMap((line) => [line.amount])],
    report.currency,
  );
  const provisional = report.provisionalSince !== undefined;
  const lines = report.top.map(
    (line, index) =>
      `${index + 1}. ${userText(line.label)} — ${money(line.amount)} (${formatChange(line.amount, line.previous)})`,
  );
  if (report.rest.count > 0) {
    lines.push(
      `…and ${report.rest.count} more — ${money(report.rest.amount)} (${formatChange(report.rest.amount, report.rest.previous)})`,
    );
  }
  const context = [
    `${periodDates(report.period)} · ${basisLabel(report.basis)}, net of corrections · change against the ${periodName(report.period)} before`,
  ];
  if (report.provisionalSince) context.push(provisionalNote(report.provisionalSince));
  if (report.otherCurrencies.length > 0)
    context.push(`Usage billed in ${report.otherCurrencies.join(', ')} is not included.`);
  if (report.unpricedQuantity > 0) {
    context.push(
      `${report.unpricedQuantity.toFixed(2)} units of usage had no list price and are not included.`,
    );
  }
  return {
    kind: 'cost.report',
    title: `${costReportTitle(report)}: ${money(report.total)}${provisional ? ' (provisional)' : ''}`,
    body: lines.length > 0 ? lines : ['No usage was collected for this period.'],
    fields: [
      { label: 'Total', value: `${money(report.total)}${provisional ? ' (provisional)' : ''}` },
      { label: 'Previous period', value: money(report.previousTotal) },
      { label: 'Change', value: formatChange(report.total, report.previousTotal) },
      { label: 'Prices', value: report.basis === 'contract' ? 'contract' : 'list' },
    ],
    context,
  };
}

/** What the chart of a report shows: its top lines, this period against the previous one. */
export function costChartInput(report: CostReport) {
  return {
    title: `${costReportTitle(report)} (${report.basis}${report.provisionalSince ? ', provisional' : ''})`,
    currency: report.currency,
    bars: report.top.map((line) => ({ label: line.label, amount: line.amount, previous: line.previous })),
  };
}

/** A file name for the chart: `cost-7d-by-workspace.png`. */
export function costChartFileName(report: CostReport): string {
  return `cost-${report.period.name}-by-${report.dimension.replace(/[^a-z0-9]+/gi, '-')}.png`.toLowerCase();
}
