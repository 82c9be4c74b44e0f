import type { LabelledText } from './generated/labelled-row.js';
import { FIFTH_HELD_OUT } from './fifth-held-out.js';
import { FIRST_HELD_OUT } from './first-held-out.js';
import { FOURTH_HELD_OUT } from './fourth-held-out.js';
import { SECOND_HELD_OUT } from './second-held-out.js';
import { SEVENTH_HELD_OUT } from './seventh-held-out.js';
import { SIXTH_HELD_OUT } from './sixth-held-out.js';
import { THIRD_HELD_OUT } from './third-held-out.js';

/**
 * Rows once held out and now gated like the rest (their round is over: their misses were fixed
 * for their class). Each new round's set joins this list once it has been run.
 */
export const ONCE_HELD_OUT: readonly LabelledText[] = [
  ...FIRST_HELD_OUT,
  ...SECOND_HELD_OUT,
  ...THIRD_HELD_OUT,
  ...FOURTH_HELD_OUT,
  ...FIFTH_HELD_OUT,
  ...SIXTH_HELD_OUT,
];

/** The current round's held-out rows: scored apart, never gated, never tuned or trained on. */
export const HELD_OUT: readonly LabelledText[] = SEVENTH_HELD_OUT;
