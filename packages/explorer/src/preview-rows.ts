import type { ModelParameters, SeriesRow } from '@carecast/engine';

/** The report's charts the preview redraws: the two that compare with the baseline. */
export const PREVIEW_CHARTS = ['scenario-comparison', 'cost-avoided'] as const;

/** The rows those two charts read (report's scenarioView of in_care and cost totals): the preview carries no others. */
export const forPreview = (rows: readonly SeriesRow[]): SeriesRow[] => rows.filter((r) => r.category === 'total' && (r.metric === 'in_care' || r.metric === 'cost'));

/** What the projection worker is asked: project `params` (request `id`). */
export interface ProjectionRequest {
  id: number;
  params: ModelParameters;
}

/**
 * Its answer: the preview's rows, with when the worker took the request and when it answered (wall
 * clock, `performance.timeOrigin + performance.now()`, comparable between the page and the worker), or
 * the engine's refusal of the parameters (a ParameterError), or another failure.
 */
export type ProjectionReply = { id: number } & ({ ok: true; rows: SeriesRow[]; takenAt: number; answeredAt: number } | { ok: false; parameterError: boolean; message: string });

/** Now on the wall clock shared by the page and its workers (milliseconds). */
export const wallNow = (): number => performance.timeOrigin + performance.now();
