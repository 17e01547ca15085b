import { createReadStream } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { DataError } from './errors.js';
import { ssda903Layout, type FoundFile } from './layout.js';
import { readSsda903Tables, type RawReturn, type Ssda903Files } from './ssda903.js';

/** A file on disk as UTF-8 text in 1 MB chunks. */
export function nodeFileChunks(file: string): AsyncIterable<string> {
  return createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 }) as AsyncIterable<string>;
}

/** Streams SSDA903 Header, Episodes and UASC files from disk into memory-light rows, validating as it goes. */
export function readSsda903(input: Ssda903Files): Promise<RawReturn> {
  return readSsda903Tables(input, nodeFileChunks);
}

/**
 * Finds the Header, Episodes and UASC CSVs in a folder of one return, or in its sub-folders (one per
 * collection year, named like `2024` or `2023-24`); file names need only contain `header`,
 * `episodes` or `uasc` (any case). The layout rules are layout.ts's.
 */
export async function findSsda903Files(folder: string): Promise<Ssda903Files> {
  return ssda903Layout(folder, basename(folder), await listFolder(folder));
}

/** The files in a folder and in its sub-folders (one level down), in no particular order. */
export async function listFolder(folder: string): Promise<FoundFile[]> {
  const found: FoundFile[] = [];
  const list = async (dir: string) => {
    try {
      return await readdir(dir, { withFileTypes: true });
    } catch (e) {
      throw new DataError(dir, 0, 0, `cannot read the folder (${(e as NodeJS.ErrnoException).code}); expected a folder of SSDA903 CSV files`);
    }
  };
  for (const entry of await list(folder)) {
    if (entry.isDirectory()) {
      const dir = join(folder, entry.name);
      for (const inner of await list(dir)) if (inner.isFile()) found.push({ path: join(dir, inner.name), name: inner.name, sub: entry.name, dir });
    } else if (entry.isFile()) found.push({ path: join(folder, entry.name), name: entry.name, dir: folder });
  }
  return found;
}
