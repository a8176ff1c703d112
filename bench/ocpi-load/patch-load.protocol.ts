/** What the bench sends the forked PATCH load generator, and what it gets back. */
export interface PatchLoadPlan {
  readonly base: string;
  readonly authorization: string;
  readonly partyId: string;
  readonly clients: number;
  readonly sessions: number;
  readonly requests: number;
  /** The seeded sessions' `last_updated`, ms since epoch; PATCH step n moves it on by n minutes. */
  readonly t0Ms: number;
}

export interface PatchLoadResult {
  /** One per request, in ms, unsorted. */
  readonly latenciesMs: number[];
  readonly failures: number;
  readonly elapsedS: number;
}
