import { costAlertsOverview } from '../../../../src/cost/alerts/list-cost-alerts.js';
import { renderCostChartWithin } from '../../../../src/cost/report/cost-chart.js';
import { parseCostQuery } from '../../../../src/cost/report/cost-query.js';
import { costReport } from '../../../../src/cost/report/cost-report.js';
import {
  costChartInput,
  costReportMessage,
  costReportTitle,
} from '../../../../src/cost/report/cost-report-message.js';
import { jobRunCosts } from '../../../../src/cost/report/job-run-costs.js';
import { jobRunCostsMessage } from '../../../../src/cost/report/job-run-costs-message.js';
import { renderAdaptiveCard, textBlock } from '../../render/render-card.js';
import { reply } from '../../replies/teams-reply.js';
import type { TeamsCommand } from './teams-commands.js';

/** Teams refuses messages over about 28 KB; the chart gets what the card leaves, base64-encoded. */
const MESSAGE_BUDGET_BYTES = 26 * 1024;

/** `cost [period] [by dimension] [workspace:…]` or `cost job <id or name>`, with the chart in the card. */
export const costCommand: TeamsCommand = async ({ context, services }, parsed) => {
  const query = parseCostQuery(parsed.args, services.cost.config.rollupTags, services.clock.now());
  if (query.kind === 'job_runs') {
    await reply(context, jobRunCostsMessage(await jobRunCosts(services.cost, query)));
    return;
  }
  const report = await costReport(services.cost, query);
  const card = renderAdaptiveCard(costReportMessage(report));
  if (report.top.length === 0) {
    await reply(context, card);
    return;
  }
  const room = MESSAGE_BUDGET_BYTES - Buffer.byteLength(JSON.stringify(card)) - 400;
  const png =
    room > 4_000
      ? await renderCostChartWithin(costChartInput(report), Math.floor((room * 3) / 4))
      : undefined;
  card.body.push(
    png
      ? {
          type: 'Image',
          url: `data:image/png;base64,${png.toString('base64')}`,
          altText: `Bar chart: ${costReportTitle(report)}`,
          size: 'Stretch',
        }
      : textBlock('(The chart did not fit in a Teams message this time.)', { isSubtle: true, size: 'Small' }),
  );
  await reply(context, card);
};

/** `alerts`: the cost alert rules and the alerts still open. */
export const alertsCommand: TeamsCommand = async ({ context, services }) => {
  await reply(context, await costAlertsOverview(services.cost));
};
