import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ScanRequest } from './scan-worker.js';
import { scanBatch, type ScanOptions } from './scan-text.js';
import type { ScannedText, TextScan } from './scanned-text.js';

interface PoolWorker {
  thread: Worker;
  waiting: Map<number, { resolve(scans: TextScan[]): void; reject(error: Error): void }>;
}

/**
 * The detectors on every core: a pool of worker threads, one per core by default, each running
 * `scanBatch` on its share of a batch (texts split in order into shares of about equal size,
 * results joined in order, so the answer is what `scanBatch` gives). Detection is CPU-bound and
 * runs in one thread; this is how a big trace batch uses the whole machine. A worker keeps the
 * process alive only while it has work.
 */
export class ScanPool {
  private readonly workers: PoolWorker[];
  private nextId = 0;

  constructor(readonly size = os.availableParallelism()) {
    this.workers = Array.from({ length: size }, () => startWorker());
  }

  /** Every text of `inputs` scanned, in order (the same results as `scanBatch`). */
  async scan(inputs: readonly ScannedText[], options: ScanOptions): Promise<TextScan[]> {
    const chars = inputs.reduce((sum, input) => sum + input.text.length, 0);
    const shares: ScannedText[][] = [];
    let share: ScannedText[] = [];
    let size = 0;
    for (const input of inputs) {
      share.push(input);
      size += input.text.length;
      if (size >= chars / this.workers.length && shares.length < this.workers.length - 1) {
        shares.push(share);
        share = [];
        size = 0;
      }
    }
    shares.push(share);
    const results = await Promise.all(shares.map((part, i) => this.send(i, part, options)));
    return results.flat();
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.thread.terminate()));
  }

  private send(index: number, inputs: ScannedText[], options: ScanOptions): Promise<TextScan[]> {
    if (inputs.length === 0) return Promise.resolve([]);
    const worker = this.workers[index]!;
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      worker.waiting.set(id, { resolve, reject });
      worker.thread.ref();
      worker.thread.postMessage({ id, inputs, options } satisfies ScanRequest);
    }).finally(() => {
      if (worker.waiting.size === 0) worker.thread.unref();
    }) as Promise<TextScan[]>;
  }
}

function startWorker(): PoolWorker {
  // Built, the worker is plain JS; from TypeScript sources (tsx, tests) it loads through tsx.
  const thread = import.meta.url.endsWith('.ts')
    ? new Worker(
        `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(
          new URL('./scan-worker.ts', import.meta.url).href,
        )}); });`,
        { eval: true },
      )
    : new Worker(new URL('./scan-worker.js', import.meta.url));
  const worker: PoolWorker = { thread, waiting: new Map() };
  thread.on('message', (reply: { id: number; scans?: TextScan[]; error?: string }) => {
    const waiting = worker.waiting.get(reply.id);
    worker.waiting.delete(reply.id);
    if (reply.scans) waiting?.resolve(reply.scans);
    else waiting?.reject(new Error(`scan worker failed: ${reply.error}`));
  });
  const failAll = (error: Error) => {
    for (const { reject } of worker.waiting.values()) reject(error);
    worker.waiting.clear();
  };
  thread.on('error', failAll);
  thread.on('exit', (code) => failAll(new Error(`scan worker exited (code ${code})`)));
  thread.unref();
  return worker;
}

/** Below this many characters a batch is scanned in the calling thread (shipping it costs more). */
export const PARALLEL_SCAN_CHARS = 256_000;

let shared: ScanPool | undefined;

/**
 * A batch scanned with `scanBatch`, on every core when it is big enough to pay for it (the
 * process's pool starts on the first such batch).
 */
export async function scanOnEveryCore(
  inputs: readonly ScannedText[],
  options: ScanOptions,
): Promise<TextScan[]> {
  const chars = inputs.reduce((sum, input) => sum + input.text.length, 0);
  if (chars < PARALLEL_SCAN_CHARS || os.availableParallelism() < 2) return scanBatch(inputs, options);
  shared ??= new ScanPool();
  return shared.scan(inputs, options);
}
