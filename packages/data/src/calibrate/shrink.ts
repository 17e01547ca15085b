/** Gamma prior fitted to a set of Poisson cells: rate ~ Gamma(shape alpha, rate beta). */
export interface GammaPrior {
  /** Pooled rate: total events / total exposure (per unit of exposure). */
  pooled: number;
  /** Prior shape (events); Infinity when the cells show no extra-Poisson spread (full pooling). */
  alpha: number;
  /** Prior rate (exposure units); Infinity with full pooling. */
  beta: number;
}

/**
 * Shrinkage toward one pooled rate: calibrate's estimator before session 22, which now shrinks toward
 * main effects (`main-effects-prior.ts`); kept as part of the package's API and as the comparison in
 * test/main-effects-prior.spec.ts.
 *
 * Fits a gamma prior to Poisson cells (events x_i over exposure E_i) by the method of moments
 * (Marshall 1991): prior mean m = Σx/ΣE; prior variance v = s² - m/Ē, where s² is the
 * exposure-weighted variance of the raw rates x_i/E_i around m and Ē the mean exposure of cells
 * with exposure; then beta = m/v and alpha = m·beta. v <= 0 means the spread is what Poisson noise
 * alone gives, so every cell takes the pooled rate.
 */
export function fitGammaPrior(events: ArrayLike<number>, exposure: ArrayLike<number>): GammaPrior {
  let sx = 0;
  let se = 0;
  let n = 0;
  for (let i = 0; i < events.length; i++) {
    if (!(exposure[i]! > 0)) continue;
    sx += events[i]!;
    se += exposure[i]!;
    n++;
  }
  if (n === 0 || se === 0) return { pooled: 0, alpha: Infinity, beta: Infinity };
  const m = sx / se;
  let ss = 0;
  for (let i = 0; i < events.length; i++) {
    const e = exposure[i]!;
    if (!(e > 0)) continue;
    const d = events[i]! / e - m;
    ss += e * d * d;
  }
  const v = ss / se - m / (se / n);
  if (!(v > 0) || m === 0) return { pooled: m, alpha: Infinity, beta: Infinity };
  const beta = m / v;
  return { pooled: m, alpha: m * beta, beta };
}

/** Posterior mean rate of one cell: (events + alpha) / (exposure + beta); the pooled rate under full pooling. */
export function posteriorRate(prior: GammaPrior, events: number, exposure: number): number {
  if (!Number.isFinite(prior.beta)) return prior.pooled;
  return (events + prior.alpha) / (exposure + prior.beta);
}
