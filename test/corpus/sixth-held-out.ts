import type { LabelledText } from './generated/labelled-row.js';

export const SIXTH_HELD_OUT: readonly LabelledText[] = [];
