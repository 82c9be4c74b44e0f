import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './support/spawn-bot.js';

const run = (entry: string) =>
  promisify(execFile)(process.execPath, ['scripts/run-bundled.mjs', entry], {
    cwd: REPO_ROOT,
    timeout: 120_000,
  });

describe('scripts/run-bundled.mjs (how npm start and npm run sandbox run the sources)', () => {
  it('runs an entry point as a bundle whose detector worker threads start and scan', async () => {
    const { stdout } = await run('test/support/bundled/scan-on-every-core.ts');
    const result = JSON.parse(stdout.trim().split('\n').at(-1)!) as { scanned: number; withFindings: number };
    expect(result.scanned).toBeGreaterThan(100);
    expect(result.withFindings).toBe(result.scanned);
  });

  it('reuses the bundle while no input changed, and reports a missing entry clearly', async () => {
    const again = await run('test/support/bundled/scan-on-every-core.ts');
    expect(again.stdout).toContain('"scanned"');
    await expect(
      promisify(execFile)(process.execPath, ['scripts/run-bundled.mjs'], { cwd: REPO_ROOT }),
    ).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('usage') });
  });
});
