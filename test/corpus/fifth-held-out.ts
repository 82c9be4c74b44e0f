import type { LabelledText } from './generated/labelled-row.js';

export const FIFTH_HELD_OUT: readonly LabelledText[] = [];
