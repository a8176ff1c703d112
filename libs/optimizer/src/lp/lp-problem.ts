/**
 * A linear (or mixed-integer) programme in the shape HiGHS takes it: column bounds and costs,
 * row bounds, and the constraint matrix row by row (CSR). Built incrementally into growable
 * typed arrays, because day-plans reach hundreds of thousands of columns and objects per
 * coefficient would dominate memory and time.
 *
 * Minimisation only: every model here minimises a cost in EUR.
 */
export interface LpProblem {
  readonly numCols: number;
  readonly numRows: number;
  readonly colCost: Float64Array;
  readonly colLower: Float64Array;
  readonly colUpper: Float64Array;
  /** 1 = integer, 0 = continuous; undefined when every column is continuous. */
  readonly integrality: Int32Array | undefined;
  readonly rowLower: Float64Array;
  readonly rowUpper: Float64Array;
  /** CSR: row i's entries are rowStarts[i] .. rowStarts[i + 1] - 1 of rowIndices/rowValues. */
  readonly rowStarts: Int32Array;
  readonly rowIndices: Int32Array;
  readonly rowValues: Float64Array;
}

class GrowableF64 {
  private data: Float64Array;
  length = 0;
  constructor(capacity: number) {
    this.data = new Float64Array(Math.max(16, capacity));
  }
  push(value: number): void {
    if (this.length === this.data.length) {
      const next = new Float64Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = value;
  }
  set(index: number, value: number): void {
    this.data[index] = value;
  }
  get(index: number): number {
    return this.data[index]!;
  }
  toArray(): Float64Array {
    return this.data.slice(0, this.length);
  }
}

class GrowableI32 {
  private data: Int32Array;
  length = 0;
  constructor(capacity: number) {
    this.data = new Int32Array(Math.max(16, capacity));
  }
  push(value: number): void {
    if (this.length === this.data.length) {
      const next = new Int32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = value;
  }
  toArray(): Int32Array {
    return this.data.slice(0, this.length);
  }
}

export class LpModelError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LpModelError';
  }
}

/**
 * Builder for an {@link LpProblem}. Columns and rows are addressed by the index `addColumn` /
 * `addRow` return. Infinite bounds are `Infinity` / `-Infinity` (the solver wrapper maps them to
 * HiGHS's own infinity).
 */
export class LpProblemBuilder {
  private readonly cost: GrowableF64;
  private readonly lower: GrowableF64;
  private readonly upper: GrowableF64;
  private readonly integer: GrowableI32;
  private hasInteger = false;
  private readonly rowLo: GrowableF64;
  private readonly rowUp: GrowableF64;
  private readonly starts: GrowableI32;
  private readonly indices: GrowableI32;
  private readonly values: GrowableF64;

  constructor(expected: { columns?: number; rows?: number; nonZeros?: number } = {}) {
    const columns = expected.columns ?? 1024;
    const rows = expected.rows ?? 1024;
    const nonZeros = expected.nonZeros ?? 4 * columns;
    this.cost = new GrowableF64(columns);
    this.lower = new GrowableF64(columns);
    this.upper = new GrowableF64(columns);
    this.integer = new GrowableI32(columns);
    this.rowLo = new GrowableF64(rows);
    this.rowUp = new GrowableF64(rows);
    this.starts = new GrowableI32(rows + 1);
    this.starts.push(0);
    this.indices = new GrowableI32(nonZeros);
    this.values = new GrowableF64(nonZeros);
  }

  get numCols(): number {
    return this.cost.length;
  }

  get numRows(): number {
    return this.rowLo.length;
  }

  addColumn(lower: number, upper: number, cost: number, integer = false): number {
    if (Number.isNaN(lower) || Number.isNaN(upper) || !Number.isFinite(cost)) throw new LpModelError(`column ${this.numCols}: bounds and cost must be numbers (got ${lower}, ${upper}, ${cost})`);
    if (lower > upper) throw new LpModelError(`column ${this.numCols}: lower bound ${lower} above upper bound ${upper}`);
    this.cost.push(cost);
    this.lower.push(lower);
    this.upper.push(upper);
    this.integer.push(integer ? 1 : 0);
    if (integer) this.hasInteger = true;
    return this.numCols - 1;
  }

  /** Adds `cost` to a column's objective coefficient. */
  addCost(column: number, cost: number): void {
    this.cost.set(column, this.cost.get(column) + cost);
  }

  /**
   * Adds `lower <= sum(values[k] * x[columns[k]]) <= upper`. A column must not repeat within a
   * row (HiGHS refuses duplicates); zero coefficients are skipped.
   */
  addRow(lower: number, upper: number, columns: ArrayLike<number>, values: ArrayLike<number>): number {
    if (columns.length !== values.length) throw new LpModelError(`row ${this.numRows}: ${columns.length} columns but ${values.length} values`);
    if (Number.isNaN(lower) || Number.isNaN(upper) || lower > upper) throw new LpModelError(`row ${this.numRows}: bounds ${lower}..${upper} are not a range`);
    for (let k = 0; k < columns.length; k++) {
      const value = values[k]!;
      if (!Number.isFinite(value)) throw new LpModelError(`row ${this.numRows}: coefficient ${value} is not finite`);
      if (value === 0) continue;
      const column = columns[k]!;
      if (column < 0 || column >= this.numCols || !Number.isInteger(column)) throw new LpModelError(`row ${this.numRows}: column ${column} does not exist`);
      this.indices.push(column);
      this.values.push(value);
    }
    this.rowLo.push(lower);
    this.rowUp.push(upper);
    this.starts.push(this.indices.length);
    return this.numRows - 1;
  }

  build(): LpProblem {
    return {
      numCols: this.numCols,
      numRows: this.numRows,
      colCost: this.cost.toArray(),
      colLower: this.lower.toArray(),
      colUpper: this.upper.toArray(),
      integrality: this.hasInteger ? this.integer.toArray() : undefined,
      rowLower: this.rowLo.toArray(),
      rowUpper: this.rowUp.toArray(),
      rowStarts: this.starts.toArray(),
      rowIndices: this.indices.toArray(),
      rowValues: this.values.toArray(),
    };
  }
}
