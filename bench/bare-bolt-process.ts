/** Starts bench/bare-bolt-app.ts in a process of its own, like the bot (see bot-process.ts). */
import { spawn } from 'node:child_process';
import { freePort, REPO_ROOT, waitForExit, waitForHttp } from '../test/support/spawn-bot.js';

export interface BareBoltProcess {
  url: string;
  stop(): Promise<void>;
}

export async function startBareBolt(env: Record<string, string>): Promise<BareBoltProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/bare-bolt-app.ts'], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', ...env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(`${url}/healthz`, 200, 30_000);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return {
    url,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      await waitForExit(child, 10_000).catch(() => child.kill('SIGKILL'));
    },
  };
}
