import { DataError } from './errors.js';
import { yearFromName, type Ssda903Files } from './ssda903.js';

/** A CSV found in the folder given: directly in it (`sub` undefined) or in one of its sub-folders. */
export interface FoundFile {
  /** The file's path as messages name it. */
  path: string;
  /** The file's own name. */
  name: string;
  /** The sub-folder's name (one level down); undefined for a file in the folder itself. */
  sub?: string | undefined;
  /** The folder it sits in, as messages name it. */
  dir: string;
}

const order = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Depth first with each folder's entries by name (code-point order): a sub-folder's files sort at the sub-folder's own name among the files. */
export const byFolderThenName = (a: FoundFile, b: FoundFile): number =>
  order(a.sub ?? a.name, b.sub ?? b.name) || order(a.sub === undefined ? '' : a.name, b.sub === undefined ? '' : b.name);

/**
 * The Header, Episodes and UASC CSVs among the files of a folder of one return or of per-year
 * sub-folders (named like `2024` or `2023-24`); file names need only contain `header`, `episodes` or
 * `uasc` (any case). One rule for a folder on disk (node-files.ts) and files dropped on a page
 * (text-files.ts): files in folder-then-name order, each year from its sub-folder's, else the folder's,
 * else its own name, and the folders holding Episodes without a UASC file.
 */
export function ssda903Layout(folder: string, folderName: string, found: readonly FoundFile[]): Ssda903Files {
  const files: Ssda903Files & { uasc: string[]; missingUasc: string[] } = { header: [], episodes: [], uasc: [], missingUasc: [] };
  const years = new Map<string, number>();
  const rootYear = yearFromName(folderName);
  const sorted = [...found].sort(byFolderThenName);
  const perDir = new Map<string, { sub: string | undefined; episodes: number; uasc: number }>();
  for (const f of sorted) {
    if (!/\.csv$/i.test(f.name)) continue;
    const lower = f.name.toLowerCase();
    const list = lower.includes('episode') ? files.episodes : lower.includes('uasc') ? files.uasc : lower.includes('header') ? files.header : null;
    if (!list) continue;
    list.push(f.path);
    const here = perDir.get(f.dir) ?? { sub: f.sub, episodes: 0, uasc: 0 };
    perDir.set(f.dir, here);
    if (list === files.episodes) here.episodes++;
    if (list === files.uasc) here.uasc++;
    const y = (f.sub === undefined ? rootYear : yearFromName(f.sub)) ?? yearFromName(f.name);
    if (y !== undefined) years.set(f.path, y);
  }
  // Sub-folders as they finish, in order, then the folder itself.
  const dirs = [...perDir.entries()].sort(([, a], [, b]) => (a.sub === undefined ? 1 : b.sub === undefined ? -1 : order(a.sub, b.sub)));
  for (const [dir, n] of dirs) if (n.episodes > 0 && n.uasc === 0) files.missingUasc.push(dir);
  if (files.header.length === 0 || files.episodes.length === 0) {
    throw new DataError(folder, 0, 0, 'no Header or Episodes CSV found; expected files named like header.csv and episodes.csv (per year sub-folders allowed)');
  }
  files.yearOf = (f) => years.get(f);
  return files;
}
