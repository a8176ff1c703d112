import { DispatchError } from './dispatch.errors';

/** How the priority order is kept; counters let benchmarks measure the choice. */
export interface LaxityOrderStats {
  readonly fullSorts: number;
  readonly insertionMoves: number;
  readonly updates: number;
}

/**
 * Slots in ascending laxity (least slack first), kept incrementally. Laxity moves slowly (at most the
 * cycle length per cycle), so laxity is bucketed (default 60 s) and the order is repaired by an
 * insertion sort that only pays for bucket crossings. When the repair would cost more than a budget
 * of N moves, it re-sorts by a stable counting sort over the buckets: three linear passes, no
 * comparator, O(N + buckets). Bucket keys above maxBuckets from the lowest are lumped into the last
 * bucket (sessions with days of slack are all "most flexible"); the lowest keys (no slack) keep their
 * exact order. Measured in `npm run bench -- dispatch` (order_update_p50_ms against a comparator sort).
 */
export class LaxityOrder {
  readonly order: Int32Array;
  length = 0;
  private readonly key: Float64Array;
  private readonly inOrder: Uint8Array;
  private readonly scratch: Int32Array;
  private readonly counts: Int32Array;
  private fullSorts = 0;
  private insertionMoves = 0;
  private updates = 0;

  constructor(
    readonly capacity: number,
    readonly bucketS = 60,
    readonly maxBuckets = 4096,
  ) {
    if (!(bucketS > 0)) throw new DispatchError('INVALID_INPUT', `laxity bucket ${bucketS} s must be positive`);
    this.order = new Int32Array(capacity);
    this.key = new Float64Array(capacity);
    this.inOrder = new Uint8Array(capacity);
    this.scratch = new Int32Array(capacity);
    this.counts = new Int32Array(maxBuckets + 1);
  }

  get stats(): LaxityOrderStats {
    return { fullSorts: this.fullSorts, insertionMoves: this.insertionMoves, updates: this.updates };
  }

  /**
   * Brings the order up to date with the active slots and their laxity; returns true when it re-sorted
   * from scratch. Cost: O(N) plus the bucket crossings since the last call.
   */
  update(laxityS: Float64Array, active: Uint8Array, slotCount: number): boolean {
    this.updates++;
    const order = this.order;
    const key = this.key;
    let low = Number.POSITIVE_INFINITY;
    for (let i = 0; i < slotCount; i++) {
      if (active[i] === 1) {
        const k = Math.floor(laxityS[i] / this.bucketS);
        key[i] = k;
        if (k < low) low = k;
      }
    }
    // Lump the far top into one bucket, so the counting sort's range stays bounded.
    const top = low + this.maxBuckets - 1;
    for (let i = 0; i < slotCount; i++) if (key[i] > top) key[i] = top;
    // Drop slots that left, then append newcomers at the end (the repair below moves them into place).
    let n = 0;
    for (let r = 0; r < this.length; r++) {
      const slot = order[r];
      if (slot < slotCount && active[slot] === 1) order[n++] = slot;
      else this.inOrder[slot] = 0;
    }
    for (let i = 0; i < slotCount; i++) {
      if (active[i] === 1 && this.inOrder[i] === 0) {
        this.inOrder[i] = 1;
        order[n++] = i;
      }
    }
    this.length = n;
    const budget = n + 1024;
    let moves = 0;
    for (let r = 1; r < n; r++) {
      const slot = order[r];
      const k = key[slot];
      let w = r - 1;
      if (key[order[w]] <= k) continue;
      while (w >= 0 && key[order[w]] > k) {
        order[w + 1] = order[w];
        w--;
        moves++;
      }
      order[w + 1] = slot;
      if (moves > budget) {
        this.insertionMoves += moves;
        this.fullSort();
        return true;
      }
    }
    this.insertionMoves += moves;
    return false;
  }

  private fullSort(): void {
    this.fullSorts++;
    const n = this.length;
    const order = this.order;
    const key = this.key;
    let low = Number.POSITIVE_INFINITY;
    for (let r = 0; r < n; r++) if (key[order[r]] < low) low = key[order[r]];
    const counts = this.counts;
    counts.fill(0);
    for (let r = 0; r < n; r++) counts[key[order[r]] - low + 1]++;
    for (let b = 1; b <= this.maxBuckets; b++) counts[b] += counts[b - 1];
    const out = this.scratch;
    for (let r = 0; r < n; r++) {
      const slot = order[r];
      out[counts[key[slot] - low]++] = slot;
    }
    order.set(out.subarray(0, n));
  }
}
