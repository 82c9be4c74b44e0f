/** How the held-out sets write their rows: one row maker per set, and the encodings they use. */
import type { LabelledText } from './generated/labelled-row.js';

/** Rows of one held-out set: ids start with `idPrefix`, and the family names the set. */
export const heldOutRows =
  (idPrefix: string, family: string) =>
  (id: string, role: LabelledText['role'], text: string, expect: LabelledText['expect']): LabelledText => ({
    id: `${idPrefix}-${id}`,
    role,
    text,
    expect,
    family,
  });

export const b64 = (text: string) => Buffer.from(text).toString('base64');
export const hex = (text: string) => Buffer.from(text).toString('hex');
