/** `npm run sandbox`: the whole bot with a browser chat console at http://localhost:3000/sandbox. */
import { createLogger } from '../src/logging/logger.js';
import { SandboxRefused, startSandbox } from './start-sandbox.js';

const log = createLogger({ level: 'info' });
try {
  const sandbox = await startSandbox({
    log,
    nodeEnv: process.env.NODE_ENV,
    port: Number(process.env.PORT ?? 3000),
  });
  log.info({ url: sandbox.url }, `sandbox ready: open ${sandbox.url}`);
  const stop = () => {
    void sandbox.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  if (error instanceof SandboxRefused) {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  log.fatal({ err: error }, 'sandbox start-up failed');
  process.exit(1);
}
