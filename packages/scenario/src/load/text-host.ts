import { ScenarioError } from '../errors.js';
import { compileScenarioFrom, type CompiledScenarioFile } from './compile-file.js';
import type { ScenarioHost } from './load-scenario.js';

/** POSIX `resolve` for a host without a file system: `from` is absolute; `.` and `..` are folded. */
function resolve(from: string, to: string): string {
  const parts: string[] = [];
  for (const p of `${to.startsWith('/') ? '' : from}/${to}`.split('/')) {
    if (p === '' || p === '.') continue;
    if (p === '..') parts.pop();
    else parts.push(p);
  }
  return `/${parts.join('/')}`;
}

const dirname = (path: string): string => {
  const cut = path.lastIndexOf('/');
  return cut <= 0 ? '/' : path.slice(0, cut);
};

function relative(from: string, to: string): string {
  const a = resolve('/', from).split('/').filter((p) => p !== '');
  const b = resolve('/', to).split('/').filter((p) => p !== '');
  let same = 0;
  while (same < a.length && same < b.length && a[same] === b[same]) same++;
  return [...a.slice(same).map(() => '..'), ...b.slice(same)].join('/');
}

export interface TextOptions {
  /** Reads any other file a scenario names with `extends` (an absolute POSIX path); rejects with `{ code: 'ENOENT' }` when there is none. */
  readText: (absolutePath: string) => Promise<string>;
  /** The folder `file` is relative to (an absolute POSIX path). __Default value:__ `/` */
  cwd?: string;
  /**
   * `false` leaves out the engine's parameter checks (one compilation of the model), for a caller that
   * compiles the model next anyway (the explorer's preview runs `projectExpected`, which makes the same
   * checks and throws ParameterError); `warnings` is then empty. __Default value:__ `true`
   */
  engineCheck?: boolean;
  /**
   * What `text` parses to, when the caller holds it (the explorer's YAML document it edits in place,
   * `doc.toJS({ maxAliasCount: 100 })`): the file is compiled from it, with the same checks, without
   * parsing `text`, and `text` may then be a function giving it, called only for a scenario with issues
   * (the explorer writes its document as text while the preview projects). Taken as is, not copied. A
   * scenario with issues is compiled again from `text` alone, so its issues are the text's, with their
   * lines and columns.
   */
  value?: Record<string, unknown>;
}

/**
 * Compiles `text` as the content of `file`, exactly as `carecast run` compiles that file, without a file
 * system (a browser): `extends` is read through `options.readText`. Throws ScenarioError whose issues
 * carry `file:line:col`.
 */
export function compileScenarioText(file: string, text: string | (() => string), options: TextOptions): Promise<CompiledScenarioFile> {
  const cwd = options.cwd ?? '/';
  const own = resolve(cwd, file);
  let written = typeof text === 'string' ? text : undefined;
  const textOf = (): string => (written ??= (text as () => string)());
  const host: ScenarioHost = {
    readText: (path) => (path === own ? Promise.resolve(textOf()) : options.readText(path)),
    cwd,
    resolve,
    dirname,
    relative,
  };
  const engineCheck = options.engineCheck ?? true;
  const { value } = options;
  if (value === undefined) return compileScenarioFrom(file, host, engineCheck);
  const fromValue: ScenarioHost = { ...host, givenValue: (path) => (path === own ? { value, text: textOf } : undefined) };
  return compileScenarioFrom(file, fromValue, engineCheck).catch((error: unknown) => {
    if (error instanceof ScenarioError) return compileScenarioFrom(file, host, engineCheck);
    throw error;
  });
}
