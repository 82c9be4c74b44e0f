import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import net from 'node:net';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, spawnBot, waitForExit, waitForHttp } from './support/spawn-bot.js';
import { dropDatabase, unusedDatabaseUrl } from './support/test-database.js';
import { createTestRedisPrefix } from './support/test-redis.js';

describe('the bot process', () => {
  const database = unusedDatabaseUrl('lifecycle');
  const redis = createTestRedisPrefix('lifecycle');

  afterAll(async () => {
    await dropDatabase(database.name);
    await redis.clear();
  });

  it('refuses to start with a malformed ENCRYPTION_KEY, naming it without printing it', async () => {
    const badKey = 'c2hvcnQta2V5LW5vdC0zMi1ieXRlcw==';
    const bot = spawnBot({ ENCRYPTION_KEY: badKey, DATABASE_URL: database.url });
    const { code } = await waitForExit(bot, 15_000);
    expect(code).not.toBe(0);
    expect(bot.output()).toContain('ENCRYPTION_KEY');
    expect(bot.output()).not.toContain(badKey);
  });

  it('refuses to start with an invalid policy file, naming the file, the path and the reason', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'policy-'));
    const policyFile = path.join(dir, 'bad-policies.yml');
    await writeFile(policyFile, 'groups:\n  analysts:\n    databricks_group: g\n    max_duration: forever\n');
    const bot = spawnBot({ POLICY_FILE: policyFile, DATABASE_URL: database.url, QUEUE_PREFIX: redis.prefix });
    const { code } = await waitForExit(bot, 15_000);
    expect(code).not.toBe(0);
    expect(bot.output()).toContain(policyFile);
    expect(bot.output()).toContain('groups.analysts.max_duration');
    expect(bot.output()).toContain('"forever" is not a duration');
  });

  it('stops with a message naming the port when the port is taken, instead of running without a server', async () => {
    const blocker = net.createServer();
    const port = await new Promise<number>((resolve) =>
      blocker.listen(0, () => resolve((blocker.address() as net.AddressInfo).port)),
    );
    try {
      const bot = spawnBot({ PORT: String(port), DATABASE_URL: database.url, QUEUE_PREFIX: redis.prefix });
      const { code } = await waitForExit(bot, 30_000);
      expect(code).toBe(1);
      expect(bot.output()).toContain(`Cannot listen on port ${port}: it is already in use`);
      expect(bot.output()).not.toContain('HTTP front end listening');
      expect(bot.output()).not.toContain('databricks-chatops started');
    } finally {
      blocker.close();
    }
  });

  it('creates its database, serves /healthz and /readyz, and exits cleanly on SIGTERM within 10 s', async () => {
    const port = await freePort();
    const bot = spawnBot({ PORT: String(port), DATABASE_URL: database.url, QUEUE_PREFIX: redis.prefix });
    try {
      const health = await waitForHttp(`http://127.0.0.1:${port}/healthz`, 200);
      expect(await health.json()).toEqual({ status: 'ok' });
      const ready = await waitForHttp(`http://127.0.0.1:${port}/readyz`, 200);
      expect(await ready.json()).toMatchObject({ status: 'ready', failing: [] });
      bot.kill('SIGTERM');
      const exit = await waitForExit(bot, 10_000);
      expect(exit.code).toBe(0);
      expect(bot.output()).toContain('"msg":"stopped"');
    } finally {
      if (bot.exitCode === null) bot.kill('SIGKILL');
    }
  });

  it('runs one role at a time: --role worker serves only its probes, no chat routes', async () => {
    const port = await freePort();
    const bot = spawnBot({ PORT: String(port), DATABASE_URL: database.url, QUEUE_PREFIX: redis.prefix }, [
      '--role',
      'worker',
    ]);
    try {
      await expect.poll(() => bot.output(), { timeout: 20_000 }).toContain('databricks-chatops started');
      expect((await waitForHttp(`http://127.0.0.1:${port}/healthz`, 200)).status).toBe(200);
      expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
      expect((await fetch(`http://127.0.0.1:${port}/slack/events`, { method: 'POST' })).status).toBe(404);
      bot.kill('SIGTERM');
      expect((await waitForExit(bot, 10_000)).code).toBe(0);
    } finally {
      if (bot.exitCode === null) bot.kill('SIGKILL');
    }
  });
});
