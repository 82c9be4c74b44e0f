/**
 * A worker thread of the scan pool (see scan-pool.ts): scans the batches it is sent with
 * `scanBatch` and posts the results back, one message per batch.
 */
import { parentPort } from 'node:worker_threads';
import { scanBatch, type ScanOptions } from './scan-text.js';
import type { ScannedText } from './scanned-text.js';

export interface ScanRequest {
  id: number;
  inputs: ScannedText[];
  options: ScanOptions;
}

parentPort?.on('message', (request: ScanRequest) => {
  scanBatch(request.inputs, request.options).then(
    (scans) => parentPort!.postMessage({ id: request.id, scans }),
    (error: unknown) =>
      parentPort!.postMessage({
        id: request.id,
        error: error instanceof Error ? error.message : String(error),
      }),
  );
});
