import { scanText, type ScanOptions } from './scan-text.js';
import type { ScannedText, TextScan } from './scanned-text.js';

/** Scans many texts at once (what a trace batch does); one result per text, in order. */
export async function scanBatch(inputs: readonly ScannedText[], options: ScanOptions): Promise<TextScan[]> {
  const scans: TextScan[] = [];
  for (const input of inputs) scans.push(await scanText(input, options));
  return scans;
}
