/**
 * The baseline for the ack benchmark: a Bolt app with nothing but a `/databricks` handler that
 * acknowledges, on the same receiver, body parsing and Node as the bot. Run as its own process by
 * bench/bare-bolt-process.ts; configured by PORT, SLACK_SIGNING_SECRET, SLACK_BOT_TOKEN and
 * SLACK_API_URL.
 */
import { App, ExpressReceiver, LogLevel } from '@slack/bolt';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};

const receiver = new ExpressReceiver({
  signingSecret: env('SLACK_SIGNING_SECRET'),
  endpoints: '/slack/events',
});
const app = new App({
  token: env('SLACK_BOT_TOKEN'),
  receiver,
  logLevel: LogLevel.ERROR,
  clientOptions: { slackApiUrl: env('SLACK_API_URL') },
});
app.command('/databricks', async ({ ack }) => {
  await ack();
});
receiver.router.get('/healthz', (_req, res) => {
  res.json({ status: 'ok' });
});
const server = receiver.app.listen(Number(env('PORT')), () => {
  process.stdout.write('bare bolt listening\n');
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));
