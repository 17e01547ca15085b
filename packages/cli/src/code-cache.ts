// V8's code cache for the bundle (scripts/bundle.mjs): the bytecode of every function a command ran,
// saved after its first run and given back to V8 on the next, so that starting a command compiles
// (parses and generates bytecode for) only what the cache lacks. Node 20 has no
// `module.enableCompileCache`, so the bundle is one CommonJS file run through `vm.Script` with
// `cachedData`, as Node's own `require` would run it. The cache only skips compiling: the same code
// runs, so outputs never change. It lives in a folder of the user's own in the system's temporary
// folder (or CARECAST_CACHE_DIR), one file per command and bundle, keyed by a hash of the bundle's
// text and the Node version (V8 also refuses data made by another V8, `cachedDataRejected`); it is
// written atomically (a temporary file, then a rename) and any failure to read or write it only means
// compiling as without it. V8 runs the bytecode a cache holds, so a folder another user could write
// to (not ours, or open to the group or others) is never used.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';

/** The folder holding the code caches: CARECAST_CACHE_DIR, else `carecast-code-cache-<user id>` in the system's temporary folder. */
export function codeCacheDir(): string {
  return process.env['CARECAST_CACHE_DIR'] || join(tmpdir(), `carecast-code-cache-${process.getuid?.() ?? 'user'}`);
}

/** `dir`, made if missing (for this user only), when no other user can write to it; else undefined. */
function privateDir(dir: string): string | undefined {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const { uid, mode } = statSync(dir);
    const me = process.getuid?.();
    // Without user ids (Windows) the temporary folder is the user's own.
    if (me !== undefined && (uid !== me || (mode & 0o022) !== 0)) return undefined;
    return dir;
  } catch {
    return undefined;
  }
}

/** A command line's cache name: its command (`run`, `validate`, ...), as commands compile different code. */
function commandOf(argv: readonly string[]): string {
  const first = argv[0] ?? '';
  return /^[a-z][a-z-]{0,30}$/.test(first) ? first : 'other';
}

/** A bundle loaded: its exports, and `save()` to write the code cache when it had none (call after the command ran). */
export interface LoadedBundle<T> {
  exports: T;
  save(): void;
}

/**
 * Runs the CommonJS bundle `file` as `require` would, compiled from its code cache for the command
 * `argv` names when there is a valid one.
 */
export function loadBundle<T>(file: string, argv: readonly string[]): LoadedBundle<T> {
  const bytes = readFileSync(file);
  const source = bytes.toString('utf8');
  // A fingerprint of the bundle, not a secret: SHA-1 is the fastest of the hashes at hand.
  const key = createHash('sha1').update(`${process.version} ${process.arch}\n`).update(bytes).digest('hex');
  const dir = privateDir(codeCacheDir());
  const cacheFile = dir === undefined ? undefined : join(dir, `${key}-${commandOf(argv)}.bin`);
  let cachedData: Buffer | undefined;
  try {
    cachedData = cacheFile === undefined ? undefined : readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new Script(Module.wrap(source), { filename: file, ...(cachedData !== undefined ? { cachedData } : {}) });
  const module = { exports: {} as T };
  (script.runInThisContext() as (...args: unknown[]) => void).call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  const fresh = cachedData === undefined || script.cachedDataRejected === true;
  return {
    exports: module.exports,
    save() {
      if (!fresh || cacheFile === undefined) return;
      const tmp = `${cacheFile}.${process.pid}.tmp`;
      try {
        writeFileSync(tmp, script.createCachedData(), { mode: 0o600 });
        renameSync(tmp, cacheFile);
      } catch {
        try {
          rmSync(tmp, { force: true });
        } catch {
          // Nothing more to tidy: the command has run.
        }
      }
    },
  };
}
