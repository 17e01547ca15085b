import { isMap, isSeq, parseDocument, type Document } from 'yaml';

/** The scenario text as a YAML document, edited in place so that comments and layout survive. */
export type ScenarioDoc = Document.Parsed;

/** Parses the text; undefined when it is not well-formed YAML (the compiler reports where). */
export function parseScenarioDoc(text: string): ScenarioDoc | undefined {
  const doc = parseDocument(text, { keepSourceTokens: false });
  return doc.errors.length > 0 ? undefined : doc;
}

/** The document as text, never refolding long lines. */
export function docText(doc: ScenarioDoc): string {
  return doc.toString({ lineWidth: 0 });
}

/**
 * What the document's text (docText) parses to, as the scenario loader reads it: a new object, for
 * compiling an edit without parsing the text written from it again.
 */
export function docValue(doc: ScenarioDoc): Record<string, unknown> {
  return doc.toJS({ maxAliasCount: 100 }) as Record<string, unknown>;
}

/** The levers written in this file (not those it extends), as plain values. */
export function leversOf(doc: ScenarioDoc): Record<string, unknown>[] {
  const levers = doc.get('levers');
  if (!isSeq(levers)) return [];
  return levers.items.map((item) => (isMap(item) ? (item.toJSON() as Record<string, unknown>) : {}));
}

/** Sets (or, with undefined, removes) one setting of lever `index`. */
export function setLeverValue(doc: ScenarioDoc, index: number, key: string, value: unknown): void {
  if (value === undefined) doc.deleteIn(['levers', index, key]);
  else doc.setIn(['levers', index, key], value);
}

/** Appends a lever; its mapping is written in block style. */
export function addLever(doc: ScenarioDoc, lever: Record<string, unknown>): void {
  const levers = doc.get('levers');
  const node = doc.createNode(lever);
  if (isSeq(levers)) {
    levers.flow = false;
    levers.items.push(node);
  } else doc.set('levers', doc.createNode([lever]));
}

export function removeLever(doc: ScenarioDoc, index: number): void {
  const levers = doc.get('levers');
  if (isSeq(levers)) levers.items.splice(index, 1);
}

/** Moves lever `index` by `step` places (-1 up, +1 down); levers apply in order. */
export function moveLever(doc: ScenarioDoc, index: number, step: number): void {
  const levers = doc.get('levers');
  if (!isSeq(levers)) return;
  const to = index + step;
  if (to < 0 || to >= levers.items.length) return;
  const [item] = levers.items.splice(index, 1);
  levers.items.splice(to, 0, item);
}
