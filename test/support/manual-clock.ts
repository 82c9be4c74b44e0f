import type { Clock } from '../../src/ports/clock.js';

/** A clock tests move by hand, so expiry and timeouts happen without sleeping. */
export class ManualClock implements Clock {
  private current: Date;

  constructor(start: Date | string = '2026-11-23T09:00:00Z') {
    this.current = new Date(start);
  }

  now(): Date {
    return new Date(this.current);
  }

  advance(ms: number): Date {
    this.current = new Date(this.current.getTime() + ms);
    return this.now();
  }

  set(at: Date | string): void {
    this.current = new Date(at);
  }
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
