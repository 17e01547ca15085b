/**
 * Time-weighted statistics of a piecewise-constant level (children in care, beds occupied, queue
 * length): the integral of the level over time in level-days, its time average, and its extremes.
 * Times are in days and must not go back.
 */
export class TimeWeighted {
  private startTime: number;
  private lastTime: number;
  private current: number;
  /** Integral of the level from `startTime` to `lastTime`, in level-days. */
  private area = 0;
  /** Integral of the squared level, for the time-weighted variance. */
  private areaSquared = 0;
  private lowest: number;
  private highest: number;

  /** Starts observing at `startTime` (days) with `level`. */
  constructor(startTime = 0, level = 0) {
    if (!Number.isFinite(startTime)) throw new RangeError(`TimeWeighted: start time must be finite, got ${startTime}`);
    this.startTime = startTime;
    this.lastTime = startTime;
    this.current = level;
    this.lowest = level;
    this.highest = level;
  }

  /** The level now. */
  get level(): number {
    return this.current;
  }

  /** Lowest level held since the start. */
  get min(): number {
    return this.lowest;
  }

  /** Highest level held since the start. */
  get max(): number {
    return this.highest;
  }

  /** Time in days when observation started (or was last reset). */
  get start(): number {
    return this.startTime;
  }

  /** Sets the level from `time` (days, not before the last change) on. */
  set(time: number, level: number): void {
    this.advance(time);
    this.current = level;
    if (level < this.lowest) this.lowest = level;
    if (level > this.highest) this.highest = level;
  }

  /** Changes the level by `delta` from `time` (days) on. */
  add(time: number, delta: number): void {
    this.set(time, this.current + delta);
  }

  /** Integral of the level from the start to `time` (days, default the last change), in level-days. */
  integral(time = this.lastTime): number {
    this.check(time);
    return this.area + this.current * (time - this.lastTime);
  }

  /** Time average of the level from the start to `time` (days); NaN when no time has passed. */
  mean(time = this.lastTime): number {
    const elapsed = time - this.startTime;
    return elapsed > 0 ? this.integral(time) / elapsed : NaN;
  }

  /** Time-weighted variance of the level from the start to `time` (days); NaN when no time has passed. */
  variance(time = this.lastTime): number {
    this.check(time);
    const elapsed = time - this.startTime;
    if (!(elapsed > 0)) return NaN;
    const mean = this.integral(time) / elapsed;
    const meanSquare = (this.areaSquared + this.current * this.current * (time - this.lastTime)) / elapsed;
    return Math.max(0, meanSquare - mean * mean);
  }

  /** Forgets the history before `time` (days), keeping the current level, e.g. after a warm-up period. */
  reset(time: number): void {
    this.check(time);
    this.startTime = time;
    this.lastTime = time;
    this.area = 0;
    this.areaSquared = 0;
    this.lowest = this.current;
    this.highest = this.current;
  }

  private advance(time: number): void {
    this.check(time);
    const dt = time - this.lastTime;
    if (dt > 0) {
      this.area += this.current * dt;
      this.areaSquared += this.current * this.current * dt;
      this.lastTime = time;
    }
  }

  private check(time: number): void {
    if (!(time >= this.lastTime) || time === Infinity) {
      throw new RangeError(`TimeWeighted: time ${time} days is before the last change (${this.lastTime}) or not finite`);
    }
  }
}
