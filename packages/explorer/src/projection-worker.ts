// The preview's Web Worker: the expected-value projection off the page's thread, so the form and the
// YAML view stay responsive while it runs; the page sends the parameters, it answers with the rows the
// preview draws.
import { ParameterError, projectExpected } from '@carecast/engine';
import { forPreview, wallNow, type ProjectionReply, type ProjectionRequest } from './preview-rows.js';

const scope = globalThis as unknown as {
  onmessage: ((event: { data: ProjectionRequest }) => void) | null;
  postMessage(message: ProjectionReply): void;
};

scope.onmessage = ({ data: { id, params } }) => {
  try {
    const takenAt = wallNow();
    const rows = forPreview(projectExpected(params));
    scope.postMessage({ id, ok: true, rows, takenAt, answeredAt: wallNow() });
  } catch (error) {
    scope.postMessage({ id, ok: false, parameterError: error instanceof ParameterError, message: error instanceof Error ? error.message : String(error) });
  }
};
