import {
  DEFAULT_PROVIDERS,
  AGE_BANDS,
  DAYS_PER_YEAR,
  ENTRY_ROUTES,
  PLACEMENT_CATEGORIES,
  RandomStream,
  dayToIso,
  isoToDay,
  type AgeBand,
  type EntryRoute,
  type ExitReason,
  type ModelParameters,
  type PlacementCategory,
  type TransitionTarget,
} from '@carecast/engine';
import { AGE_BAND_START_DAYS, CARE_LEAVING_AGE_DAYS, drawInitialDaysInCare, hazardCell, isOpenToBand, type ChildRecord, type EpisodeRecord } from '@carecast/engine/advanced';
import type { SimRecords } from './records.js';

/**
 * A capacity-free simulation of ModelParameters in which every child is independent: entries,
 * competing move/exit hazards by category, age band and duration band, ageing out at 18. It ignores
 * supply and modifiers; it exists to produce large synthetic SSDA903 sets fast and to test the
 * estimator against known rates.
 */
export function simulateIndependent(params: ModelParameters, seed: number): SimRecords {
  const S = isoToDay(params.start);
  const E = isoToDay(params.end) + 1;
  const bandsDays = params.transitions.durationBandsDays ?? [];
  const nd = bandsDays.length + 1;
  const NA = AGE_BANDS.length;
  const NC = PLACEMENT_CATEGORIES.length;
  // Dense hazard table per (uasc, category, age band, duration band): targets and per-day rates.
  const table: { targets: TransitionTarget[]; rates: number[]; total: number }[] = [];
  for (let u = 0; u < 2; u++)
    for (let c = 0; c < NC; c++)
      for (let a = 0; a < NA; a++)
        for (let d = 0; d < nd; d++) {
          const targets: TransitionTarget[] = [];
          const rates: number[] = [];
          for (const r of params.transitions.rates) {
            if (r.from !== PLACEMENT_CATEGORIES[c]) continue;
            if (r.ageBands && !r.ageBands.includes(AGE_BANDS[a]!)) continue;
            if (r.durationBands && !r.durationBands.includes(d)) continue;
            if (r.uasc !== undefined && r.uasc !== (u === 1)) continue;
            if ('category' in r.to && !isOpenToBand(PLACEMENT_CATEGORIES.indexOf(r.to.category), a)) continue;
            targets.push(r.to);
            rates.push(r.perYear / DAYS_PER_YEAR);
          }
          table.push({ targets, rates, total: rates.reduce((s, x) => s + x, 0) });
        }
  const cellOf = (u: boolean, c: number, a: number, d: number) => table[hazardCell(u ? 1 : 0, c, a, d, nd)]!;

  const transitions = RandomStream.derive(seed, 'transitions');
  const attrs = RandomStream.derive(seed, 'entrant-attributes');
  const children: ChildRecord[] = [];
  const episodes: EpisodeRecord[] = [];
  const bandStartDays = AGE_BAND_START_DAYS;
  const eighteen = CARE_LEAVING_AGE_DAYS;

  const follow = (birth: number, entered: number, now: number, category: number, uasc: boolean, reason: EpisodeRecord['reason'], id: number) => {
    let t = now;
    let c = category;
    let placedAt = now;
    let why = reason;
    for (;;) {
      const age = t - birth;
      let a = 0;
      while (a + 1 < NA && age >= bandStartDays[a + 1]!) a++;
      let d = 0;
      while (d < bandsDays.length && t - entered >= bandsDays[d]!) d++;
      const nextAge = a + 1 < NA ? birth + bandStartDays[a + 1]! : birth + eighteen;
      const nextDur = d < bandsDays.length ? entered + bandsDays[d]! : Infinity;
      const boundary = Math.min(nextAge, nextDur, birth + eighteen, E);
      const cell = cellOf(uasc, c, a, d);
      const dt = transitions.exponential(cell.total);
      if (t + dt < boundary) {
        t += dt;
        const k = transitions.categorical(cell.rates, cell.total);
        const to = cell.targets[k]!;
        const day = Math.floor(t);
        if (!('exit' in to)) {
          // Without capacity a move to a type of care goes to its first provider.
          const category = 'category' in to ? to.category : (params.supply.typesOfCare?.[to.typeOfCare]?.providers ?? DEFAULT_PROVIDERS[to.typeOfCare])[0]!;
          const next = PLACEMENT_CATEGORIES.indexOf(category);
          // Placements are whole days: a move on the day the placement began is not recorded.
          if (day > Math.floor(placedAt)) {
            episodes.push({ child: id, start: dayToIso(placedAt), end: dayToIso(day), category: PLACEMENT_CATEGORIES[c]!, reason: why, exit: null, outOfArea: false });
            placedAt = day;
            why = 'move';
          }
          c = next;
        } else {
          episodes.push({ child: id, start: dayToIso(placedAt), end: dayToIso(day), category: PLACEMENT_CATEGORIES[c]!, reason: why, exit: to.exit, outOfArea: false });
          return;
        }
        continue;
      }
      t = boundary;
      if (t >= E) {
        episodes.push({ child: id, start: dayToIso(placedAt), end: null, category: PLACEMENT_CATEGORIES[c]!, reason: why, exit: null, outOfArea: false });
        return;
      }
      if (t >= birth + eighteen) {
        const reasons = Object.keys(params.ageOut) as ExitReason[];
        const k = transitions.categorical(reasons.map((r) => params.ageOut[r as keyof typeof params.ageOut] ?? 0));
        episodes.push({ child: id, start: dayToIso(placedAt), end: dayToIso(Math.floor(t)), category: PLACEMENT_CATEGORIES[c]!, reason: why, exit: reasons[k] ?? 'independent_living', outOfArea: false });
        return;
      }
    }
  };

  const newChild = (birth: number, entered: number, uasc: boolean, route: EntryRoute, male: boolean): number => {
    const id = children.length + 1;
    children.push({ child: id, birth: dayToIso(birth), sex: male ? 'male' : 'female', uasc, route, entered: dayToIso(entered), outOfArea: false });
    return id;
  };

  const initial = RandomStream.derive(seed, 'initial-population');
  for (const cell of params.initialPopulation.counts ?? []) {
    const a = AGE_BANDS.indexOf(cell.ageBand);
    const lo = bandStartDays[a]!;
    const hi = (a + 1 < NA ? bandStartDays[a + 1]! : eighteen) - 1;
    for (let i = 0; i < cell.count; i++) {
      const age = initial.uniform(lo, hi);
      const dur = drawInitialDaysInCare(initial, cell.durationBand ?? -1, bandsDays, age);
      const birth = Math.floor(S - age);
      const entered = Math.floor(S - dur);
      const route = ENTRY_ROUTES[initial.categorical(ENTRY_ROUTES.map((r) => params.entries.routeShares[r] ?? 0))] ?? 'other';
      const id = newChild(birth, Math.min(entered, S), cell.uasc ?? false, route, initial.bernoulli(params.entries.maleShare ?? 0.55));
      follow(birth, Math.min(entered, S), S, PLACEMENT_CATEGORIES.indexOf(cell.category), cell.uasc ?? false, 'initial', id);
    }
  }

  const arrivals = (stream: RandomStream, perYear: number, onArrival: (day: number) => void) => {
    if (!(perYear > 0)) return;
    const perDay = perYear / DAYS_PER_YEAR;
    for (let t = S + stream.exponential(perDay); t < E; t += stream.exponential(perDay)) onArrival(t);
  };
  const draw = (weights: Partial<Record<string, number>>, keys: readonly string[], stream: RandomStream): string | undefined =>
    keys[stream.categorical(keys.map((k) => weights[k] ?? 0))];

  const entries = RandomStream.derive(seed, 'entries');
  const byTime: { t: number; band: AgeBand; uasc: boolean }[] = [];
  for (const band of AGE_BANDS) {
    arrivals(entries, params.entries.perYear[band] ?? 0, (t) => byTime.push({ t, band, uasc: false }));
  }
  if (params.uasc) {
    const u = RandomStream.derive(seed, 'uasc');
    const uasc = params.uasc;
    arrivals(u, uasc.perYear, (t) => {
      const band = (draw(uasc.ageBandShares, AGE_BANDS, u) ?? '16-17') as AgeBand;
      byTime.push({ t, band, uasc: true });
    });
  }
  byTime.sort((x, y) => x.t - y.t);
  for (const arrival of byTime) {
    const a = AGE_BANDS.indexOf(arrival.band);
    const lo = bandStartDays[a]!;
    const hi = (a + 1 < NA ? bandStartDays[a + 1]! : eighteen) - 1;
    const day = Math.floor(arrival.t);
    const birth = Math.floor(arrival.t - attrs.uniform(lo, hi));
    const routes = params.entries.routeSharesByAgeBand?.[arrival.band] ?? params.entries.routeShares;
    const route = (arrival.uasc ? 'other' : (draw(routes, ENTRY_ROUTES, attrs) ?? 'other')) as EntryRoute;
    const first = (arrival.uasc ? params.uasc?.firstPlacement : params.entries.firstPlacement)?.[arrival.band] ?? { other: 1 };
    const category = (draw(first, PLACEMENT_CATEGORIES, attrs) ?? 'other') as PlacementCategory;
    const maleShare = arrival.uasc ? (params.uasc?.maleShare ?? 0.9) : (params.entries.maleShare ?? 0.55);
    const id = newChild(birth, day, arrival.uasc, route, attrs.bernoulli(maleShare));
    follow(birth, day, day, PLACEMENT_CATEGORIES.indexOf(category), arrival.uasc, 'entry', id);
  }
  return { start: params.start, end: params.end, episodes, children };
}
