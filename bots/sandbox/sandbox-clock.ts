import { systemClock, type Clock } from '../../src/ports/clock.js';

/** The sandbox's clock: real time plus an offset the console's fast-forward button moves. */
export class OffsetClock implements Clock {
  private offsetMs = 0;

  constructor(private readonly base: Clock = systemClock) {}

  now(): Date {
    return new Date(this.base.now().getTime() + this.offsetMs);
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }
}
