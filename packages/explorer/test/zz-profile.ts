import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
const repo = new URL('../../../', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'carecast-prof-'));
const server = spawn(process.execPath, [join(repo, 'packages/cli/dist/bin.js'), 'explore', '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
const origin = await new Promise<string>((resolve) => { let out = ''; server.stdout.on('data', (d: Buffer) => { out += d; const m = /http:\/\/127\.0\.0\.1:\d+/.exec(out); if (m) resolve(m[0]); }); });
const browser = await chromium.launchPersistentContext(join(dir, 'profile'), { executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
const page = browser.pages()[0] ?? (await browser.newPage());
const cdp = await browser.newCDPSession(page);
await page.goto(`${origin}/`);
await page.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
await page.waitForSelector('body[data-results-ahead="drawn"]', { timeout: 120_000 });
await page.fill('#replications', '200');
for (const seed of [1, 2, 3]) {
  await page.fill('#seed', String(seed));
  await page.evaluate(() => delete document.getElementById('run-status')!.dataset['seconds']);
  if (seed === 3) { await cdp.send('Profiler.enable'); await cdp.send('Profiler.setSamplingInterval', { interval: 200 }); await cdp.send('Profiler.start'); }
  await page.click('#run');
  await page.waitForFunction(() => document.getElementById('run-status')!.dataset['seconds'] !== undefined, undefined, { timeout: 120_000 });
  console.log(seed, await page.evaluate(() => JSON.stringify({ ...document.getElementById('run-status')!.dataset })));
}
const { profile } = await cdp.send('Profiler.stop');
writeFileSync('/tmp/explorer-main.cpuprofile', JSON.stringify(profile));
await browser.close();
server.kill('SIGTERM');
// self time by function
const byId = new Map(profile.nodes.map((n: any) => [n.id, n]));
const self = new Map<number, number>();
const dt = profile.timeDeltas!;
profile.samples!.forEach((s: number, i: number) => self.set(s, (self.get(s) ?? 0) + (dt[i] ?? 0)));
const agg = new Map<string, number>();
for (const [id, us] of self) { const n: any = byId.get(id); const k = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`; agg.set(k, (agg.get(k) ?? 0) + us); }
console.log([...agg].sort((a, b) => b[1] - a[1]).slice(0, 40).map(([k, us]) => `${(us / 1000).toFixed(1)} ms ${k}`).join('\n'));
// inclusive time of selected functions
const parent = new Map<number, number>();
for (const n of profile.nodes as any[]) for (const c of n.children ?? []) parent.set(c, n.id);
const incl = new Map<string, number>();
for (const [id, us] of self) { const seen = new Set<string>(); let cur: number | undefined = id; while (cur !== undefined) { const n: any = byId.get(cur); const k = n.callFrame.functionName; if (k && !seen.has(k)) { seen.add(k); incl.set(k, (incl.get(k) ?? 0) + us); } cur = parent.get(cur); } }
console.log('--- inclusive');
console.log([...incl].sort((a, b) => b[1] - a[1]).slice(0, 60).map(([k, us]) => `${(us / 1000).toFixed(1)} ms ${k}`).join('\n'));
