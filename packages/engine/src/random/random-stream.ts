import { deriveWords, keyedWords, type StreamKey, type WordSource } from './streams.js';
import { exp, log } from './exact-math.js';
import { standardExponential } from './exponential.js';

/**
 * A named random stream with the samplers the model needs. Each instance owns one generator
 * (streams.ts); draws from one stream never affect another.
 */
export class RandomStream {
  private spareNormal = NaN;

  /**
   * `words`: the stream's generator's 32-bit words (streams.ts, `keyedWords`); each number drawn is a
   * word as `(word >>> 0) / 2^32`, exactly what the generator itself returns as a number
   * (`keyedStream`), one call fewer per draw.
   */
  constructor(private readonly words: WordSource) {}

  /** The stream for (seed, name, replication): the numbers of `deriveStream(seed, name, replication)`. */
  static derive(seed: number | string, name: string, replication = 0): RandomStream {
    return new RandomStream(deriveWords(seed, name, replication));
  }

  /** The same stream as `derive` from its key (`streamKey(seed, name)`): the name is not rebuilt. */
  static keyed(key: StreamKey, replication: number): RandomStream {
    return new RandomStream(keyedWords(key, replication));
  }

  /** The next number on [0, 1): a word of the generator as seedrandom's Tyche-i turns it into one. */
  private next(): number {
    return (this.words() >>> 0) / 4294967296;
  }

  /** Uniform on [0, 1). */
  random(): number {
    return this.next();
  }

  /** Uniform on [min, max). */
  uniform(min = 0, max = 1): number {
    return min + (max - min) * this.next();
  }

