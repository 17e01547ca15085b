import type { RandomStream } from '../../random/random-stream.js';
import { anniversaryDay } from '../calendar.js';
import { DAYS_PER_YEAR } from '../dates.js';
import { AGE_BAND_COUNT, AGE_BAND_END_YEARS, AGE_BAND_START_YEARS, AGE_BANDS, OLDEST_AGE_IN_CARE_DAYS } from '../domain/age-bands.js';
import { SIXTEEN_PLUS_BAND } from '../domain/eligibility.js';
import { scheduleChild } from './child-events.js';
import { addToCategory, drawOutOfArea, newChild, seedFrom } from './children.js';
import { place, settle } from './placement.js';
import type { PreparedModel } from './prepared.js';
import { joinStepAcross } from './step-across.js';
import { EV_ENTRY, EVENT_KINDS, PRIORITY_CHILD, type ReplicationState } from './state.js';

// Entries: one Poisson arrival process per (UASC, age band, route) cell, each with its own stream.

/** Draws the next arrival of entry cell `k` at the rate in force. */
export function scheduleArrival(st: ReplicationState, k: number): void {
  const h = st.entryHandle[k]!;
  if (h >= 0) st.sim.cancel(h);
  st.entryHandle[k] = -1;
  const rate = st.epoch.entryPerDay[k]!;
  const rng = st.rngEntries[k];
  if (!(rate > 0) || !rng) return;
  const t = st.sim.now + rng.exponential(rate);
  if (t < st.endTime) st.entryHandle[k] = st.sim.scheduleAt(t, k * EVENT_KINDS + EV_ENTRY, PRIORITY_CHILD);
}

/** An arrival in entry cell `k`: a new child with its age, sex and preference, placed by the rule. */
export function onArrival(st: ReplicationState, k: number): void {
  st.entryHandle[k] = -1;
  const m = st.m;
  const p = st.prepared;
  const rng = st.rngAttributes[k]!;
  const u = p.entryUasc[k]!;
  const b = p.entryBand[k]!;
  const now = st.sim.now;
  const birth = drawBirthDay(rng, b, Math.floor(now));
  const bandEnd = drawnBandEnd;
  const sex = rng.random() < (u === 1 ? m.uascMaleShare : m.maleShare) ? 0 : 1;
  const need = drawFirstNeed(p, rng, k);
  const s = newChild(st, birth, now, u, sex, p.entryRoute[k]!, seedFrom(rng), b, bandEnd);
  st.placeStart[s] = now;
  const r = place(st, s, need, -1, b < SIXTEEN_PLUS_BAND, -1);
  addToCategory(st, s, r, drawOutOfArea(st, s, r), 'entry');
  st.entries[r]!++;
  st.entriesUasc[r] = st.entriesUasc[r]! + u;
  st.entriesByAge[b]!++;
  settle(st, s, need, r, -1);
  joinStepAcross(st, s, need, r);
  scheduleChild(st, s);
  scheduleArrival(st, k);
}

/**
 * An entrant of cell `k`'s first need, drawn as `rng.categorical(m.firstNeed[u][b], total)` draws it (the
 * same uniform, the same subtractions, the same index) from the cell's weights that are not <= 0, the
 * only ones `categorical` looks at (prepared.ts; 3-5 of 17 in the baseline).
 */
export function drawFirstNeed(p: PreparedModel, rng: RandomStream, k: number): number {
  const total = p.entrantNeedTotal[k]!;
  if (!(total > 0)) return -1;
  let u = rng.random() * total;
  const code = p.entrantNeedCode;
  const weight = p.entrantNeedWeight;
  let last = -1;
  for (let i = p.entrantNeedFrom[k]!, to = p.entrantNeedFrom[k + 1]!; i < to; i++) {
    const w = weight[i]!;
    last = code[i]!;
    if (u < w) return last;
    u -= w;
  }
  return last;
}

/** Per age band: the youngest and oldest age drawn for it, in whole days (`drawBirthDay`). */
const BIRTH_AGE_LOW_DAYS = Int32Array.from(AGE_BANDS, (band) => Math.ceil(AGE_BAND_START_YEARS[band] * DAYS_PER_YEAR));
const BIRTH_AGE_HIGH_DAYS = Int32Array.from(AGE_BANDS, (_, b) =>
  b === AGE_BAND_COUNT - 1 ? OLDEST_AGE_IN_CARE_DAYS : Math.ceil(AGE_BAND_END_YEARS[b]! * DAYS_PER_YEAR) - 1,
);

/** The birthday that ends the band of the last `drawBirthDay` (set by it; read at once by its caller). */
export let drawnBandEnd = 0;

/**
 * A birth day for a child in age band `b` on `day`: age uniform in the band, in whole days. The birthday
 * at the band's end (after `day`), which the draw works out to check the age, is left in `drawnBandEnd`
 * for `newChild`, so it is not worked out twice.
 */
export function drawBirthDay(rng: RandomStream, b: number, day: number): number {
  return drawBirthDayWithin(rng, b, day, BIRTH_AGE_LOW_DAYS[b]!, BIRTH_AGE_HIGH_DAYS[b]!);
}

/**
 * A birth day for a child in age band `b` aged `ageYears` whole years on `day`: age uniform in that year
 * (in whole days, 365.25-day years, never 18), with `drawnBandEnd` set as `drawBirthDay` does.
 */
export function drawBirthDayInYear(rng: RandomStream, b: number, ageYears: number, day: number): number {
  const lo = Math.ceil(ageYears * DAYS_PER_YEAR);
  const hi = Math.min(BIRTH_AGE_HIGH_DAYS[b]!, Math.ceil((ageYears + 1) * DAYS_PER_YEAR) - 1);
  return drawBirthDayWithin(rng, b, day, lo, hi);
}

function drawBirthDayWithin(rng: RandomStream, b: number, day: number, loDays: number, hiDays: number): number {
  const endYears = AGE_BAND_END_YEARS[b]!;
  let birth = day - rng.integer(loDays, hiDays);
  let end = anniversaryDay(birth, endYears);
  while (end <= day) end = anniversaryDay(++birth, endYears);
  drawnBandEnd = end;
  return birth;
}
