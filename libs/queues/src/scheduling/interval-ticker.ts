/**
 * Runs `tick(now)` every `intervalMs` in the background, for schedulers that offer jobs to the
 * outbox on a timer (0 = off). The timer does not keep the process alive; a failed tick goes to
 * `onError` and the next tick simply tries again, since the outbox keys absorb repeats.
 */
export class IntervalTicker {
  private timer: NodeJS.Timeout | undefined;

  start(intervalMs: number, tick: (now: Date) => Promise<unknown>, onError: (error: unknown) => void): void {
    if (intervalMs === 0) return;
    this.timer = setInterval(() => {
      tick(new Date()).catch(onError);
    }, intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}

/** The interval bucket `now` falls in: its start, and the compact key replicas share for it (e.g. `20260328T230000000Z`). */
export function intervalBucket(now: Date, intervalMs: number): { readonly start: Date; readonly key: string } {
  const start = new Date(Math.floor(now.getTime() / intervalMs) * intervalMs);
  return { start, key: start.toISOString().replace(/[-:.]/g, '') };
}
