// The explorer in Chromium against the same work under Node, in the same run: the expected-value preview
// (from a lever change to the redrawn charts; goal under 100 ms for Anytown) and 200 Anytown replications
// in Web Workers, from the click on Run to every chart of the results drawn (goal at most 1 s wall).
// Needs the built explorer (pnpm build) and /usr/bin/chromium.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism as availableCores, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { projectExpected, simulate, summarise } from '@carecast/engine';
import { compileScenarioFile } from '@carecast/scenario';
import { compileScenarioText } from '@carecast/scenario/browser';
import { chromium } from 'playwright-core';

const CHROMIUM = '/usr/bin/chromium';
const repo = fileURLToPath(new URL('../', import.meta.url));
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
/**
 * How the bench waits for the page's figures: every 50 ms, not on every animation frame (Playwright's
 * default), which made the page paint and commit a frame about 60 times a second while the workers
 * ran: main-thread work a user's page does not do. The figures are the page's own time stamps, so the
 * interval only delays when the bench reads them.
 */
const POLL = { polling: 50 } as const;

if (!existsSync(CHROMIUM) || !existsSync(join(repo, 'packages/explorer/dist/index.html'))) {
  console.log(`skipped: needs ${CHROMIUM} and the built explorer (pnpm build)`);
} else {
  // Node: what the preview does before drawing, the same calls: the scenario text compiled (the engine's
  // checks left to the projection, as the page does), then the expected-value projection; and 200
  // replications. The page's preview time also holds the edit of the YAML document and the charts' update.
  const text = readFileSync(join(repo, 'scenarios/baseline.yaml'), 'utf8');
  const readText = async (path: string) => readFileSync(join(repo, path), 'utf8');
  const nodeEv: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    projectExpected((await compileScenarioText('scenarios/baseline.yaml', text, { cwd: '/', readText, engineCheck: false })).params);
    nodeEv.push(performance.now() - t0);
  }
  const params = (await compileScenarioFile('scenarios/baseline.yaml', { cwd: repo })).params;
  const loadBefore = loadavg()[0]!;
  // Node: the replications on 2 worker threads and their summaries (the page also draws the charts).
  const nodeRuns: number[] = [];
  for (let i = 0; i < 2; i++) {
    const t0 = performance.now();
    summarise(await simulate(params, { seed: 1 + i, replications: 200, workers: 2 }));
    nodeRuns.push((performance.now() - t0) / 1000);
  }

  const dir = mkdtempSync(join(tmpdir(), 'carecast-bench-'));
  const server = spawn(process.execPath, [join(repo, 'packages/cli/dist/bin.js'), 'explore', '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const origin = await new Promise<string>((resolve) => {
      let out = '';
      server.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /http:\/\/127\.0\.0\.1:\d+/.exec(out);
        if (m) resolve(m[0]);
      });
    });
    const browser = await chromium.launchPersistentContext(join(dir, 'profile'), {
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    const page = browser.pages()[0] ?? (await browser.newPage());
    // The page's main-thread CPU time (Chromium's ThreadTime metric): less inflated by the machine's
    // other jobs than wall time, so it tells whether a change did less work on the page.
    const cdp = await browser.newCDPSession(page);
    await cdp.send('Performance.enable');
    const threadMs = async (): Promise<number> => 1000 * ((await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'ThreadTime')?.value ?? Number.NaN);
    await page.goto(`${origin}/`);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
    // The first preview, when the page opened (the baseline against itself: compiled, projected on a cold JIT, both charts drawn anew).
    const opened = await page.evaluate(() => ({ ...document.getElementById('preview')!.dataset }));
    // The page draws the results' charts ahead once it rests (off the page, for the first run): measured after.
    await page.waitForSelector('body[data-results-ahead="drawn"]', { timeout: 120_000 });
    // The first preview draws its two charts anew (vega-embed: compile, parse, render): the reference for updating them.
    const embedMs = Number(await page.getAttribute('#preview', 'data-draw-ms'));
    // Preview: a lever's value changed in the form, timed by the page from the change to the drawn charts.
    await page.selectOption('#new-lever', 'reduce-entries');
    await page.click('#add-lever');
    await page.waitForSelector('#lever-0-by');
    const previews: number[] = [];
    const parts: { wait: number; compile: number; project: number; worker: number; toWorker: number; back: number; draw: number; cpu: number }[] = [];
    for (const by of ['20%', '30%', '40%', '25%', '35%', '15%', '45%', '10%']) {
      const before = await page.getAttribute('#preview', 'data-in-care-end');
      const cpu0 = await threadMs();
      await page.fill('#lever-0-by', by);
      await page.waitForFunction((b) => document.getElementById('preview')!.dataset['inCareEnd'] !== b, before, POLL);
      const cpu = (await threadMs()) - cpu0;
      const d = await page.evaluate(() => ({ ...document.getElementById('preview')!.dataset }));
      previews.push(Number(d['ms']));
      parts.push({ wait: Number(d['waitMs']), compile: Number(d['compileMs']), project: Number(d['projectMs']), worker: Number(d['workerMs']), toWorker: Number(d['toWorkerMs']), back: Number(d['backMs']), draw: Number(d['drawMs']), cpu });
    }
    // Two changes in quick succession (the value typed again 50 ms later, its first projection running):
    // the second's preview, timed from the second change, should not wait for the first's projection.
    const quick: number[] = [];
    for (const [first, second] of [['12%', '38%'], ['18%', '27%'], ['42%', '21%'], ['14%', '36%'], ['33%', '16%']] as const) {
      const before = await page.getAttribute('#preview', 'data-in-care-end');
      await page.evaluate(({ a, b }) => {
        // No named inner functions: tsx's helpers do not exist in the page.
        const input = document.getElementById('lever-0-by') as HTMLInputElement;
        input.value = a;
        input.dispatchEvent(new Event('input', { bubbles: true }));
        setTimeout(() => {
          input.value = b;
          input.dispatchEvent(new Event('input', { bubbles: true }));
        }, 50);
      }, { a: first, b: second });
      await page.waitForFunction((b) => document.getElementById('preview')!.dataset['inCareEnd'] !== b, before, POLL);
      // The first change's preview, if drawn at all, came first: after a pause the preview shown is the second's.
      await page.waitForTimeout(1500);
      quick.push(Number(await page.getAttribute('#preview', 'data-ms')));
    }
    // Monte Carlo: remove the lever again so one scenario runs, 200 replications, three times with seeds
    // 1, 2 and 3, so each run has new figures and every chart is redrawn with them. The page times each
    // run from the click on Run (the event's time stamp) to the last chart of the results drawn.
    await page.click('[data-lever="0"] .remove');
    await page.waitForFunction(() => !document.querySelector('#lever-0-by'));
    await page.fill('#replications', '200');
    const webRuns: number[] = [];
    const after: { start: number; simulate: number; summarise: number; inView: number; draw: number; shown: number; cpu: number }[] = [];
    for (let i = 0; i < 3; i++) {
      await page.fill('#seed', String(1 + i));
      await page.evaluate(() => delete document.getElementById('run-status')!.dataset['seconds']);
      const cpu0 = await threadMs();
      await page.click('#run');
      await page.waitForFunction(() => document.getElementById('run-status')!.dataset['seconds'] !== undefined, undefined, { ...POLL, timeout: 120_000 });
      const cpu = (await threadMs()) - cpu0;
      const d = await page.evaluate(() => ({ ...document.getElementById('run-status')!.dataset }));
      webRuns.push(Number(d['seconds']));
      // Pages before session 15 drew every chart before the run ended: in view = all.
      after.push({ start: Number(d['startMs']), simulate: Number(d['simulateMs']), summarise: Number(d['summariseMs']), inView: Number(d['inViewMs'] ?? d['drawMs']), draw: Number(d['drawMs']), shown: Number(d['shownSeconds'] ?? d['seconds']), cpu });
    }
    await browser.close();
    const ev = median(previews.slice(1));
    const evNode = median(nodeEv.slice(1));
    const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
    const part = (k: 'wait' | 'compile' | 'project' | 'worker' | 'toWorker' | 'back' | 'draw' | 'cpu') => median(parts.slice(1).map((p) => p[k]));
    console.log(`expected-value preview in Chromium (lever change -> compiled, projected, 2 charts redrawn), median of ${previews.length - 1}: ${ev.toFixed(0)} ms; target < 100 ms: ${verdict(ev < 100)}`);
    console.log(`  Chromium preview / Node compile + projection (${evNode.toFixed(0)} ms, same run) = ${(ev / evNode).toFixed(2)}`);
    console.log(`  of which: edit (YAML document and view) ${part('wait').toFixed(0)} ms, compile (the edited document checked and compiled) ${part('compile').toFixed(0)} ms, projection and rows ${part('project').toFixed(0)} ms (${part('worker').toFixed(0)} ms of it inside the worker; its messages: to the worker ${part('toWorker').toFixed(0)} ms, back ${part('back').toFixed(0)} ms), charts updated ${part('draw').toFixed(0)} ms`);
    console.log(`  page's main-thread CPU per preview (median) ${part('cpu').toFixed(0)} ms (the projection's CPU is the worker's, not counted)`);
    console.log(`  two changes in quick succession, from the second to its charts (median of ${quick.length}): ${median(quick).toFixed(0)} ms`);
    console.log(`  charts updated in place ${part('draw').toFixed(0)} ms against drawn anew ${embedMs.toFixed(0)} ms when the page opened; update / anew = ${(part('draw') / embedMs).toFixed(2)}`);
    console.log(`  the first preview, when the page opened: ${opened['ms']} ms (edit ${opened['waitMs']} ms, compile ${opened['compileMs']} ms, the baseline's projection ${opened['projectMs']} ms, charts drawn anew ${opened['drawMs']} ms)`);
    const web = Math.min(...webRuns);
    const node = Math.min(...nodeRuns);
    const best = webRuns.indexOf(web);
    console.log(`200 Anytown replications, seeds 1-3, Chromium Web Workers, click on Run -> all results charts drawn (best of ${webRuns.length}): ${web.toFixed(2)} s wall; target <= 1 s: ${verdict(web <= 1)}`);
    console.log(`  Chromium click-to-charts / Node 2 worker threads simulate + summarise (${node.toFixed(2)} s, same run) = ${(web / node).toFixed(2)}`);
    console.log(`  each run (s): ${webRuns.map((x) => x.toFixed(2)).join(', ')}; the first is the first after the page opened (its workers started and warmed meanwhile)`);
    const shown = Math.min(...after.map((r) => r.shown));
    console.log(`  click on Run -> the results charts in view (or within half a screen) drawn, the others after (best of ${after.length}): ${shown.toFixed(2)} s: ${after.map((r) => r.shown.toFixed(2)).join(', ')}`);
    after.forEach((r, i) =>
      console.log(`  ${i === best ? 'the best' : `run ${i + 1}`}: click to workers started ${r.start} ms, simulation ${r.simulate} ms, summaries ${r.summarise} ms, report charts in view ${r.inView} ms, all drawn ${r.draw} ms; page's main-thread CPU ${r.cpu.toFixed(0)} ms`),
    );
    console.log(`  medians: simulation ${median(after.map((r) => r.simulate))} ms, summaries ${median(after.map((r) => r.summarise))} ms, charts in view ${median(after.map((r) => r.inView))} ms, all charts ${median(after.map((r) => r.draw))} ms, page CPU per run ${median(after.map((r) => r.cpu)).toFixed(0)} ms`);
    console.log(`  load average (1 min) ${loadBefore.toFixed(2)} before, ${loadavg()[0]!.toFixed(2)} after, on ${availableCores()} cores`);
  } finally {
    server.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}
