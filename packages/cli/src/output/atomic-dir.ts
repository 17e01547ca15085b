import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { UsageError } from '../errors.js';

/** Relative path inside the output directory -> file content. */
export type OutputFiles = ReadonlyMap<string, string | Uint8Array>;

async function kind(path: string): Promise<'dir' | 'file' | 'none'> {
  try {
    return (await stat(path)).isDirectory() ? 'dir' : 'file';
  } catch {
    return 'none';
  }
}

/**
 * Writes `files` into `dir` as one unit. Everything is first written to a temporary directory beside
 * `dir`; only when all of it is there are the new top-level entries (results.json, charts/, ...) swapped
 * in by rename, each replacing its earlier version, and rolled back if a swap fails. So a failed run
 * leaves `dir` as it was, and entries of `dir` this run does not write (another run's folder) are kept.
 */
export async function writeDirAtomically(dir: string, files: OutputFiles | (() => Promise<OutputFiles>)): Promise<void> {
  const target = resolve(dir);
  const targetKind = await kind(target);
  if (targetKind === 'file') throw new UsageError(`${dir} is a file; expected a directory for the results`);
  const parent = dirname(target);
  await mkdir(parent, { recursive: true });
  const tag = `${process.pid}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  const temp = join(parent, `.${basename(target)}.tmp-${tag}`);
  await mkdir(temp);
  try {
    const content = typeof files === 'function' ? await files() : files;
    for (const [rel, data] of content) {
      const path = resolve(temp, rel);
      if (relative(temp, path).startsWith('..')) throw new Error(`output file "${rel}" would land outside the output directory`);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, data);
    }
    if (targetKind === 'none') {
      await rename(temp, target);
      return;
    }
    await swapEntries(temp, target, join(parent, `.${basename(target)}.old-${tag}`));
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}

/** Moves each top-level entry of `from` into `to`, keeping replaced entries in `backup` until all succeed. */
async function swapEntries(from: string, to: string, backup: string): Promise<void> {
  await mkdir(backup);
  const replaced: string[] = [];
  const placed: string[] = [];
  try {
    for (const entry of await readdir(from)) {
      if ((await kind(join(to, entry))) !== 'none') {
        await rename(join(to, entry), join(backup, entry));
        replaced.push(entry);
      }
      await rename(join(from, entry), join(to, entry));
      placed.push(entry);
    }
  } catch (err) {
    for (const entry of placed) await rm(join(to, entry), { recursive: true, force: true });
    for (const entry of replaced) await rename(join(backup, entry), join(to, entry));
    await rm(backup, { recursive: true, force: true });
    throw err;
  }
  await rm(backup, { recursive: true, force: true });
}

/** An output directory as messages show it: relative to `cwd` when inside it, else absolute. */
export function shownDir(cwd: string, dir: string): string {
  const abs = resolve(cwd, dir);
  const rel = relative(cwd, abs);
  return rel === '' ? '.' : rel.startsWith('..') ? abs : rel;
}
