/**
 * The Databricks workspace emulator in a child process of its own, over an existing emulator
 * database: a stand-in for a remote warehouse, so serving results (Postgres cursor, Arrow
 * encoding, TLS) does not run on the collector's event loop. It still shares this machine's
 * CPUs and Postgres, so the bench reports its CPU time next to the collector's.
 * `BENCH_CPU_PROF_DIR=<dir>` writes a V8 CPU profile of the child there (`emulator-<pid>.cpuprofile`).
 */
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { startDatabricksEmulator, type DatabricksEmulatorOptions } from '../emulator/databricks-emulator.js';

export interface EmulatorProcess {
  url: string;
  caCert: string;
  /** CPU seconds (user + system) the child has used so far. */
  cpuSeconds(): Promise<number>;
  close(): Promise<void>;
}

type ToChild = { kind: 'cpu' } | { kind: 'close' };
type FromChild = { kind: 'ready'; url: string; caCert: string } | { kind: 'cpu'; seconds: number };

export async function startEmulatorProcess(options: DatabricksEmulatorOptions): Promise<EmulatorProcess> {
  const profileDir = process.env.BENCH_CPU_PROF_DIR;
  const child = fork(fileURLToPath(import.meta.url), ['--emulator-process'], {
    execArgv: [
      ...(profileDir
        ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, '--cpu-prof-name=emulator-${pid}.cpuprofile']
        : []),
      '--import',
      'tsx',
    ],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = async <K extends FromChild['kind']>(kind: K) => {
    for (;;) {
      const [message] = (await once(child, 'message')) as [FromChild];
      if (message.kind === kind) return message as Extract<FromChild, { kind: K }>;
    }
  };
  const send = (message: ToChild) => child.send(message);
  child.send(options);
  const { url, caCert } = await next('ready');
  return {
    url,
    caCert,
    cpuSeconds: async () => {
      const answer = next('cpu');
      send({ kind: 'cpu' });
      return (await answer).seconds;
    },
    close: async () => {
      const exited = once(child, 'exit');
      send({ kind: 'close' });
      await exited;
    },
  };
}

if (process.argv.includes('--emulator-process') && process.send) {
  const [options] = (await once(process, 'message')) as [DatabricksEmulatorOptions];
  const emulator = await startDatabricksEmulator(options);
  const reply = (message: FromChild) => process.send?.(message);
  process.on('message', (message: ToChild) => {
    if (message.kind === 'cpu') {
      const { user, system } = process.cpuUsage();
      reply({ kind: 'cpu', seconds: (user + system) / 1e6 });
    } else {
      void emulator.close().then(() => process.disconnect());
    }
  });
  reply({ kind: 'ready', url: emulator.url, caCert: emulator.caCert });
}
