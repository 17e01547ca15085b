// Charts compiled ahead of time, from Vega-Lite through Vega to Vega's runtime dataflow (what
// `vega.parse` gives and a `vega.View` runs), with the rows and titles left as placeholders, so that
// drawing a chart whose spec has the same shape as one seen before skips the Vega-Lite compiler and
// Vega's parser (about a third of a chart's time, and the compiler's own loading). Both pass inline
// rows through untouched, and titles as text (Vega writes them into the code of its encoders, as
// JSON string literals), so compiling a spec with them replaced by placeholders and then putting them
// back gives what compiling the whole spec gives: `makeTemplate` checks exactly that for every
// template it makes, `fillTemplate` declines a title JSON would write otherwise than as it is, and a
// spec of another shape is compiled as before.
import { createHash } from 'node:crypto';
import type { TopLevelSpec } from 'vega-lite';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The key in the one row standing for a data set's rows. */
const ROWS = '$carecast_rows';
/** Starts a title's placeholder, `@carecast_text_<n>@`: written the same as text and as a JSON string. */
const MARK = '@carecast_text_';
/** Whether JSON (and so Vega, writing a title into code: vega-util's stringValue) writes `text` otherwise than as it is. */
const escaped = (text: string): boolean => JSON.stringify(text) !== `"${text}"` || /[\u2028\u2029]/.test(text);
/** Bumped when the placeholders change, so templates made by another scheme are never used. */
const SCHEME = 2;

/** A spec with its rows and view titles replaced by placeholders, and what they stood for. */
export interface AbstractSpec {
  /** What a template is found by: a hash of the placeholder spec and the compilers' versions. */
  readonly key: string;
  readonly spec: TopLevelSpec;
  /** Each distinct data set's rows, as JSON text, by placeholder number. */
  readonly rows: readonly string[];
  /** Each distinct title text, by placeholder number. */
  readonly texts: readonly string[];
}

/**
 * Compiled charts (Vega runtime specs, as JSON text with the placeholders) by key (`AbstractSpec.key`):
 * what `chartTemplates` makes and the renderer looks up.
 */
export type VegaTemplates = Readonly<Record<string, string>>;

/**
 * `spec` with every inline data set's rows replaced by one placeholder row (equal rows by the same
 * one, as Vega-Lite merges equal data sets) and every view title and subtitle (not the axis, legend or
 * tooltip titles inside encodings, which Vega-Lite may write into expressions) by a placeholder text.
 */
export function abstractSpec(spec: TopLevelSpec, compilerVersions: string): AbstractSpec {
  const rows = new Map<string, number>();
  const texts = new Map<string, number>();
  const token = (s: unknown): unknown => {
    if (typeof s !== 'string') return s;
    let k = texts.get(s);
    if (k === undefined) texts.set(s, (k = texts.size));
    return `${MARK}${k}@`;
  };
  const title = (t: unknown): unknown => {
    if (Array.isArray(t)) return t.map(token);
    if (!isObject(t)) return token(t);
    const out: Json = { ...t };
    if ('text' in t) out['text'] = title(t['text']);
    if ('subtitle' in t) out['subtitle'] = title(t['subtitle']);
    return out;
  };
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (!isObject(v)) return v;
    const out: Json = {};
    for (const [k, x] of Object.entries(v)) {
      if (k === 'data' && isObject(x) && Array.isArray(x['values'])) {
        const text = JSON.stringify(x['values']);
        let i = rows.get(text);
        if (i === undefined) rows.set(text, (i = rows.size));
        out[k] = { ...x, values: [{ [ROWS]: i }] };
      } else if (k === 'title') out[k] = title(x);
      else if (k === 'encoding' || k === 'config') out[k] = x;
      else out[k] = walk(x);
    }
    return out;
  };
  const abstract = walk(spec) as TopLevelSpec;
  const key = createHash('sha256').update(`${SCHEME} ${compilerVersions} ${JSON.stringify(abstract)}`).digest('base64url');
  return { key, spec: abstract, rows: [...rows.keys()], texts: [...texts.keys()] };
}

/** A placeholder in a template's JSON text: a data set's rows (1) or a title (2). */
const PLACEHOLDER = new RegExp(`\\[\\{"\\${ROWS}":(\\d+)\\}\\]|${MARK}(\\d+)@`, 'g');

/**
 * A template (JSON text) with the rows and titles of `abstract` put back: what compiling the whole
 * spec gives; or undefined when a title holds a character JSON escapes (a quote, a backslash, a
 * control character), which the template's text and the code of Vega's encoders would hold escaped
 * (the spec is then compiled). One pass over the text and one JSON.parse.
 */
export function fillTemplate(template: string, abstract: AbstractSpec): unknown {
  if (abstract.texts.some(escaped)) return undefined;
  return JSON.parse(template.replace(PLACEHOLDER, (_, rows?: string, text?: string) => (rows !== undefined ? abstract.rows[Number(rows)]! : abstract.texts[Number(text)]!)));
}

/**
 * The template of `spec` (compiled with `compile`, as JSON text), when putting its rows and titles
 * back gives exactly what compiling `spec` itself gives; undefined otherwise (that shape is then
 * always compiled).
 */
export async function makeTemplate(
  spec: TopLevelSpec,
  compile: (spec: TopLevelSpec) => unknown,
  compilerVersions: string,
): Promise<{ key: string; template: string } | undefined> {
  const abstract = abstractSpec(spec, compilerVersions);
  const template = JSON.stringify(await compile(abstract.spec));
  const filled = fillTemplate(template, abstract);
  if (filled === undefined) return undefined;
  return JSON.stringify(filled) === JSON.stringify(await compile(spec)) ? { key: abstract.key, template } : undefined;
}
