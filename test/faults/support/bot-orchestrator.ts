/**
 * Runs the web and worker roles as an orchestrator would: restarts a role that died (killed by
 * the test or crashed), replaces a web role that was asked to stop, and records every exit so
 * the suite can tell the exits it caused from crashes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startBotRole, type BotRole, type RoleExit, type RoleName } from './bot-role.js';
import type { Cleanup } from './cleanup.js';
import { waitUntil } from './wait.js';

const RESTART_ATTEMPTS = 10;

export class BotOrchestrator {
  readonly exits: RoleExit[] = [];
  private readonly current = new Map<RoleName, BotRole>();
  private readonly all: BotRole[] = [];
  private readonly launching = new Set<Promise<unknown>>();
  private serial = 0;
  private stopping = false;

  private constructor(
    readonly env: Record<string, string>,
    readonly logDir: string,
  ) {}

  static async start(env: Record<string, string>, cleanup: Cleanup): Promise<BotOrchestrator> {
    const logDir = mkdtempSync(path.join(tmpdir(), 'dbchatops-faults-logs-'));
    const bots = new BotOrchestrator(env, logDir);
    cleanup.add({
      what: 'bot processes',
      run: async () => {
        await bots.stop();
        if (process.env.FAULTS_KEEP_LOGS) console.log(`fault suite: bot logs kept in ${logDir}`);
        else rmSync(logDir, { recursive: true, force: true });
      },
      runNow: () => {
        bots.stopping = true;
        for (const bot of bots.all) bot.signal('SIGKILL');
        rmSync(logDir, { recursive: true, force: true });
      },
    });
    // The worker first: it migrates the database the web role then finds ready.
    await bots.launch('worker');
    await bots.launch('web');
    return bots;
  }

  get webUrl(): string {
    const web = this.current.get('web');
    if (!web) throw new Error('no web role is running');
    return web.url;
  }

  /** Exits the test did not cause: crashes. */
  crashes(): RoleExit[] {
    return this.exits.filter((exit) => !exit.caused);
  }

  /** `kill -9` of the worker; resolves once it is dead (its replacement starts by itself). */
  async killWorker(): Promise<void> {
    const worker = this.current.get('worker');
    if (!worker?.running()) return;
    worker.signal('SIGKILL');
    await worker.exited;
  }

  /** Resolves once a worker is up again after a kill or crash. */
  async workerReady(timeoutMs = 90_000): Promise<void> {
    await waitUntil('a running worker', () => this.current.get('worker')?.running() === true, timeoutMs);
  }

  /** SIGTERM to the web role (it drains in the background) and a new web role in its place. */
  async replaceWeb(): Promise<{ stopped: Promise<RoleExit> }> {
    const old = this.current.get('web');
    if (!old) throw new Error('no web role to replace');
    this.current.delete('web');
    old.signal('SIGTERM');
    await this.launch('web');
    return { stopped: old.exited };
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.allSettled([...this.launching]);
    const running = this.all.filter((bot) => bot.running());
    for (const bot of running) bot.signal('SIGTERM');
    await Promise.all(
      running.map((bot) =>
        Promise.race([
          bot.exited,
          new Promise((resolve) => setTimeout(resolve, 15_000).unref()).then(() => bot.signal('SIGKILL')),
        ]),
      ),
    );
  }

  private async launch(role: RoleName): Promise<BotRole> {
    for (let attempt = 1; ; attempt++) {
      try {
        const bot = await startBotRole(role, this.env, this.logDir, ++this.serial);
        this.all.push(bot);
        this.current.set(role, bot);
        void bot.exited.then((exit) => this.onExit(bot, exit));
        return bot;
      } catch (error) {
        this.exits.push({
          role,
          pid: 0,
          code: null,
          signal: null,
          caused: false,
          at: Date.now(),
          logTail: String(error),
        });
        if (attempt >= RESTART_ATTEMPTS || this.stopping) throw error;
        await new Promise((resolve) => setTimeout(resolve, 1_000));
      }
    }
  }

  private onExit(bot: BotRole, exit: RoleExit): void {
    this.exits.push(exit);
    if (this.stopping || this.current.get(bot.role) !== bot) return;
    this.current.delete(bot.role);
    // As an orchestrator: a dead process is replaced, whatever killed it.
    const relaunch = this.launch(bot.role).catch((error: unknown) => {
      if (!this.stopping)
        console.error(`fault suite: could not restart the ${bot.role} role: ${String(error)}`);
    });
    this.launching.add(relaunch);
    void relaunch.finally(() => this.launching.delete(relaunch));
  }
}
