/** Bounded waiting for a condition (polling), never a bare sleep. */
export async function waitUntil(
  what: string,
  condition: () => boolean | Promise<boolean>,
  timeoutMs: number,
  intervalMs = 200,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await condition()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** Like waitUntil, but says whether the condition held instead of throwing. */
export async function holdsWithin(
  condition: () => boolean | Promise<boolean>,
  timeoutMs: number,
  intervalMs = 200,
): Promise<boolean> {
  try {
    await waitUntil('condition', condition, timeoutMs, intervalMs);
    return true;
  } catch {
    return false;
  }
}
