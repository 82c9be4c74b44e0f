import { readFile } from 'node:fs/promises';
import type { CliIo } from './cli-context.js';
import { CliUsageError } from './cli-context.js';

/**
 * The client secret, from a file (`-` for stdin) or an environment variable: never from the
 * command line, where it would land in shell history and process listings.
 */
export async function readClientSecret(
  io: CliIo,
  options: { file?: string | undefined; env?: string | undefined },
): Promise<string> {
  if ((options.file === undefined) === (options.env === undefined)) {
    throw new CliUsageError(
      'Give the client secret with exactly one of --client-secret-file or --client-secret-env.',
    );
  }
  let secret: string;
  if (options.env !== undefined) {
    const value = io.env[options.env];
    if (value === undefined || value === '')
      throw new CliUsageError(`The environment variable ${options.env} is not set.`);
    secret = value;
  } else if (options.file === '-') {
    const chunks: Buffer[] = [];
    for await (const chunk of io.stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
    secret = Buffer.concat(chunks).toString('utf8');
  } else {
    try {
      secret = await readFile(options.file!, 'utf8');
    } catch {
      throw new CliUsageError(`Cannot read the client secret file ${options.file}.`);
    }
  }
  return secret.replace(/\r?\n$/, '');
}

/** Refuses `--client-secret` in any form before anything else looks at the arguments. */
export function refuseSecretArgument(args: string[]): void {
  if (args.some((arg) => arg === '--client-secret' || arg.startsWith('--client-secret='))) {
    throw new CliUsageError(
      'The client secret is never taken as an argument (it would land in shell history). ' +
        'Use --client-secret-file <path> (- for stdin) or --client-secret-env <VARIABLE>.',
    );
  }
}
