/**
 * Everything a fault run starts (Postgres, Redis, bot processes, temp dirs) registers how to undo
 * it here: an async step for afterAll, and a synchronous last resort that runs from the process
 * `exit` handler when the test process ends without afterAll (a crash, Ctrl-C, a timeout).
 */
export interface CleanupStep {
  what: string;
  run(): Promise<void>;
  /** Synchronous, for the process exit handler; must not throw. */
  runNow(): void;
}

export class Cleanup {
  private readonly steps: CleanupStep[] = [];
  private readonly onExit = () => this.runAllNow();

  constructor() {
    process.once('exit', this.onExit);
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => {
        this.runAllNow();
        process.exit(130);
      });
    }
  }

  add(step: CleanupStep): void {
    this.steps.push(step);
  }

  /** Undoes every step, newest first, even when some fail; rethrows the first failure. */
  async runAll(): Promise<void> {
    let first: unknown;
    for (const step of this.steps.splice(0).reverse()) {
      try {
        await step.run();
      } catch (error) {
        first ??= new Error(`cleanup of ${step.what} failed: ${String(error)}`);
        step.runNow();
      }
    }
    process.off('exit', this.onExit);
    if (first !== undefined) throw first;
  }

  private runAllNow(): void {
    for (const step of this.steps.splice(0).reverse()) {
      try {
        step.runNow();
      } catch {
        // the process is exiting: nothing more can be done
      }
    }
  }
}
