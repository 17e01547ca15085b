import { DataError } from './errors.js';
import { ssda903Layout, type FoundFile } from './layout.js';
import { oc3Layout, sumOc3Tables, type Oc3Read } from './oc3-tables.js';
import { readSsda903Tables, type RawReturn } from './ssda903.js';

/** A file handed over by a browser (a dropped or picked File) or held as text: its path and its text. */
export interface TextFile {
  /** Path relative to what was dropped: `episodes.csv`, `2024/episodes.csv` or `returns/2024/episodes.csv`. */
  path: string;
  /** The text, whole or as a stream of UTF-8 bytes (a File's `stream()`). */
  content: string | ReadableStream<Uint8Array>;
}

/** A stream of UTF-8 bytes as text chunks, as Node's file streams give them. */
async function* decoded(bytes: ReadableStream<Uint8Array>): AsyncIterable<string> {
  // Node's and the DOM's typings of TextDecoderStream differ in what they accept (Uint8Array, BufferSource).
  const reader = bytes.pipeThrough<string>(new TextDecoderStream('utf-8') as unknown as TransformStream<Uint8Array, string>).getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

async function* whole(text: string): AsyncIterable<string> {
  yield text;
}

/**
 * The files as found in a folder: below a common leading folder (a dropped folder's name), when they
 * share one, that is the folder given; files deeper than one sub-folder are left out.
 */
function asFolder(files: readonly TextFile[]): { found: FoundFile[]; folder: string; folderName: string; content: Map<string, TextFile['content']> } {
  const parts = files.map((f) => f.path.split('/').filter((p) => p !== ''));
  const first = parts[0]?.[0];
  const shared = first !== undefined && parts.every((p) => p.length > 1 && p[0] === first);
  const folder = shared ? first : '.';
  const found: FoundFile[] = [];
  const content = new Map<string, TextFile['content']>();
  parts.forEach((p, i) => {
    const rel = shared ? p.slice(1) : p;
    if (rel.length > 2) return;
    const path = files[i]!.path;
    content.set(path, files[i]!.content);
    found.push(rel.length === 1 ? { path, name: rel[0]!, dir: folder } : { path, name: rel[1]!, sub: rel[0]!, dir: shared ? `${folder}/${rel[0]}` : rel[0]! });
  });
  return { found, folder, folderName: shared ? folder : '', content };
}

const textOf = (content: TextFile['content']): AsyncIterable<string> => (typeof content === 'string' ? whole(content) : decoded(content));

/**
 * Reads SSDA903 returns from files without a file system (a browser): the files dropped, in any layout
 * `carecast calibrate --folder` reads (one return's files, per-year sub-folders, per-year file names,
 * stacked files with LA and YEAR columns), through the same layout rules and CSV reader as the command
 * line. A common leading folder (a dropped folder's name) counts as the folder given.
 */
export function readSsda903Texts(files: readonly TextFile[]): Promise<RawReturn> {
  const { found, folder, folderName, content } = asFolder(files);
  if (found.length === 0) return Promise.reject(new DataError(folder, 0, 0, 'no files; expected SSDA903 CSV files (header*.csv, episodes*.csv, uasc*.csv)'));
  let layout;
  try {
    layout = ssda903Layout(folder, folderName, found);
  } catch (e) {
    return Promise.reject(e as Error);
  }
  return readSsda903Tables(layout, (file) => textOf(content.get(file)!));
}

/**
 * The OC3 care-leaver tables among files handed over without a file system, as `carecast calibrate
 * --folder` finds them in a folder (oc3Layout), read and summed (see sumOc3Tables); undefined when
 * there are none. `fallbackYear` is the 31 March ending the reference window.
 */
export async function readOc3Texts(files: readonly TextFile[], fallbackYear: number): Promise<Oc3Read | undefined> {
  const { found, folderName, content } = asFolder(files);
  const oc3 = oc3Layout(folderName, found);
  if (oc3.length === 0) return undefined;
  return sumOc3Tables(oc3, fallbackYear, (path) => textOf(content.get(path)!));
}
