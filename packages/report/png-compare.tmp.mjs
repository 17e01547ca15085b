import { readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fontFiles, FONT_FAMILY } from './dist/index.js';
const { Resvg } = createRequire(import.meta.url)('@resvg/resvg-js');
const draw = (svg) => new Resvg(svg, { fitTo: { mode: 'zoom', value: 2 }, font: { fontFiles: fontFiles(), loadSystemFonts: false, defaultFontFamily: FONT_FAMILY, sansSerifFamily: FONT_FAMILY } }).render();
mkdirSync('/tmp/cmdprof/png', { recursive: true });
for (const d of process.argv.slice(2)) {
  for (const f of readdirSync(`/tmp/cmdprof/old-${d}/charts`).filter((f) => f.endsWith('.svg'))) {
    const a = draw(readFileSync(`/tmp/cmdprof/old-${d}/charts/${f}`, 'utf8'));
    const b = draw(readFileSync(`/tmp/cmdprof/new-${d}/charts/${f}`, 'utf8'));
    const pa = a.pixels, pb = b.pixels;
    let diff = 0; for (let i = 0; i < pa.length; i++) if (pa[i] !== pb[i]) diff++;
    const same = a.width === b.width && a.height === b.height && diff === 0;
    console.log(d, f, `${a.width}x${a.height}`, `${b.width}x${b.height}`, same ? 'pixel-identical' : `DIFFER in ${diff} bytes`);
    writeFileSync(`/tmp/cmdprof/png/${d}-${f}.old.png`, a.asPng()); writeFileSync(`/tmp/cmdprof/png/${d}-${f}.new.png`, b.asPng());
  }
}
