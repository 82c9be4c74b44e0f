import { Writable } from 'node:stream';
import { createLogger, type Logger } from '../../src/logging/logger.js';

/** A real pino logger whose JSON lines are kept in memory so tests can read them. */
export function captureLogger(level = 'info'): {
  log: Logger;
  lines: () => Record<string, unknown>[];
  text: () => string;
} {
  const raw: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      raw.push(
        ...chunk
          .toString()
          .split('\n')
          .filter((line) => line !== ''),
      );
      callback();
    },
  });
  return {
    log: createLogger({ level }, stream),
    lines: () => raw.map((line) => JSON.parse(line) as Record<string, unknown>),
    text: () => raw.join('\n'),
  };
}
