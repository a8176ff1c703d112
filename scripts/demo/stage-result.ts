/** What the summary says of each stage: it ran (with its counts), it failed (with the error), or it is not available yet (with why). */
export type StageResult =
  | { readonly status: 'ran'; readonly [detail: string]: unknown }
  | { readonly status: 'failed'; readonly error: string }
  | { readonly status: 'not_run'; readonly reason: string };

export const notRun = (reason: string): StageResult => ({ status: 'not_run', reason });

/** Runs a stage; an error is recorded as the stage's outcome (never a made-up figure) and the day goes on. */
export async function runStage<T>(run: () => Promise<T>): Promise<{ value: T | null; result: StageResult | null; error: string | null }> {
  try {
    return { value: await run(), result: null, error: null };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { value: null, result: { status: 'failed', error: message }, error: message };
  }
}
