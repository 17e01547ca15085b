import { DAYS_PER_YEAR } from '../dates.js';
import { EXIT_REASONS } from '../domain/ids.js';
import type { CompiledModel, HazardTable } from '../compiled-model.js';
import { RandomStream } from '../../random/random-stream.js';
import { streamKey, type StreamKey } from '../../random/streams.js';
import { gammaVariate } from '../../random/gamma.js';
import { readEntries } from './entries.js';
import { entriesOn } from './epochs.js';
import { changedCells, modifiedHazards, sameArray, sparseTable } from './hazard-tables.js';
import type { DirichletDraw, DrawnSections, PosteriorPlan } from './posterior.js';

// One replication's rates drawn from their posteriors (posterior.ts), on streams of their own derived
// from (seed, name, replication): the same in every scenario compared on common random numbers, and
// whatever the number of workers. Each stream's key (`streamKey(seed, name)`) is built once per plan and
// seed; a replication only appends its number (`keyedStream`), the same text `deriveStream` hashes.
// Levers (hazard and entry modifiers) act on the drawn rates.

/** Stream names: hazards, entry rates and shares draw from separate streams, so one section's rows do not shift another's draws. */
export const POSTERIOR_STREAMS = { hazards: 'posterior-hazards', entries: 'posterior-entries', shares: 'posterior-shares' } as const;

const plans = new WeakMap<CompiledModel, PosteriorPlan>();

/** The keys (`streamKey(seed, name)`) of the three posterior streams under one seed. */
type PosteriorStreamKeys = Record<keyof typeof POSTERIOR_STREAMS, StreamKey>;

/** Per plan, the posterior streams' keys by seed: built on a seed's first replication, not in every one. */
const keysByPlan = new WeakMap<PosteriorPlan, Map<number, PosteriorStreamKeys>>();

/** The posterior streams' keys of `plan` under `seed` (the same text `RandomStream.derive` builds). */
function posteriorKeys(plan: PosteriorPlan, seed: number): PosteriorStreamKeys {
  let bySeed = keysByPlan.get(plan);
  if (!bySeed) keysByPlan.set(plan, (bySeed = new Map()));
  let keys = bySeed.get(seed);
  if (!keys) {
    keys = { hazards: streamKey(seed, POSTERIOR_STREAMS.hazards), entries: streamKey(seed, POSTERIOR_STREAMS.entries), shares: streamKey(seed, POSTERIOR_STREAMS.shares) };
    bySeed.set(seed, keys);
  }
  return keys;
}

/** Records that replications of `model` draw their rates from `plan` (kept beside the model, which stays plain data). */
export function attachPosterior(model: CompiledModel, plan: PosteriorPlan): void {
  plans.set(model, plan);
}

/** The model replication `replication` runs: `model` itself without parameter uncertainty, else one with drawn rates. */
export function replicationModel(model: CompiledModel, seed: number, replication: number): CompiledModel {
  const plan = plans.get(model);
  return plan ? drawnModel(model, plan, seed, replication) : model;
}

/** `model` with the rates of replication `replication` drawn from `plan`'s posteriors. */
export function drawnModel(model: CompiledModel, plan: PosteriorPlan, seed: number, replication: number): CompiledModel {
  const keys = posteriorKeys(plan, seed);
  const { hazardTables, hazardVersion, hazardChanged } = drawnHazards(plan, RandomStream.keyed(keys.hazards, replication));
  const d = drawnSections(plan, keys, replication);
  const entries = readEntries({ entries: d.entries, ...(d.uasc ? { uasc: d.uasc } : {}) }, [], plan.providers);
  const x = { ...plan.inputs, entries };
  const epochs = Array.from(model.epochs, (e, i) => ({ ...e, hazard: hazardVersion[i]!, hazardChanged: hazardChanged[i]!, entryPerDay: entriesOn(x, e.day) }));
  const ageOutWeights = Array.from(EXIT_REASONS, (r) => {
    const w = d.ageOut[r];
    return typeof w === 'number' ? w : 0;
  });
  return {
    ...model,
    hazardTables,
    epochs,
    routeWeights: entries.routeWeights,
    maleShare: entries.maleShare,
    uascMaleShare: entries.uascMaleShare,
    firstPlacement: entries.firstPlacement,
    firstNeed: entries.firstNeed,
    ageOutWeights,
  };
}

