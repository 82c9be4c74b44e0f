import type { LabelledText } from './generated/labelled-row.js';

export const SEVENTH_HELD_OUT: readonly LabelledText[] = [];
