/**
 * The Databricks workspace emulator in a child process of its own, over an existing emulator
 * database: a stand-in for a remote warehouse, so serving results (Postgres cursor, Arrow
 * encoding, TLS) does not run on the collector's event loop. It still shares this machine's
 * CPUs and Postgres.
 */
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { startDatabricksEmulator, type DatabricksEmulatorOptions } from '../emulator/databricks-emulator.js';

export interface EmulatorProcess {
  url: string;
  caCert: string;
  close(): Promise<void>;
}

export async function startEmulatorProcess(options: DatabricksEmulatorOptions): Promise<EmulatorProcess> {
  const child = fork(fileURLToPath(import.meta.url), ['--emulator-process'], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  child.send(options);
  const [ready] = (await once(child, 'message')) as [{ url: string; caCert: string }];
  return {
    ...ready,
    close: async () => {
      const exited = once(child, 'exit');
      child.send('close');
      await exited;
    },
  };
}

if (process.argv.includes('--emulator-process') && process.send) {
  const [options] = (await once(process, 'message')) as [DatabricksEmulatorOptions];
  const emulator = await startDatabricksEmulator(options);
  process.once('message', () => {
    void emulator.close().then(() => process.disconnect());
  });
  process.send({ url: emulator.url, caCert: emulator.caCert });
}
