import type { LabelledText } from './generated/labelled-row.js';

export const FOURTH_HELD_OUT: readonly LabelledText[] = [];
