import { Writable } from 'node:stream';
import { ConfigError, loadConfig } from '../config/config.js';
import { DomainError } from '../errors/domain-errors.js';
import { createLogger, type Logger } from '../logging/logger.js';
import type { Clock } from '../ports/clock.js';
import type { WorkspaceApiFactory } from '../ports/databricks-workspace.js';
import { openCliServices } from '../runtime/cli-services.js';
import type { Services } from '../services.js';
import { CLI_COMMANDS } from './cli-commands.js';
import { CliUsageError, EXIT, type CliIo } from './cli-context.js';

/** Test seams: the emulator's client factory, a manual clock. */
export interface CliOverrides {
  workspaces?: WorkspaceApiFactory;
  clock?: Clock;
}

function help(): string {
  const lines = ['Usage: npm run cli -- <command> …', ''];
  for (const [name, command] of Object.entries(CLI_COMMANDS)) {
    lines.push(`${name}: ${command.summary}`, ...command.usage.map((usage) => `  ${usage}`), '');
  }
  return `${lines.join('\n')}\n`;
}

/** Logs go to stderr (warnings only unless LOG_LEVEL is set), so stdout carries only results. */
function cliLogger(io: CliIo, level: string): Logger {
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      io.stderr(chunk.toString());
      callback();
    },
  });
  return createLogger({ level, name: 'databricks-chatops-cli' }, stream);
}

/** Runs one CLI command; returns the exit code. Exported so tests run it in-process. */
export async function runCli(argv: string[], io: CliIo, overrides: CliOverrides = {}): Promise<number> {
  const [name, ...args] = argv;
  const command = name === undefined ? undefined : CLI_COMMANDS[name];
  if (!command) {
    io.stderr(
      name && !['help', '--help', '-h'].includes(name) ? `Unknown command "${name}".\n${help()}` : help(),
    );
    return name && !['help', '--help', '-h'].includes(name) ? EXIT.usage : EXIT.ok;
  }
  let opened: { services: Services; close(): Promise<void> } | undefined;
  try {
    const services = async () => {
      if (!opened) {
        const config = loadConfig(io.env);
        const log = cliLogger(io, io.env.LOG_LEVEL ? config.logLevel : 'warn');
        opened = await openCliServices({ config, log, ...overrides });
      }
      return opened.services;
    };
    return await command.run(args, { io, services });
  } catch (error) {
    if (error instanceof CliUsageError) {
      io.stderr(`${error.message}\n\nUsage:\n${command.usage.map((usage) => `  ${usage}`).join('\n')}\n`);
      return EXIT.usage;
    }
    if (error instanceof ConfigError) {
      io.stderr(`${error.message}\n`);
      return EXIT.refused;
    }
    if (error instanceof DomainError) {
      io.stderr(`${error.userMessage}\n`);
      return EXIT.refused;
    }
    io.stderr(`Failed: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT.refused;
  } finally {
    await opened?.close();
  }
}
