/**
 * Credentials that vendors publish in their documentation and tools, so they appear in every
 * tutorial and README and are not anyone's secret: AWS's example key pair(s), the Azurite / Azure
 * Storage Emulator account key, and AWS-style values ending in EXAMPLE / EXAMPLEKEY.
 */
const DOCUMENTED = new Set([
  'AKIAIOSFODNN7EXAMPLE',
  'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  'AKIAI44QH8DHBEXAMPLE',
  'je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY',
  'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==',
]);

export function isDocumentedExample(value: string): boolean {
  if (DOCUMENTED.has(value)) return true;
  for (const example of DOCUMENTED) if (value.includes(example)) return true;
  return /[A-Z0-9]EXAMPLE(?:KEY)?(?![A-Za-z0-9])/.test(value);
}
