import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from './config/config.js';
import { PolicyFileError } from './access/policy/load-policy-file.js';
import { createLogger } from './logging/logger.js';
import { AppRuntime, type Role } from './runtime/app-runtime.js';

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
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const log = createLogger({ level: config.logLevel });
  let runtime: AppRuntime;
  try {
    runtime = await AppRuntime.start({
      config,
      log,
      role,
      policyRequired: process.env.POLICY_FILE !== undefined,
    });
  } catch (error) {
    if (error instanceof PolicyFileError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    log.fatal({ err: error }, 'start-up failed');
    process.exit(1);
  }
  log.info({ role }, 'databricks-chatops started');
  const onSignal = (signal: NodeJS.Signals) => {
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
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
}

await main();
