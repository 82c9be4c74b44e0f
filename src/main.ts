import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from './config/config.js';
import { secretsOf } from './config/config-secrets.js';
import { loadInjectionClassifier } from './config/load-injection-classifier.js';
import { PolicyFileError } from './access/policy/load-policy-file.js';
import { CostConfigError } from './cost/config/load-cost-config.js';
import { createLogger } from './logging/logger.js';
import { AppRuntime, type Role } from './runtime/app-runtime.js';
import { ListenError } from './runtime/http-server.js';

const ROLES: readonly Role[] = ['all', 'web', 'worker'];

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { role: { type: 'string', default: process.env.ROLE ?? 'all' } } });
  const role = values.role as Role;
  if (!ROLES.includes(role)) {
    process.stderr.write(`Unknown --role "${values.role}": use one of ${ROLES.join(', ')}\n`);
    process.exit(2);
  }
  let config;
  try {
    config = loadConfig(process.env);
    await loadInjectionClassifier(config);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const log = createLogger({ level: config.logLevel, secrets: secretsOf(config) });
  if (config.agentScan.injectionClassifier) {
    const { modelPath, threshold } = config.agentScan.injectionClassifier;
    log.info({ modelPath, threshold }, 'injection classifier loaded');
  }
  // A rejected promise nobody awaited is a bug worth a log line, not a reason to drop every
  // request in flight; an exception that unwound the stack leaves state unknown: exit, and let
  // the orchestrator start a clean process.
  process.on('unhandledRejection', (reason) => {
    log.error({ err: reason }, 'unhandled promise rejection; continuing');
  });
  process.on('uncaughtException', (error, origin) => {
    log.fatal({ err: error, origin }, 'uncaught exception; state unknown, exiting');
    process.exit(1);
  });
  // Listen from the start: a signal that arrives while workers are still starting (the web role
  // may already answer /readyz) stops the runtime as soon as it is up, instead of killing it.
  let handleSignal: (signal: NodeJS.Signals) => void = (signal) => {
    pendingSignal ??= signal;
  };
  let pendingSignal: NodeJS.Signals | undefined;
  process.on('SIGTERM', (signal) => handleSignal(signal));
  process.on('SIGINT', (signal) => handleSignal(signal));
  let runtime: AppRuntime;
  try {
    runtime = await AppRuntime.start({
      config,
      log,
      role,
      policyRequired: process.env.POLICY_FILE !== undefined,
      costConfigRequired: process.env.COST_CONFIG_FILE !== undefined,
    });
  } catch (error) {
    if (
      error instanceof PolicyFileError ||
      error instanceof CostConfigError ||
      error instanceof ListenError
    ) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    log.fatal({ err: error }, 'start-up failed');
    process.exit(1);
  }
  log.info({ role }, 'databricks-chatops started');
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      log.info({ signal }, 'signal received while stopping; still stopping');
      return;
    }
    stopping = true;
    log.info({ signal }, 'signal received');
    const hardStop = setTimeout(() => {
      log.error('shutdown took too long; exiting');
      process.exit(1);
    }, config.shutdownTimeoutMs + 1_500);
    hardStop.unref();
    runtime.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error({ err: error }, 'error during shutdown');
        process.exit(1);
      },
    );
  };
  handleSignal = onSignal;
  if (pendingSignal) onSignal(pendingSignal);
}

await main();