/** The drawn base hazards, then per epoch group the modified table; equal tables shared as buildEpochs shares them. */
function drawnHazards(plan: PosteriorPlan, rs: RandomStream): { hazardTables: HazardTable[]; hazardVersion: number[]; hazardChanged: (Uint8Array | null)[] } {
  const base = new Float64Array(plan.fixedRates);
  for (const row of plan.hazardRows) {
    const perDay = drawGamma(rs, row.draw.perYear, row.draw.shape) / DAYS_PER_YEAR;
    for (const k of row.cells) base[k] = base[k]! + perDay;
  }
  const hazards = { ...plan.inputs.hazards, rates: base };
  const versions: Float64Array[] = [];
  const hazardTables: HazardTable[] = [];
  const groupVersion = Array.from(plan.groupChanges, (changes) => {
    const dense = changes.length === 0 ? base : modifiedHazards(hazards, changes);
    let v = versions.findIndex((x) => sameArray(x, dense));
    if (v < 0) {
      v = versions.length;
      versions.push(dense);
      hazardTables.push(sparseTable(dense, hazards.cells));
    }
    return v;
  });
  const hazardVersion: number[] = [];
  const hazardChanged: (Uint8Array | null)[] = [];
  plan.epochGroup.forEach((g, i) => {
    const v = groupVersion[g]!;
    const previous = i > 0 ? hazardVersion[i - 1]! : v;
    hazardVersion.push(v);
    hazardChanged.push(previous !== v ? changedCells(versions[previous]!, versions[v]!, hazards.cells) : null);
  });
  return { hazardTables, hazardVersion, hazardChanged };
}

/** Copies of the entries, UASC and ageOut sections with the drawn entry rates and shares written in. */
function drawnSections(plan: PosteriorPlan, keys: PosteriorStreamKeys, replication: number): DrawnSections {
  const copy = (s: Record<string, unknown>): Record<string, unknown> => {
    const out: Record<string, unknown> = { ...s };
    for (const k of ['perYear', 'routeSharesByAgeBand', 'firstPlacement']) if (isObject(s[k])) out[k] = { ...s[k] };
    return out;
  };
  const d: DrawnSections = { entries: copy(plan.entries), uasc: plan.uasc && copy(plan.uasc), ageOut: { ...plan.ageOut } };
  if (plan.entryRates.length > 0) {
    const rs = RandomStream.keyed(keys.entries, replication);
    for (const e of plan.entryRates) e.set(d, drawGamma(rs, e.draw.perYear, e.draw.shape));
  }
  if (plan.shares.length > 0) {
    const rs = RandomStream.keyed(keys.shares, replication);
    for (const s of plan.shares) s.set(d, drawDirichlet(rs, s.draw));
  }
  return d;
}

/** perYear · G / shape with G ~ Gamma(shape, 1): mean perYear, variance perYear² / shape. */
export function drawGamma(rs: RandomStream, perYear: number, shape: number): number {
  return (perYear * gammaVariate(rs, shape)) / shape;
}

/** Weights proportional to weight_i · g_i / alpha_i, g_i ~ Gamma(alpha_i, 1); exactly Dirichlet(alpha) when weights ∝ alpha. */
export function drawDirichlet(rs: RandomStream, draw: DirichletDraw): Record<string, number> {
  const out: Record<string, number> = {};
  let total = 0;
  const raw = Array.from(draw.keys, (_, i) => {
    const x = (draw.weights[i]! * gammaVariate(rs, draw.alpha[i]!)) / draw.alpha[i]!;
    total += x;
    return x;
  });
  draw.keys.forEach((k, i) => (out[k] = raw[i]! / total));
  return out;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
