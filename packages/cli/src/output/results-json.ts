import type { Results } from '@carecast/engine';

/**
 * results.json's bytes: the document as JSON indented by two spaces, with a final newline, in UTF-8.
 * Encoded at once, so that its text (the pieces JSON.stringify joins lazily, 3.9 MB for a run of
 * Anytown) dies young instead of being copied and promoted by the collector while the report is drawn
 * (session 20, README).
 */
export function resultsJson(results: Results): Uint8Array {
  return Buffer.from(`${JSON.stringify(results, null, 2)}\n`, 'utf8');
}
