/** How people refer to an access request: `AR-1042`, its number with a prefix, instead of its UUID. */
const PREFIX = 'AR-';
const REFERENCE = /^\s*AR-?(\d{1,9})\s*$/i;

export function requestReference(request: { number: number }): string {
  return `${PREFIX}${request.number}`;
}

/** The number in a typed reference (`AR-1042`, `ar-1042`, `AR1042`), or undefined. */
export function requestNumberIn(text: string): number | undefined {
  const match = REFERENCE.exec(text);
  return match ? Number(match[1]) : undefined;
}
