import type { LoadedScenario, LoadOptions } from '../load/load-scenario.js';
import { loadScenario } from '../load/node-host.js';
import { QuestionRunner, type QuestionRunOptions, type SettingValue } from './evaluate.js';
import { prepareSeek } from './prepare.js';
import { questionFails } from './question-error.js';
import { monotoneFit, overReplications, wilson95 } from './stats.js';
import { meets, type Target } from './target.js';

/** A goal-seek question: the value of one lever setting that meets a target. */
export interface SeekQuestion {
  /** The lever's label or its position from 1. */
  lever: string;
  /** The lever's numeric setting to vary. __Default value:__ the lever's first (e.g. `extraHouseholdsPerYear`) */
  setting?: string;
  /** `"<measure> <op> <value> by <date>"`, e.g. `in_care[ifa_foster] < 80 by 2029-30`. */
  target: string;
  /** Meet the target in this share of replications (0 to 1) instead of in mean. */
  probability?: number;
  /** Bounds of the search, in the setting's unit (inclusive), and the resolution of the answer. */
  from: number;
  to: number;
  /** __Default value:__ 1 */
  step?: number;
  /**
   * How to find a first bracket: `auto` (and `expected-value`) use the deterministic projection when it
   * crosses the target within the bounds, else a coarse simulation (an eighth of the replications; the
   * projection ignores supply, so supply levers leave it flat); `simulation` goes straight to the coarse
   * simulation; `none` searches from the bounds at full replications. __Default value:__ auto
   */
  bracket?: 'auto' | 'expected-value' | 'simulation' | 'none';
  /** The most replications per value the stopping rule may use. __Default value:__ 4 × replications */
  maxReplications?: number;
}

/** One value tried: what it gave and what that says about the target. */
export interface SeekPoint {
  value: number;
  /** `expected-value`: the projection (one number); `bracket`: few replications; `simulation`: the final ones. */
  stage: 'expected-value' | 'bracket' | 'simulation';
  replications: number;
  /** The measure: mean over replications, 5-95% range of outcomes, 95% interval of the mean. */
  mean: number;
  p05: number;
  p95: number;
  ci95_low: number;
  ci95_high: number;
  /** Share of replications meeting the target, with its Wilson 95% interval. */
  probabilityMet: number;
  probability_low: number;
  probability_high: number;
  /** `meets` or `fails` when the 95% interval is on one side of the target, `unsure` when it straddles it (the projection: its one number). */
  decision: 'meets' | 'fails' | 'unsure';
}

export interface SeekResult {
  /** `found`; `already-met`: met at both bounds; `unreachable`: met at neither. */
  status: 'found' | 'already-met' | 'unreachable';
  /** Whether the smallest or the largest value meeting the target is sought (from where it is met). */
  direction: 'smallest' | 'largest';
  target: string;
  /** The target's measure, its unit (`children`, `GBP`, `share`...) and the target's value in it. */
  measure: string;
  measureUnit: string;
  targetValue: number;
  /** The date the measure is read on (the last month end on or before the target's date). */
  date: string;
  probability?: number;
  lever: string;
  setting: string;
  unit: string;
  from: number;
  to: number;
  step: number;
  /** The value found (or the bound already meeting it). */
  answer?: number;
  /**
   * Where the answer lies allowing for Monte Carlo error: from the value after the last one whose 95%
   * interval fails the target to the first whose 95% interval meets it (in increasing order).
   */
  interval?: [number, number];
  /** True when the interval is the answer alone (the stopping rule settled it). */
  settled: boolean;
  seed: number;
  /** Replications per value in the final round. */
  replications: number;
  /**
   * Where the first bracket came from: `expected-value` (the projection crosses the target within the
   * bounds), `simulation` (a coarse simulation, e.g. because the projection ignores supply and stays flat),
   * or `none` (searched from the bounds at full replications).
   */
  bracket: 'expected-value' | 'simulation' | 'none';
  /** Every value tried, in the order tried. */
  evidence: SeekPoint[];
  runs: number;
  simulatedReplications: number;
}

interface Scored {
  values: Float64Array;
  point: SeekPoint;
}

/** The target's measure and the values tried scored against it. */
function score(target: Target, probability: number | undefined, values: Float64Array, value: number, stage: SeekPoint['stage']): SeekPoint {
  const s = overReplications(values);
  let k = 0;
  for (const v of values) if (meets(target, v)) k++;
  const w = wilson95(k, values.length);
  let decision: SeekPoint['decision'];
  if (probability === undefined) {
    const lo = meets(target, s.ci95_low);
    const hi = meets(target, s.ci95_high);
    decision = lo && hi ? 'meets' : !lo && !hi ? 'fails' : 'unsure';
  } else {
    decision = w.low >= probability ? 'meets' : w.high < probability ? 'fails' : 'unsure';
  }
  return {
    value,
    stage,
    replications: values.length,
    mean: s.mean,
    p05: s.p05,
    p95: s.p95,
    ci95_low: s.ci95_low,
    ci95_high: s.ci95_high,
    probabilityMet: k / values.length,
    probability_low: w.low,
    probability_high: w.high,
    decision,
  };
}

