// A child process for the kill test: publishes a run's worth of output files, labelled, with the CLI's
// own writeDirAtomically. Usage: node [--require kill-at.cjs] publish-child.mjs <out> <label>
import { writeDirAtomically } from '../../dist/index.js';

const [out, label] = process.argv.slice(2);
const body = (name) => `${label} ${name}\n${'x'.repeat(20_000)}\n`;
const files = new Map([
  ['results.json', JSON.stringify({ label })],
  ['summary.csv', body('summary.csv')],
  ['report.html', body('report.html')],
]);
for (const chart of ['in-care', 'entries', 'cost', 'exits']) {
  for (const ext of ['svg', 'png', 'vl.json']) files.set(`charts/${chart}.${ext}`, body(`charts/${chart}.${ext}`));
}
await writeDirAtomically(out, files);
