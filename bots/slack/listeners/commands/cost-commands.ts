import { costAlertsOverview } from '../../../../src/cost/alerts/list-cost-alerts.js';
import { costReport } from '../../../../src/cost/report/cost-report.js';
import { parseCostQuery } from '../../../../src/cost/report/cost-query.js';
import {
  costChartFileName,
  costChartInput,
  costReportMessage,
  costReportTitle,
} from '../../../../src/cost/report/cost-report-message.js';
import { renderCostChart } from '../../../../src/cost/report/cost-chart.js';
import { jobRunCosts } from '../../../../src/cost/report/job-run-costs.js';
import { jobRunCostsMessage } from '../../../../src/cost/report/job-run-costs-message.js';
import { ephemeral, inChannel, slackReply } from '../../render/slack-reply.js';
import { replyOnError } from '../reply-on-error.js';
import type { CommandArgs, SubcommandHandler } from './databricks-command.js';

const CHART_WIDTH = 720;

/**
 * `/databricks cost [period] [by dimension] [workspace:…]` or `cost job <id or name>`:
 * acknowledged at once; the answer follows on the response_url, and the chart is uploaded to the
 * channel (files.uploadV2).
 */
export const costCommand: SubcommandHandler = async (args, parsed, services) => {
  await args.ack();
  await replyOnError(services.log, args.respond, async () => {
    const query = parseCostQuery(parsed.args, services.cost.config.rollupTags, services.clock.now());
    if (query.kind === 'job_runs') {
      const runs = await jobRunCosts(services.cost, query);
      await args.respond(inChannel(slackReply(jobRunCostsMessage(runs))));
      return;
    }
    const report = await costReport(services.cost, query);
    await args.respond(inChannel(slackReply(costReportMessage(report))));
    if (report.top.length > 0) await uploadChart(args, report, services.log);
  });
};

async function uploadChart(
  { client, command, respond }: CommandArgs,
  report: Awaited<ReturnType<typeof costReport>>,
  log: { warn: (details: object, message: string) => void },
): Promise<void> {
  const png = await renderCostChart(costChartInput(report), { width: CHART_WIDTH });
  try {
    await client.filesUploadV2({
      channel_id: command.channel_id,
      file: png,
      filename: costChartFileName(report),
      title: costReportTitle(report),
      alt_text: `Bar chart: ${costReportTitle(report)}`,
    });
  } catch (error) {
    const reason = (error as { data?: { error?: string } }).data?.error ?? 'an error';
    log.warn({ err: error, channel: command.channel_id }, 'could not upload the cost chart');
    await respond(
      ephemeral(
        slackReply(
          `I could not attach the chart here (Slack said ${reason}). Invite me to this channel to get charts.`,
        ),
      ),
    );
  }
}

/** `/databricks alerts`: the cost alert rules and the alerts still open. */
export const alertsCommand: SubcommandHandler = async ({ ack, respond }, _parsed, services) => {
  await ack();
  await replyOnError(services.log, respond, async () => {
    await respond(ephemeral(slackReply(await costAlertsOverview(services.cost))));
  });
};
