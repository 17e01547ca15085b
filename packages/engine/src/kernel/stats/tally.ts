/**
 * Running count, mean, variance, minimum and maximum of observations, by Welford's update, so the
 * variance stays accurate when the mean is large against the spread and no observation is kept.
 */
export class Tally {
  private n = 0;
  private runningMean = 0;
  /** Sum of squared deviations from the running mean. */
  private m2 = 0;
  private lowest = Infinity;
  private highest = -Infinity;

  /** Adds one observation (in the unit the caller tallies: days, children, GBP...). */
  add(x: number): void {
    if (!(x === x)) throw new RangeError('Tally.add: observation is NaN');
    const n = ++this.n;
    const delta = x - this.runningMean;
    this.runningMean += delta / n;
    this.m2 += delta * (x - this.runningMean);
    if (x < this.lowest) this.lowest = x;
    if (x > this.highest) this.highest = x;
  }

  /** Adds every observation of `other` (Chan et al.'s pairwise combination), e.g. across replications. */
  merge(other: Tally): void {
    if (other.n === 0) return;
    if (this.n === 0) {
      this.n = other.n;
      this.runningMean = other.runningMean;
      this.m2 = other.m2;
      this.lowest = other.lowest;
      this.highest = other.highest;
      return;
    }
    const n = this.n + other.n;
    const delta = other.runningMean - this.runningMean;
    this.runningMean += (delta * other.n) / n;
    this.m2 += other.m2 + (delta * delta * this.n * other.n) / n;
    this.n = n;
    if (other.lowest < this.lowest) this.lowest = other.lowest;
    if (other.highest > this.highest) this.highest = other.highest;
  }

  /** Number of observations. */
  get count(): number {
    return this.n;
  }

  /** Mean of the observations; NaN when there are none. */
  get mean(): number {
    return this.n > 0 ? this.runningMean : NaN;
  }

  /** Sum of the observations. */
  get sum(): number {
    return this.runningMean * this.n;
  }

  /** Sample variance (divisor n - 1); NaN with fewer than two observations. */
  get variance(): number {
    return this.n > 1 ? this.m2 / (this.n - 1) : NaN;
  }

  /** Sample standard deviation (divisor n - 1); NaN with fewer than two observations. */
  get sd(): number {
    return Math.sqrt(this.variance);
  }

  /** Standard error of the mean, sd / sqrt(n); NaN with fewer than two observations. */
  get standardError(): number {
    return this.sd / Math.sqrt(this.n);
  }

  /** Smallest observation; Infinity when there are none. */
  get min(): number {
    return this.lowest;
  }

  /** Largest observation; -Infinity when there are none. */
  get max(): number {
    return this.highest;
  }

  /** Forgets every observation. */
  reset(): void {
    this.n = 0;
    this.runningMean = 0;
    this.m2 = 0;
    this.lowest = Infinity;
    this.highest = -Infinity;
  }
}
