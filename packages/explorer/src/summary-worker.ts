// A Web Worker of the run's summaries: the engine's `summarise` (or `summariseDifference`) of the series
// the page sends it, while the page and the other summary workers summarise the rest (src/summaries.ts).
import { summarise, summariseDifference } from '@carecast/engine';
import { partRun, type SummaryReply, type SummaryRequest } from './summary-parts.js';

const scope = globalThis as unknown as {
  onmessage: ((event: { data: SummaryRequest }) => void) | null;
  postMessage(message: SummaryReply, transfer: ArrayBuffer[]): void;
};

scope.onmessage = ({ data: { id, dates, replications, parts, scenario } }) => {
  // The buffers go back to the page, which fills them with the next run's values.
  const buffers = parts.map((part) => part.values.buffer as ArrayBuffer);
  try {
    const [first, second] = parts.map((part) => partRun(dates, replications, part));
    const rows = second === undefined ? summarise(first!) : summariseDifference(first!, second, scenario!);
    scope.postMessage({ id, buffers, ok: true, rows }, buffers);
  } catch (error) {
    scope.postMessage({ id, buffers, ok: false, message: error instanceof Error ? error.message : String(error) }, buffers);
  }
};