/**
 * Finds the smallest (or largest, as the target requires) value of one lever setting within bounds that
 * meets a target, in mean or with a stated probability across replications, on common random numbers.
 *
 * Method: both bounds are simulated first (met at both: `already-met`; at neither: `unreachable`). A
 * bracket comes from the expected-value projection when the measure moves with the setting there,
 * else from a coarse simulation (an eighth of the replications); the search then gallops out from it and
 * bisects on the grid of `step`, every value on the same seed and replications. Stopping rule: the
 * answer is settled when the value below it fails the target with 95% confidence and it meets it with
 * 95% confidence (after a monotone fit of the values tried); otherwise the replications double (up to
 * `maxReplications`) and the search repeats around the answer. The result carries the interval that is
 * left and every value tried.
 */
export async function seek(scenario: string | LoadedScenario, question: SeekQuestion, options: QuestionRunOptions & LoadOptions = {}): Promise<SeekResult> {
  const loaded = typeof scenario === 'string' ? await loadScenario(scenario, options) : scenario;
  const { at, target, grid } = prepareSeek(loaded, question);
  const runner = new QuestionRunner(loaded, [target.measure], target.by, options, (m) => questionFails('target', m));
  let R = options.replications ?? runner.base.replications;
  const maxR = Math.max(R, question.maxReplications ?? 4 * R);
  const p = question.probability;
  const n = grid.length - 1;
  const evidence: SeekPoint[] = [];
  const cache = new Map<number, Scored>();
  const setting = (i: number): SettingValue[] => [{ at, value: grid[i]! }];

  const evalAt = async (i: number, reps: number, stage: SeekPoint['stage']): Promise<SeekPoint> => {
    const hit = cache.get(i);
    if (hit !== undefined && hit.point.replications === reps) return hit.point;
    const [values] = await runner.simulate(setting(i), reps);
    const point = score(target, p, values!, grid[i]!, stage);
    evidence.push(point);
    if (stage === 'simulation') cache.set(i, { values: values!, point });
    return point;
  };
  const pointMeets = (pt: Pick<SeekPoint, 'mean' | 'probabilityMet'>) => (p === undefined ? meets(target, pt.mean) : pt.probabilityMet >= p);

  let bracketFrom: SeekResult['bracket'] = 'none';
  const result = (partial: Partial<SeekResult> & Pick<SeekResult, 'status' | 'direction' | 'settled'>): SeekResult => ({
    target: target.text,
    measure: target.measure.text,
    measureUnit: target.measure.unit,
    targetValue: target.value,
    date: runner.date,
    ...(p !== undefined ? { probability: p } : {}),
    lever: at.name,
    setting: at.setting,
    unit: at.unit,
    from: grid[0]!,
    to: grid[n]!,
    step: question.step ?? 1,
    seed: runner.seed,
    replications: R,
    bracket: bracketFrom,
    evidence,
    runs: runner.runs,
    simulatedReplications: runner.simulatedReplications,
    ...partial,
  });

  const first = await evalAt(0, R, 'simulation');
  const last = n === 0 ? first : await evalAt(n, R, 'simulation');
  const m0 = pointMeets(first);
  const mN = pointMeets(last);
  if (m0 === mN) {
    // The measure's better end: lower for < and <=, higher for > and >=.
    const lowerIsBetter = target.op === '<' || target.op === '<=';
    const upIsBetter = lowerIsBetter ? last.mean <= first.mean : last.mean >= first.mean;
    const direction = upIsBetter ? 'smallest' : 'largest';
    if (!m0) return result({ status: 'unreachable', direction, settled: true });
    return result({ status: 'already-met', direction, answer: direction === 'smallest' ? grid[0]! : grid[n]!, settled: true });
  }
  const direction: SeekResult['direction'] = mN ? 'smallest' : 'largest';
  // Search in j: j = i when seeking the smallest, n - i when the largest; meeting rises with j.
  const idx = (j: number) => (direction === 'smallest' ? j : n - j);
  const evalJ = (j: number, reps: number, stage: SeekPoint['stage']) => evalAt(idx(j), reps, stage);

  // Bracket: a first guess of the smallest j meeting the target.
  let guess: number | undefined;
  const mode = question.bracket ?? 'auto';
  if (mode === 'auto' || mode === 'expected-value') {
    const ev = (j: number) => runner.expected(setting(idx(j)))[0]!;
    const evMeets = (j: number) => {
      const x = ev(j);
      evidence.push({ value: grid[idx(j)]!, stage: 'expected-value', replications: 1, mean: x, p05: x, p95: x, ci95_low: x, ci95_high: x, probabilityMet: meets(target, x) ? 1 : 0, probability_low: 0, probability_high: 1, decision: meets(target, x) ? 'meets' : 'fails' });
      return meets(target, x);
    };
    const lo0 = evMeets(0);
    const hiN = evMeets(n);
    if (!lo0 && hiN) {
      let a = 0;
      let b = n;
      while (b - a > 1) {
        const mid = (a + b) >> 1;
        if (evMeets(mid)) b = mid;
        else a = mid;
      }
      guess = b;
      bracketFrom = 'expected-value';
    }
  }
  if (guess === undefined && mode !== 'none' && n > 3) {
    const coarse = Math.max(8, Math.ceil(R / 8));
    if (coarse < R) {
      let a = 0;
      let b = n;
      while (b - a > 1) {
        const mid = (a + b) >> 1;
        if (pointMeets(await evalJ(mid, coarse, 'bracket'))) b = mid;
        else a = mid;
      }
      guess = b;
      bracketFrom = 'simulation';
    }
  }

  // Full replications: gallop out from the guess to a bracket [a, b] (a fails, b meets), then bisect.
  const search = async (a0: number, b0: number, start: number | undefined): Promise<[number, number]> => {
    let a = a0;
    let b = b0;
    if (start !== undefined && start > a && start < b) {
      const meetsAtStart = pointMeets(await evalJ(start, R, 'simulation'));
      let stepSize = 1;
      if (meetsAtStart) {
        b = start;
        for (let j = start - 1; j > a; j = b - stepSize) {
          if (pointMeets(await evalJ(j, R, 'simulation'))) b = j;
          else {
            a = j;
            break;
          }
          stepSize *= 2;
        }
      } else {
        a = start;
        for (let j = start + 1; j < b; j = a + stepSize) {
          if (pointMeets(await evalJ(j, R, 'simulation'))) {
            b = j;
            break;
          }
          a = j;
          stepSize *= 2;
        }
      }
    }
    while (b - a > 1) {
      const mid = (a + b) >> 1;
      if (pointMeets(await evalJ(mid, R, 'simulation'))) b = mid;
      else a = mid;
    }
    return [a, b];
  };

  let [a, b] = await search(0, n, guess);
  for (;;) {
    // Monte Carlo error: the values tried at R, fitted monotone, bound where the answer can be.
    const tried = [...cache.entries()]
      .filter(([, s]) => s.point.replications === R)
      .map(([i, s]) => ({ j: direction === 'smallest' ? i : n - i, s }))
      .sort((x, y) => x.j - y.j);
    const scores = tried.map(({ s }) => (p === undefined ? s.point.mean : s.point.probabilityMet));
    const rising = p !== undefined ? true : (target.op === '>' || target.op === '>=');
    const fitted = monotoneFit(scores, tried.map(() => 1), rising);
    const fitMeets = (k: number) => (p === undefined ? meets(target, fitted[k]!) : fitted[k]! >= p);
    const firstFit = tried.findIndex((_, k) => fitMeets(k));
    if (firstFit >= 0) b = tried[firstFit]!.j;
    let lower = 0;
    let upper = n;
    for (const { j, s } of tried) {
      if (s.point.decision === 'fails' && j < b) lower = Math.max(lower, j + 1);
      if (s.point.decision === 'meets' && j >= b) upper = Math.min(upper, j);
    }
    lower = Math.min(lower, b);
    upper = Math.max(upper, b);
    const settled = lower === b && upper === b;
    if (settled || R >= maxR) {
      const ends = [grid[idx(lower)]!, grid[idx(upper)]!].sort((x, y) => x - y) as [number, number];
      return result({ status: 'found', direction, answer: grid[idx(b)]!, interval: ends, settled });
    }
    R = Math.min(2 * R, maxR);
    // Re-run the bracket's ends at the new size, then search between the nearest fail and meet.
    const lo = await evalJ(Math.max(0, lower - 1), R, 'simulation');
    const hi = await evalJ(upper, R, 'simulation');
    a = pointMeets(lo) ? 0 : Math.max(0, lower - 1);
    b = pointMeets(hi) ? upper : n;
    if (a === 0) await evalJ(0, R, 'simulation');
    if (b === n) await evalJ(n, R, 'simulation');
    [a, b] = await search(a, b, undefined);
  }
}

/** One sentence answering a seek: `Smallest ... meeting ...: 9 per year (95% interval 8 to 10).` */
export function seekSentence(r: SeekResult): string {
  const unit = (v: number) => (r.unit === '%' ? `${v}%` : `${v} ${r.unit}`);
  const what = `${r.lever} ${r.setting}`;
  const target = `${r.target}${r.probability !== undefined ? ` in ${Math.round(r.probability * 100)}% of replications` : ' in mean'}`;
  const within = `within ${unit(r.from)} to ${unit(r.to)}`;
  if (r.status === 'unreachable') return `${target}: not met at any value of ${what} ${within}.`;
  if (r.status === 'already-met') return `${target}: already met at every value of ${what} ${within} (the ${r.direction} is ${unit(r.answer!)}).`;
  const interval = r.settled ? 'settled: the value next to it fails with 95% confidence' : `95% interval ${unit(r.interval![0])} to ${unit(r.interval![1])}`;
  return `${r.direction === 'smallest' ? 'Smallest' : 'Largest'} ${what} meeting ${target}: ${unit(r.answer!)} (${interval}).`;
}
