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

/** Its answer: the preview's rows (and the milliseconds the worker spent on them), or the engine's refusal of the parameters (a ParameterError), or another failure. */
export type ProjectionReply = { id: number } & ({ ok: true; rows: SeriesRow[]; workerMs: number } | { ok: false; parameterError: boolean; message: string });
