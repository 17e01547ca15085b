import { dayToIso, isoToDay, monthEnds, type ModelParameters } from '@carecast/engine';

/** The dates of a run's series: the start, then every month end to the end (as `simulate` writes them). */
export function runDates(params: Pick<ModelParameters, 'start' | 'end'>): string[] {
  return [params.start, ...monthEnds(isoToDay(params.start), isoToDay(params.end)).map(dayToIso)];
}
