import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { UsageError } from '../errors.js';
import { basename, dirname, join, relative, resolve } from 'node:path';

/** Relative path inside the output directory -> file content. */
export type OutputFiles = ReadonlyMap<string, string | Uint8Array>;

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/** Files whose presence shows a directory holds Carecast output that a new run may replace. */
const MARKERS = ['results.json', 'report.html'];

/** Refuses to replace a directory that exists, is not empty and does not hold Carecast output. */
async function checkReplaceable(target: string): Promise<void> {
  let entries: string[];
  try {
    const s = await stat(target);
    if (!s.isDirectory()) throw new UsageError(`${target} exists and is not a directory; choose another output directory`);
    entries = await readdir(target);
  } catch (err) {
    if (err instanceof UsageError) throw err;
    return;
  }
  if (entries.length > 0 && !MARKERS.some((m) => entries.includes(m))) {
    throw new UsageError(
      `${target} is not empty and holds no Carecast results (results.json); choose a new or earlier output directory`,
    );
  }
}

/**
 * Writes `files` into `dir` all at once: they go to a temporary directory beside `dir`, which then
 * replaces `dir` by rename. If anything fails, `dir` keeps its earlier content and the temporary
 * directory is removed.
 */
export async function writeDirAtomically(dir: string, files: OutputFiles | (() => Promise<OutputFiles>)): Promise<void> {
  const target = resolve(dir);
  await checkReplaceable(target);
  const parent = dirname(target);
  await mkdir(parent, { recursive: true });
  const tag = `${process.pid}-${Date.now().toString(36)}`;
  const temp = join(parent, `.${basename(target)}.tmp-${tag}`);
  const old = join(parent, `.${basename(target)}.old-${tag}`);
  await mkdir(temp);
  try {
    const content = typeof files === 'function' ? await files() : files;
    for (const [rel, data] of content) {
      const path = resolve(temp, rel);
      if (!path.startsWith(temp)) throw new Error(`output file "${rel}" would land outside the output directory`);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, data);
    }
    if (await exists(target)) {
      await rename(target, old);
      try {
        await rename(temp, target);
      } catch (err) {
        await rename(old, target);
        throw err;
      }
      await rm(old, { recursive: true, force: true });
    } else {
      await rename(temp, target);
    }
  } catch (err) {
    await rm(temp, { recursive: true, force: true });
    throw err;
  }
}

/** An output directory as messages show it: relative to `cwd` when inside it, else absolute. */
export function shownDir(cwd: string, dir: string): string {
  const abs = resolve(cwd, dir);
  const rel = relative(cwd, abs);
  return rel === '' ? '.' : rel.startsWith('..') ? abs : rel;
}
