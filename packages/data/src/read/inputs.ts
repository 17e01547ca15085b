import { basename, dirname, resolve } from 'node:path';
import { DataError } from './errors.js';
import { findSsda903Files } from './node-files.js';
import { yearFromName, type Ssda903Files } from './ssda903.js';

/** Where the returns are: a folder (of per-year sub-folders), or lists of files. */
export interface InputSelection {
  folder?: string;
  header?: readonly string[];
  episodes?: readonly string[];
  uasc?: readonly string[];
}

/**
 * Resolves an input selection against `cwd` into the files to read. A listed file's collection year
 * comes from its YEAR column, else from its folder's or its own name (`2024`, `2023-24`).
 */
export async function locateInputs(selection: InputSelection, cwd: string): Promise<Ssda903Files> {
  if (selection.folder !== undefined) {
    if (selection.header?.length || selection.episodes?.length || selection.uasc?.length) {
      throw new DataError(selection.folder, 0, 0, 'give either a folder or --header/--episodes files, not both');
    }
    return findSsda903Files(resolve(cwd, selection.folder));
  }
  const header = (selection.header ?? []).map((f) => resolve(cwd, f));
  const episodes = (selection.episodes ?? []).map((f) => resolve(cwd, f));
  const uasc = (selection.uasc ?? []).map((f) => resolve(cwd, f));
  if (header.length === 0 || episodes.length === 0) {
    throw new DataError(header[0] ?? episodes[0] ?? cwd, 0, 0, 'expected Episodes and Header files (or a folder holding them)');
  }
  return {
    header,
    episodes,
    uasc,
    yearOf: (f) => yearFromName(basename(dirname(f))) ?? yearFromName(basename(f)),
    ...(uasc.length === 0 ? { missingUasc: [episodes[0]!] } : {}),
  };
}
