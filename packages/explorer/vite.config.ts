import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { viteSingleFile } from 'vite-plugin-singlefile';

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

/**
 * The Content-Security-Policy of the page, written into index.html at build time with the SHA-256 of
 * every inline script (the single-file build inlines the app), so nothing but the page's own code runs
 * and nothing can connect anywhere: connect-src 'none', no fonts, workers only from this page (blob:).
 */
function withPolicy(html: string): string {
  const hashes = [...html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)]
    .map((m) => m[1]!)
    .filter((body) => body.trim() !== '')
    .map((body) => `'sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}'`);
  const policy = [
    "default-src 'none'",
    `script-src 'self' ${hashes.join(' ')}`.trim(),
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "worker-src 'self' blob:",
    "connect-src 'none'",
    "font-src 'none'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  if (!html.includes('__CONTENT_SECURITY_POLICY__')) throw new Error('index.html lacks the __CONTENT_SECURITY_POLICY__ placeholder');
  return html.replace('__CONTENT_SECURITY_POLICY__', policy);
}

function contentSecurityPolicy(): Plugin {
  return {
    name: 'carecast-csp',
    enforce: 'post',
    // After the single-file plugin has inlined the scripts, so the hashes are those of the final page.
    generateBundle: {
      order: 'post',
      handler(_, bundle) {
        for (const page of Object.values(bundle)) {
          if (page.type !== 'asset' || !page.fileName.endsWith('.html')) continue;
          page.source = withPolicy(String(page.source));
        }
      },
    },
  };
}

/**
 * @carecast/scenario validates files through one module, load/validators.js, which compiles the JSON
 * Schema with Ajv at run time (`new Function`, which the page's security policy forbids). Here that
 * module is the same two validators as Ajv standalone code generated at build time, with the same
 * options (AJV_OPTIONS in ajv-options.ts there).
 */
function scenarioValidators(): Plugin {
  const id = '\0carecast-scenario-validators';
  return {
    name: 'carecast-scenario-validators',
    enforce: 'pre',
    resolveId(source, importer) {
      if (source === './validators.js' && importer?.replace(/\\/g, '/').endsWith('/scenario/dist/load/schema.js')) return id;
      return undefined;
    },
    load(source) {
      if (source !== id) return undefined;
      const schema = JSON.parse(readFileSync(here('../scenario/schema/scenario.schema.json'), 'utf8')) as object;
      const ajv = new Ajv({ allErrors: true, verbose: true, strict: false, code: { source: true, esm: true } });
      ajv.addSchema(schema, 'scenario');
      const code = standaloneCode(ajv, { file: 'scenario', complete: 'scenario#/definitions/ScenarioFile' });
      return `${code}\nexport function scenarioValidators() { return { file, complete, origin: 'generated at build time' }; }\n`;
    },
  };
}

/** Names the single-file build's page for what it is, once every script is inlined into it. */
function singleFileName(name: string): Plugin {
  return {
    name: 'carecast-single-file-name',
    enforce: 'post',
    generateBundle: {
      order: 'post',
      handler(_, bundle) {
        const page = bundle['index.html'];
        if (page) page.fileName = name;
      },
    },
  };
}

// `vite build` writes dist/ (index.html and assets/, for any static host and `carecast explore`);
// `vite build --mode single` writes dist-single/carecast-explorer.html, one file that opens offline.
export default defineConfig(({ mode }) => {
  const single = mode === 'single';
  return {
    base: './',
    resolve: {
      alias: [
        // The engine's Web Workers, inlined as blob: workers (see src/engine-worker.ts).
        { find: /^\.\/web-worker-start\.js$/, replacement: here('./src/engine-worker.ts') },
        { find: /^engine-web-worker-script/, replacement: here('../engine/dist/montecarlo/web-worker.js') },
        // The report's browser libraries, as text for the downloaded report.html (src/report-assets.ts).
        { find: /^report-lib\//, replacement: `${here('../report/node_modules')}/` },
      ],
    },
    worker: { format: 'iife' },
    build: {
      outDir: single ? 'dist-single' : 'dist',
      emptyOutDir: true,
      target: 'es2022',
      chunkSizeWarningLimit: 4000,
      assetsInlineLimit: single ? 100_000_000 : 4096,
      // The scenario validators take a second to generate; the bundler's timing notice says only that.
      rolldownOptions: { checks: { bundlerTimings: false } },
    },
    plugins: [scenarioValidators(), ...(single ? [viteSingleFile({ removeViteModuleLoader: true }), singleFileName('carecast-explorer.html')] : []), contentSecurityPolicy()],
  };
});
