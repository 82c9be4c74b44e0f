import { describe, expect, it } from 'vitest';
import { OffsetClock } from '../bots/sandbox/sandbox-clock.js';
import { SandboxRefused, startSandbox } from '../sandbox/start-sandbox.js';
import { captureLogger } from './support/capture-logger.js';

describe('sandbox mode', () => {
  it('refuses to start with NODE_ENV=production', async () => {
    await expect(startSandbox({ log: captureLogger().log, nodeEnv: 'production' })).rejects.toThrow(
      SandboxRefused,
    );
  });

  it('moves its clock only when fast-forwarded', () => {
    const base = { now: () => new Date('2026-01-01T10:00:00Z') };
    const clock = new OffsetClock(base);
    expect(clock.now().toISOString()).toBe('2026-01-01T10:00:00.000Z');
    clock.advance(3_600_000);
    expect(clock.now().toISOString()).toBe('2026-01-01T11:00:00.000Z');
  });
});