  /** Integer uniform on [min, max] inclusive. */
  integer(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** Bernoulli trial with success probability p. */
  bernoulli(p: number): boolean {
    return this.next() < p;
  }

  /**
   * Exponential with the given rate (events per unit time); mean 1/rate. Infinity when rate is 0 or
   * less. Drawn by the ziggurat (exponential.ts): usually one uniform, sometimes more.
   */
  exponential(rate: number): number {
    if (!(rate > 0)) {
      if (rate <= 0) return Infinity;
      throw new RangeError(`exponential: rate is ${rate}`);
    }
    return standardExponential(this.next(), nextUniform, this, 0) / rate;
  }

  /** Standard normal by the polar Box-Muller method. */
  normal(mean = 0, sd = 1): number {
    if (this.spareNormal === this.spareNormal) {
      const z = this.spareNormal;
      this.spareNormal = NaN;
      return mean + sd * z;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      u = 2 * this.next() - 1;
      v = 2 * this.next() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const f = Math.sqrt((-2 * log(s)) / s);
    this.spareNormal = v * f;
    return mean + sd * u * f;
  }

  /** Log-normal: exp(N(mu, sigma)). */
  lognormal(mu: number, sigma: number): number {
    return exp(this.normal(mu, sigma));
  }

  /** Weibull with shape k and scale lambda. */
  weibull(shape: number, scale: number): number {
    if (!(shape > 0 && scale >= 0)) throw new RangeError(`weibull: shape ${shape} and scale ${scale} must be > 0`);
    return scale * Math.pow(-log(1 - this.next()), 1 / shape);
  }

  /** Poisson with the given mean: inversion for small means, PTRS (Hörmann 1993) for large. */
  poisson(mean: number): number {
    if (!(mean > 0)) {
      if (mean <= 0) return 0;
      throw new RangeError(`poisson: mean is ${mean}`);
    }
    if (mean === Infinity) throw new RangeError('poisson: mean is Infinity');
    if (mean < 30) {
      let k = 0;
      let p = exp(-mean);
      let cdf = p;
      const u = this.next();
      while (u > cdf) {
        k++;
        p *= mean / k;
        cdf += p;
        if (p === 0 && cdf < u) break;
      }
      return k;
    }
    const slam = Math.sqrt(mean);
    const loglam = log(mean);
    const b = 0.931 + 2.53 * slam;
    const a = -0.059 + 0.02483 * b;
    const invalpha = 1.1239 + 1.1328 / (b - 3.4);
    const vr = 0.9277 - 3.6224 / (b - 2);
    for (;;) {
      const u = this.next() - 0.5;
      const v = this.next();
      const us = 0.5 - Math.abs(u);
      const k = Math.floor(((2 * a) / us + b) * u + mean + 0.43);
      if (us >= 0.07 && v <= vr) return k;
      if (k < 0 || (us < 0.013 && v > us)) continue;
      if (log(v) + log(invalpha) - log(a / (us * us) + b) <= -mean + k * loglam - logFactorial(k)) {
        return k;
      }
    }
  }

  /**
   * Binomial(n, p), exact for any n: inversion from 0 when n * min(p, 1 - p) < 10, otherwise
   * Hörmann's BTRS transformed rejection (1993), whose cost does not grow with n.
   */
  binomial(n: number, p: number): number {
    if (!(n >= 0) || n !== Math.floor(n) || !Number.isFinite(n)) {
      throw new RangeError(`binomial: n must be a whole number >= 0, got ${n}`);
    }
    if (!(p >= 0 && p <= 1)) throw new RangeError(`binomial: p must be in [0, 1], got ${p}`);
    if (n === 0 || p === 0) return 0;
    if (p === 1) return n;
    if (p > 0.5) return n - this.binomial(n, 1 - p);
    if (n * p < 10) {
      // q^n >= e^(-1.39 n p) > 1e-7 here, so the pmf recursion cannot underflow.
      const q = 1 - p;
      const ratio = p / q;
      let pmf = Math.pow(q, n);
      let cdf = pmf;
      const u = this.next();
      let k = 0;
      while (u > cdf && k < n) {
        pmf *= (ratio * (n - k)) / (k + 1);
        k++;
        cdf += pmf;
      }
      return k;
    }
    return this.binomialBtrs(n, p);
  }

  private binomialBtrs(n: number, p: number): number {
    const q = 1 - p;
    const spq = Math.sqrt(n * p * q);
    const b = 1.15 + 2.53 * spq;
    const a = -0.0873 + 0.0248 * b + 0.01 * p;
    const c = n * p + 0.5;
    const vr = 0.92 - 4.2 / b;
    const alpha = (2.83 + 5.1 / b) * spq;
    const lpq = log(p / q);
    const m = Math.floor((n + 1) * p);
    const h = logFactorial(m) + logFactorial(n - m);
    for (;;) {
      const u = this.next() - 0.5;
      const v = this.next();
      const us = 0.5 - Math.abs(u);
      const k = Math.floor(((2 * a) / us + b) * u + c);
      if (k < 0 || k > n) continue;
      if (us >= 0.07 && v <= vr) return k;
      const logV = log((v * alpha) / (a / (us * us) + b));
      if (logV <= h - logFactorial(k) - logFactorial(n - k) + (k - m) * lpq) return k;
    }
  }

  /**
   * Index drawn with probability proportional to `weights` (non-negative, not all zero).
   * Returns -1 when every weight is zero.
   */
  categorical(weights: ArrayLike<number>, total?: number): number {
    let sum = total ?? 0;
    if (total === undefined) for (let i = 0; i < weights.length; i++) sum += weights[i]!;
    if (!(sum > 0)) return -1;
    let u = this.next() * sum;
    let last = -1;
    for (let i = 0; i < weights.length; i++) {
      const w = weights[i]!;
      if (w <= 0) continue;
      last = i;
      if (u < w) return i;
      u -= w;
    }
    return last;
  }
}

/** `rs.random()`, in the form `standardExponential` draws from. */
function nextUniform(rs: RandomStream): number {
  return rs.random();
}

const logFactorialTable: number[] = [0];
function logFactorial(k: number): number {
  if (k < 256) {
    for (let i = logFactorialTable.length; i <= k; i++) logFactorialTable[i] = logFactorialTable[i - 1]! + log(i);
    return logFactorialTable[k]!;
  }
  // Stirling series, accurate to double precision for k >= 256.
  return (k + 0.5) * log(k) - k + 0.5 * log(2 * Math.PI) + 1 / (12 * k) - 1 / (360 * k * k * k);
}
