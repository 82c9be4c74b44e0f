/** Where the domain gets the time from, so expiry and alert windows can be tested without sleeping. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
