// Part of `pnpm build` (after tsc): bundles the built command line (dist/main.js and, as chunks
// loaded on demand, every command with the engine, scenario, report and data packages and their
// libraries) into dist/bundle/, so that starting a command reads a few files instead of several
// hundred modules (the engine's @stdlib functions alone are 120 tiny packages). dist/bin.js loads the
// bundle when it is at least as new as every package's last tsc build, else dist/main.js (bin.ts).
//
// Code that finds files beside itself (import.meta.url: package.json, the scenario schema and its
// generated validators, the worker script, fonts, the explorer) keeps its own place: each bundled
// @carecast module's import.meta.url is rewritten to its original file, relative to the bundle, so it
// works wherever the packages sit side by side (this repository's packages/, or node_modules/@carecast/).
// The native PNG renderer (resvg) is loaded with require from the report package's own place.
import { realpathSync, renameSync, rmSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const cli = join(dirname(fileURLToPath(import.meta.url)), '..');
const packages = realpathSync(join(cli, '..'));
const outdir = join(cli, 'dist', 'bundle');
const tmp = `${outdir}.tmp-${process.pid}`;

/** Rewrites import.meta.url in the built files of this repository's packages to their own URLs. */
const ownPlace = {
  name: 'own-place',
  setup(b) {
    b.onLoad({ filter: /[\\/]dist[\\/].*\.js$/ }, (args) => {
      const real = realpathSync(args.path);
      if (!real.startsWith(packages + sep) || real.includes(`${sep}node_modules${sep}`)) return undefined;
      const text = readFileSync(real, 'utf8');
      if (!text.includes('import.meta.url')) return { contents: text, loader: 'js' };
      const fromBundle = relative(outdir, real).split(sep).join('/');
      return { contents: text.replaceAll('import.meta.url', `new URL(${JSON.stringify(fromBundle)}, import.meta.url).href`), loader: 'js' };
    });
  },
};

rmSync(tmp, { recursive: true, force: true });
await build({
  entryPoints: { main: join(cli, 'dist', 'main.js') },
  outdir: tmp,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  outExtension: { '.js': '.js' },
  chunkNames: 'chunk-[hash]',
  // Optional peers of vega that are never installed (it falls back without them).
  external: ['canvas'],
  // CommonJS libraries inside an ES module bundle still call require for Node's built-in modules.
  banner: { js: "import { createRequire as __carecastRequire } from 'node:module'; const require = __carecastRequire(import.meta.url);" },
  plugins: [ownPlace],
  legalComments: 'linked',
  logLevel: 'error',
});
rmSync(outdir, { recursive: true, force: true });
renameSync(tmp, outdir);
