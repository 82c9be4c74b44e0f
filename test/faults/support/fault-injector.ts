/**
 * Injects faults at chosen moments: when the fake Databricks account has applied the n-th add
 * or removal PATCH (before the bot hears back), or at a (seeded random) time. Keeps a log of
 * what it did, for the report.
 */
import type { CarriedOutCall, DatabricksEmulator } from '../../../emulator/databricks-emulator.js';
import type { RecordedPatch } from '../../fakes/fake-databricks-accounts.js';
import type { FaultWorld } from './fault-world.js';

type Fault = () => Promise<unknown>;
interface PatchRule {
  kind: 'add' | 'removal';
  nth: number;
  what: string;
  fault: Fault;
}

export class FaultInjector {
  readonly log: string[] = [];
  private readonly rules: PatchRule[] = [];
  private readonly scheduled: Promise<void>[] = [];
  private readonly counts = { add: 0, removal: 0 };
  private readonly random: () => number;
  readonly seed: number;

  constructor(private readonly world: FaultWorld) {
    this.seed = Number(process.env.FAULTS_SEED ?? Date.now() % 1_000_000);
    this.random = mulberry32(this.seed);
    world.databricks.onPatchApplied((patch) => this.applied(patch));
  }

  killWorker: Fault = () => this.world.bots.killWorker();
  restartPostgres: Fault = () => this.world.postgres.restart();
  flushRedis: Fault = () => this.world.redis.flushAll();

  /** Runs `fault` when the n-th (1-based) PATCH of that kind has landed, before it is answered. */
  whenPatchLands(kind: 'add' | 'removal', nth: number, what: string, fault: Fault): void {
    this.rules.push({ kind, nth, what, fault });
  }

  /**
   * Runs `fault` when Slack has carried out the n-th successful call (1-based) to `method` made by
   * the worker (an outbox post, tagged with its key) and before answering it.
   */
  whenSlackAccepts(method: string, nths: number[], what: string, fault: Fault): void {
    let count = 0;
    this.world.slack.beforeAnswering(method, async (call) => {
      if ((call.params.metadata as { event_type?: string } | undefined)?.event_type === undefined) return;
      const nth = ++count;
      if (nths.includes(nth)) await this.run(`${what} (${method} #${nth} accepted, not yet answered)`, fault);
    });
  }

  /**
   * Runs `fault` when the workspace emulator has carried out the n-th (1-based) REST call that
   * `matches`, before answering it: the change happened, the caller has not heard.
   */
  whenEmulatorCarriesOut(
    emulator: Pick<DatabricksEmulator, 'beforeAnswering'>,
    matches: (call: CarriedOutCall) => boolean,
    nths: number[],
    what: string,
    fault: Fault,
  ): void {
    let count = 0;
    emulator.beforeAnswering(async (call) => {
      if (!matches(call)) return;
      const nth = ++count;
      if (nths.includes(nth))
        await this.run(`${what} (${call.method} ${call.path} #${nth} carried out, not yet answered)`, fault);
    });
  }

  /** Runs `fault` at a random moment between `fromMs` and `toMs` from now. */
  atRandom(fromMs: number, toMs: number, what: string, fault: Fault): void {
    const delay = fromMs + Math.floor(this.random() * Math.max(0, toMs - fromMs));
    this.scheduled.push(
      new Promise<void>((resolve) => setTimeout(resolve, delay)).then(() => this.run(what, fault)),
    );
  }

  /** Waits for every timed fault to have happened (PATCH rules keep watching until the run ends). */
  async done(): Promise<void> {
    await Promise.all(this.scheduled);
  }

  private async applied(patch: RecordedPatch): Promise<void> {
    const kinds = [
      ...(patch.added.length > 0 ? ['add' as const] : []),
      ...(patch.removed.length > 0 ? ['removal' as const] : []),
    ];
    for (const kind of kinds) {
      const nth = ++this.counts[kind];
      for (const rule of this.rules.filter((r) => r.kind === kind && r.nth === nth)) {
        const who = kind === 'add' ? patch.added : patch.removed;
        await this.run(
          `${rule.what} (${kind} PATCH #${nth} for ${who.join(', ')} applied, not yet answered)`,
          rule.fault,
        );
      }
    }
  }

  private async run(what: string, fault: Fault): Promise<void> {
    const started = Date.now();
    try {
      await fault();
      this.log.push(`${new Date(started).toISOString().slice(11, 23)} ${what}`);
    } catch (error) {
      this.log.push(`${new Date(started).toISOString().slice(11, 23)} ${what} FAILED: ${String(error)}`);
    }
  }
}

function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
