import type { Services } from '../services.js';

/** Where a CLI command reads and writes: the process's streams, or a test's buffers. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Read fully by `--client-secret-file -`. */
  stdin: AsyncIterable<Buffer | string>;
  env: NodeJS.ProcessEnv;
}

export interface CliContext {
  io: CliIo;
  /** The bot's services, opened on first use (commands that need no database never open it). */
  services(): Promise<Services>;
}

/** One top-level CLI command (`connector`, …): returns the process exit code. */
export interface CliCommand {
  summary: string;
  usage: string[];
  run(args: string[], context: CliContext): Promise<number>;
}

export const EXIT = { ok: 0, refused: 1, usage: 2 } as const;

/** A mistake in the command line itself: printed with the command's usage, exit code 2. */
export class CliUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliUsageError';
  }
}
