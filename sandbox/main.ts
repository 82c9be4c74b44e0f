/** `npm run sandbox`: the whole bot with a browser chat console at http://localhost:3000/sandbox. */
import { createLogger } from '../src/logging/logger.js';
import { ListenError } from '../src/runtime/http-server.js';
import { SandboxRefused, startSandbox, type Sandbox } from './start-sandbox.js';

const log = createLogger({ level: 'info' });
/** A stop that hangs (a stuck connection) must not keep the terminal: exit after this long. */
const STOP_TIMEOUT_MS = 20_000;

let sandbox: Sandbox | undefined;
let stopping: Promise<void> | undefined;
let signalled: NodeJS.Signals | undefined;

// Listening for every signal (process.on, not once): a second Ctrl-C while stopping must not kill
// the process halfway through removing its emulator database and temp folder.
const onSignal = (signal: NodeJS.Signals) => {
  if (stopping || signalled) {
    log.info({ signal }, 'signal received while stopping; still cleaning up');
    return;
  }
  signalled = signal;
  log.info({ signal }, 'signal received; stopping the sandbox');
  if (sandbox) stopAndExit(sandbox);
  // Otherwise start-up is still running: the sandbox stops as soon as it is up (see below).
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

function stopAndExit(running: Sandbox): void {
  setTimeout(() => {
    log.error('the sandbox took too long to stop; exiting (the next start removes what is left)');
    process.exit(1);
  }, STOP_TIMEOUT_MS).unref();
  stopping = running.stop().then(
    () => process.exit(0),
    (error: unknown) => {
      log.error({ err: error }, 'error while stopping the sandbox');
      process.exit(1);
    },
  );
}

try {
  sandbox = await startSandbox({
    log,
    nodeEnv: process.env.NODE_ENV,
    port: Number(process.env.PORT ?? 3000),
    // Only the sandbox's own database and queue prefix can be moved (tests, a second checkout).
    ...(process.env.SANDBOX_DATABASE_URL ? { databaseUrl: process.env.SANDBOX_DATABASE_URL } : {}),
    ...(process.env.SANDBOX_QUEUE_PREFIX ? { queuePrefix: process.env.SANDBOX_QUEUE_PREFIX } : {}),
    onConsoleOpen: (url) => log.info({ url }, `sandbox console at ${url} (loading demo data…)`),
  });
  if (signalled) stopAndExit(sandbox);
  else log.info({ url: sandbox.url }, `sandbox ready: open ${sandbox.url}`);
} catch (error) {
  if (error instanceof SandboxRefused || error instanceof ListenError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  log.fatal({ err: error }, 'sandbox start-up failed');
  process.exit(1);
}
