import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Polls `probe` until it returns a value (anything but undefined or null): a state the system
 * reaches asynchronously, not a timing assertion. The deadline only turns a state never reached
 * into a clear failure naming `what`.
 */
export async function eventually<T>(probe: () => Promise<T | null | undefined> | T | null | undefined, what: string, timeoutMs = 30_000, intervalMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== null) return value;
    if (Date.now() > deadline) throw new Error(`never reached within ${timeoutMs} ms: ${what}`);
    await sleep(intervalMs);
  }
}

/** `eventually` for a yes/no probe; a probe that throws (a server still starting) counts as no. */
export async function waitFor(what: string, probe: () => Promise<boolean>, timeoutMs = 20_000, intervalMs = 200): Promise<void> {
  await eventually(async () => ((await probe().catch(() => false)) ? true : undefined), what, timeoutMs, intervalMs);
}
