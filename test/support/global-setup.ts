import net from 'node:net';

/** Fails the run early, with a clear message, when Postgres or Redis is not running. */
export default async function globalSetup(): Promise<void> {
  const missing: string[] = [];
  for (const [name, port] of [
    ['Postgres', 5432],
    ['Redis', 6379],
  ] as const) {
    if (!(await reachable('127.0.0.1', port))) missing.push(`${name} on 127.0.0.1:${port}`);
  }
  if (missing.length > 0) {
    throw new Error(
      `Tests need real services, not running: ${missing.join(', ')}. Start them with bash .ci/services.`,
    );
  }
}

function reachable(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port, timeout: 2_000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}
