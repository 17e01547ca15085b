import { lstat, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { UsageError } from '../errors.js';
import { uniqueTag } from './output-store.js';
import { writeError } from './write-errors.js';

/**
 * Writes several files (absolute path -> content) together or not at all, e.g. a calibrated scenario
 * and its evidence. Every file is first written in full beside its target and every target checked (a
 * folder or an unwritable place is refused with exit 2 before anything changes); then each replaces its
 * target by rename, and if one rename fails the files already replaced get their earlier content back.
 */
export async function writeFilesTogether(files: ReadonlyMap<string, string | Uint8Array>, shown: (path: string) => string = (p) => p): Promise<void> {
  const tag = uniqueTag();
  const staged: { path: string; temp: string; backup?: string }[] = [];
  try {
    for (const [path, data] of files) {
      const st = await lstat(path).catch(() => undefined);
      if (st?.isDirectory()) throw new UsageError(`${shown(path)} is a folder; expected a file name to write`);
      const temp = `${path}.carecast-${tag}.tmp`;
      try {
        await mkdir(dirname(path), { recursive: true });
        await writeFile(temp, data);
      } catch (err) {
        throw writeError(err, shown(path), 'choose a file in a folder you can write');
      }
      staged.push({ path, temp, ...(st !== undefined ? { backup: `${path}.carecast-${tag}.old` } : {}) });
    }
    const done: typeof staged = [];
    try {
      for (const s of staged) {
        if (s.backup !== undefined) await rename(s.path, s.backup);
        await rename(s.temp, s.path);
        done.push(s);
      }
    } catch (err) {
      for (const s of done.reverse()) {
        if (s.backup !== undefined) await rename(s.backup, s.path);
        else await rm(s.path, { force: true });
      }
      throw writeError(err, 'the files', 'nothing was changed');
    }
    for (const s of staged) if (s.backup !== undefined) await rm(s.backup, { force: true });
  } finally {
    for (const s of staged) await rm(s.temp, { force: true });
  }
}
