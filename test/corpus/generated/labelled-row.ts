import type { DetectorName, TextRole } from '../../../src/detectors/scanned-text.js';

/** One labelled text: `expect` lists the detectors that must report it in its role (empty: benign). */
export interface LabelledText {
  id: string;
  role: TextRole;
  text: string;
  toolName?: string;
  expect: DetectorName[];
  /** Where the row comes from and what it tests, for the eval's breakdown (`secrets/base64`). */
  family?: string;
  /** Language of natural-language rows (ISO 639-1). */
  lang?: string;
}
