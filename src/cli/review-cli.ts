import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { findCampaign } from '../governance/reviews/review-queries.js';
import { reportCsv, reportJson, reviewReport } from '../governance/reviews/review-report.js';
import { CliUsageError, EXIT, type CliCommand } from './cli-context.js';

/**
 * `review report <campaign> [--out <dir>]`: writes the campaign's decisions as
 * `review-<id>.csv` and `review-<id>.json` (for auditors) and prints where.
 * `--stdout csv|json` prints one of them instead.
 */
export const reviewCli: CliCommand = {
  summary: "Export an access review's decisions (CSV and JSON) for auditors.",
  usage: ['review report <campaign id> [--out <directory>] [--stdout csv|json]'],
  async run(args, { io, services }) {
    const [verb, reference, ...options] = args;
    if (verb !== 'report' || reference === undefined)
      throw new CliUsageError('Say which campaign to report.');
    let out = '.';
    let stdout: 'csv' | 'json' | undefined;
    for (let i = 0; i < options.length; i += 2) {
      const [flag, value] = [options[i], options[i + 1]];
      if (value === undefined) throw new CliUsageError(`${flag} needs a value.`);
      if (flag === '--out') out = value;
      else if (flag === '--stdout' && (value === 'csv' || value === 'json')) stdout = value;
      else throw new CliUsageError(`Unknown option ${flag} ${value}.`);
    }
    const { governance } = await services();
    const campaign = await findCampaign(governance, reference);
    const report = await reviewReport(governance.db, campaign);
    if (stdout === 'csv') io.stdout(reportCsv(report));
    else if (stdout === 'json') io.stdout(reportJson(report));
    else {
      await mkdir(out, { recursive: true });
      const base = path.join(out, `review-${campaign.id}`);
      await writeFile(`${base}.csv`, reportCsv(report));
      await writeFile(`${base}.json`, reportJson(report));
      io.stdout(`${report.rows.length} rows\n${base}.csv\n${base}.json\n`);
    }
    return EXIT.ok;
  },
};
