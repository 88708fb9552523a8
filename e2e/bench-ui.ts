/**
 * Browser benchmark of the designer: a 256-device machine (128 sp-mem + 128 pc-dimm) in Debian's Chromium,
 * served by `vite preview` from a build of its own (node_modules/.cache/mmd-bench, never dist/, which the
 * end-to-end tests serve): the production build for the bundle figures, the same build in `--mode e2e` (with
 * the test API the page is driven through) for the timings.
 *
 * - frameP95Ms: main-thread work per rendered frame while a block is dragged with the mouse, from a Chromium
 *   trace: the task that rendered the frame (Chromium dispatches the frame's mouse events in it: listeners, the
 *   React update, style, layout, paint, commit) plus every other main-thread task since the previous frame
 *   (the worker's verdicts on the candidate positions, timers, garbage collection).
 * - roundtripP95Ms: full core calls (layout, SRAT, E820, diagnostics) made from the page through the real
 *   worker, structured clone both ways included. Each timed call follows a one-device edit: the calls derive two
 *   documents in turn that differ in the `node=` of one pc-dimm (as an edit in the designer would, the two share
 *   every other option object), so neither the document nor the result is the same as the call before.
 * - bundle: gzip size (node:zlib, level 9, KB of 1024 bytes) of the JavaScript the production build emits, in
 *   four figures: `initial`, what the page loads before anything runs (the entry script of index.html and every
 *   chunk it imports statically — the modulepreload set); `lazy`, the page's dynamically imported chunks (those
 *   the page asks for as it starts, the map and the tables, included); `worker`, the core worker's own files
 *   (every emitted script the page's imports, static or dynamic, never reach; what the worker shares with the
 *   page counts as the page's); `total`, every script once.
 *
 * Targets (printed, not asserted): frame p95 ≤ 8 ms, round trip p95 ≤ 4 ms, initial JS ≤ 110 KB gzip, all JS
 * ≤ 190 KB gzip.
 * Run: `npm run bench:ui` (set MMD_BENCH_SKIP_BUILD=1 to use the builds of an earlier run).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium, type Page } from '@playwright/test';
import { build, preview } from 'vite';
import { parseQemuArgs } from '../src/core/syntax/index.ts';
import type { ConfigDocument } from '../src/core/document/index.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST = join(ROOT, 'dist');
const BENCH_BUILDS = join(ROOT, 'node_modules', '.cache', 'mmd-bench');
/** what `npm run build` emits: the bundle figures */
const PRODUCTION_DIST = join(BENCH_BUILDS, 'production');
/** the same in `--mode e2e`, with the test API: the page the timings drive */
const E2E_DIST = join(BENCH_BUILDS, 'e2e');
const CHROMIUM = '/usr/bin/chromium';

export interface UiMeasurement {
  frameP95Ms: number;
  roundtripP95Ms: number;
  /** every script the build emits (= bundle.totalGzipKb) */
  bundleGzipKb: number;
  bundle: BundleSizes;
}

/** Targets for the figures (printed next to them, never asserted). */
export const UI_TARGETS = { frameP95Ms: 8, roundtripP95Ms: 4, initialGzipKb: 110, totalGzipKb: 190 } as const;

/** The benchmark machine: 2 NUMA nodes, 128 sp-mem and 128 pc-dimm of 1 GiB each, alternating nodes. */
export function benchmarkDocument(): ConfigDocument {
  const args = [
    '-machine', 'q35',
    '-cpu', 'qemu64,phys-bits=46',
    '-smp', '4',
    '-m', '4G,slots=256,maxmem=300G',
    '-object', 'memory-backend-ram,id=ram0,size=2G',
    '-object', 'memory-backend-ram,id=ram1,size=2G',
    '-numa', 'node,nodeid=0,memdev=ram0,cpus=0-1',
    '-numa', 'node,nodeid=1,memdev=ram1,cpus=2-3',
  ];
  for (let i = 0; i < 128; i++) {
    args.push('-object', `memory-backend-ram,id=s${i}-mem,size=1G`, '-device', `sp-mem,id=s${i},memdev=s${i}-mem,node=${i % 2}`);
  }
  for (let i = 0; i < 128; i++) {
    args.push('-object', `memory-backend-ram,id=d${i}-mem,size=1G`, '-device', `pc-dimm,id=d${i},memdev=d${i}-mem,node=${i % 2}`);
  }
  const r = parseQemuArgs(args, 'bench-256');
  if (!r.ok) throw new Error(`benchmark command line refused: ${r.error.message}`);
  return r.doc;
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

export interface BundleSizes {
  /** the entry script and its static imports: what runs before the page does anything */
  initialGzipKb: number;
  /** the page's dynamically imported chunks (lazy panels, dialogs, exports) */
  lazyGzipKb: number;
  /** the worker's scripts: the emitted scripts the page's imports never reach */
  workerGzipKb: number;
  /** every script */
  totalGzipKb: number;
  /** data files the worker fetches on first use (QEMU's name lists per release, src/core/syntax/qemu-help/catalog-*.json) */
  dataGzipKb: number;
  /** file name (under assets/) → gzip KB, per group */
  files: { initial: Record<string, number>; lazy: Record<string, number>; worker: Record<string, number> };
}

/** `./x.js` / `/assets/x.js` / `assets/x.js` → `x.js` (the assets folder is flat) */
const assetName = (ref: string): string => ref.slice(ref.lastIndexOf('/') + 1);

/**
 * The scripts a built chunk imports: static (`import … from "./x.js"`, `import "./x.js"`, `export … from`) and
 * dynamic (`import("./x.js")`, and the file lists of Vite's preload helper, `"assets/x.js"`).
 */
export function chunkImports(code: string): { static: string[]; dynamic: string[] } {
  const stat = new Set<string>();
  const dyn = new Set<string>();
  for (const m of code.matchAll(/\b(?:import|export)\s*(?:[\w$]+\s*,?\s*)?(?:\{[^}]*\}|\*\s*as\s+[\w$]+)?\s*(?:from\s*)?["']([^"'\s]+\.js)["']/g)) stat.add(assetName(m[1]!));
  for (const m of code.matchAll(/\bimport\(\s*["'`]([^"'`\s]+\.js)["'`]\s*\)/g)) dyn.add(assetName(m[1]!));
  // the preload helper's list: __vite__mapDeps=(i,m=__vite__mapDeps,d=(m.f||(m.f=["assets/a.js",…])))=>…
  // (not every "/assets/x.js" string: the worker's URL is one, and the page does not import the worker)
  for (const list of code.matchAll(/__vite__mapDeps=[^\[]*\[([^\]]*)\]/g)) {
    for (const m of list[1]!.matchAll(/["'`](?:\.?\/)?assets\/([^"'`\s/]+\.js)["'`]/g)) dyn.add(m[1]!);
  }
  for (const f of stat) dyn.delete(f);
  return { static: [...stat], dynamic: [...dyn] };
}

export function bundleSizes(dist = DIST): BundleSizes {
  const dir = join(dist, 'assets');
  const scripts = readdirSync(dir).filter((f) => f.endsWith('.js'));
  const code = new Map(scripts.map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
  const gz = new Map(scripts.map((f) => [f, gzipSync(code.get(f)!, { level: 9 }).length / 1024]));
  const imports = new Map(scripts.map((f) => [f, chunkImports(code.get(f)!)]));
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const entries = [
    ...[...html.matchAll(/<script\b[^>]*\bsrc="([^"]+\.js)"/g)].map((m) => assetName(m[1]!)),
    ...[...html.matchAll(/<link\b[^>]*\brel="modulepreload"[^>]*\bhref="([^"]+\.js)"/g)].map((m) => assetName(m[1]!)),
  ].filter((f) => code.has(f));
  if (entries.length === 0) throw new Error('dist/index.html loads no script of dist/assets');
  // the closure of the entries over static imports, then over dynamic ones too
  const reach = (from: Iterable<string>, dynamicToo: boolean): Set<string> => {
    const seen = new Set<string>();
    const todo = [...from];
    while (todo.length) {
      const f = todo.pop()!;
      if (seen.has(f) || !code.has(f)) continue;
      seen.add(f);
      const i = imports.get(f)!;
      todo.push(...i.static, ...(dynamicToo ? i.dynamic : []));
    }
    return seen;
  };
  const initial = reach(entries, false);
  const page = reach(entries, true);
  const group = (pick: (f: string) => boolean) => Object.fromEntries(scripts.filter(pick).sort().map((f) => [f, gz.get(f)!]));
  const files = {
    initial: group((f) => initial.has(f)),
    lazy: group((f) => page.has(f) && !initial.has(f)),
    worker: group((f) => !page.has(f)),
  };
  const sum = (g: Record<string, number>) => Object.values(g).reduce((a, b) => a + b, 0);
  return {
    initialGzipKb: sum(files.initial),
    lazyGzipKb: sum(files.lazy),
    workerGzipKb: sum(files.worker),
    totalGzipKb: sum(files.initial) + sum(files.lazy) + sum(files.worker),
    dataGzipKb: readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .reduce((a, f) => a + gzipSync(readFileSync(join(dir, f)), { level: 9 }).length / 1024, 0),
    files,
  };
}

/** gzip size of every script the build emits, worker included (KB) */
export function bundleGzipKb(dist = DIST): number {
  return bundleSizes(dist).totalGzipKb;
}

const within = (v: number, max: number): string => (v <= max ? 'within target' : 'OVER target');

/** The bundle figures as `npm run bench` prints them, each with its target. */
export function bundleLines(b: BundleSizes): string[] {
  return [
    `ui.bundle.initial gzip_kb=${b.initialGzipKb.toFixed(1)} target_kb=${UI_TARGETS.initialGzipKb} (${within(b.initialGzipKb, UI_TARGETS.initialGzipKb)})`,
    `ui.bundle.lazy gzip_kb=${b.lazyGzipKb.toFixed(1)}`,
    `ui.bundle.worker gzip_kb=${b.workerGzipKb.toFixed(1)}`,
    `ui.bundle.total gzip_kb=${b.totalGzipKb.toFixed(1)} target_kb=${UI_TARGETS.totalGzipKb} (${within(b.totalGzipKb, UI_TARGETS.totalGzipKb)})`,
    `ui.bundle.data gzip_kb=${b.dataGzipKb.toFixed(1)} (QEMU's name lists, JSON, each release's fetched by the worker when first needed; not in the total)`,
  ];
}

interface TraceEvent {
  name: string;
  cat?: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: { type?: string } };
}

export interface FrameWork {
  /** main-thread time of the task that rendered the frame (with rAF-aligned input: the mouse events too) */
  frameTaskMs: number;
  /** main-thread time of every other task since the previous frame (worker replies, timers, GC, …) */
  betweenMs: number;
}

const RENDER_STEPS = new Set(['FireAnimationFrame', 'UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'UpdateLayer', 'Layerize', 'Commit']);

/**
 * Per-frame main-thread work from a Chromium trace: on the renderer's main thread, each top-level task that
 * rendered a frame, plus every other top-level task that ran since the previous such task (handling the
 * worker's replies included): all the main thread did for that frame.
 */
export function framesFromTrace(events: readonly TraceEvent[]): FrameWork[] {
  const mainThreads = new Set<string>();
  for (const e of events) {
    if (e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain') mainThreads.add(`${e.pid}:${e.tid}`);
  }
  const onMain = events.filter((e) => mainThreads.has(`${e.pid}:${e.tid}`) && e.ph === 'X' && e.dur !== undefined);
  const moves = onMain.filter((e) => e.name === 'EventDispatch' && e.args?.data?.type === 'mousemove').sort((a, b) => a.ts - b.ts);
  if (moves.length === 0) return [];
  const first = moves[0]!.ts;
  const last = moves[moves.length - 1]!.ts;
  const tasks = onMain.filter((e) => e.name === 'RunTask').sort((a, b) => a.ts - b.ts);
  const renderSteps = onMain.filter((e) => RENDER_STEPS.has(e.name)).sort((a, b) => a.ts - b.ts);
  const frames: FrameWork[] = [];
  let between = 0;
  let ri = 0;
  for (const t of tasks) {
    if (t.ts < first) continue;
    if (t.ts > last + 50_000) break;
    while (ri < renderSteps.length && renderSteps[ri]!.ts < t.ts) ri++;
    const rendered = ri < renderSteps.length && renderSteps[ri]!.ts < t.ts + t.dur!;
    if (rendered) {
      frames.push({ frameTaskMs: t.dur! / 1000, betweenMs: between });
      between = 0;
    } else {
      between += t.dur! / 1000;
    }
  }
  return frames;
}

async function measureDragFrames(page: Page, blockId: string, trace: boolean): Promise<FrameWork[]> {
  const body = page.getByTestId(`block-${blockId}`).locator('rect.block-body');
  const box = await body.boundingBox();
  if (!box) throw new Error(`block ${blockId} not visible`);
  const x = Math.round(box.x + box.width / 2);
  const y = Math.round(box.y + box.height / 2);
  const browser = page.context().browser()!;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.waitForTimeout(50);
  if (trace) await browser.startTracing(page, { categories: ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline'] });
  // a wandering drag: along the axis, over another lane and back, 240 moves
  const path: Array<[number, number]> = [];
  for (let i = 1; i <= 80; i++) path.push([x + i * 4, y]);
  for (let i = 1; i <= 40; i++) path.push([x + 320 - i * 3, y + Math.round((i / 40) * 48)]);
  for (let i = 1; i <= 120; i++) path.push([x + 200 - i * 3, y + 48 - Math.round((i / 120) * 48)]);
  for (const [px, py] of path) await page.mouse.move(px, py);
  await page.waitForTimeout(100);
  const buffer = trace ? await browser.stopTracing() : null;
  // drop back where it started: no edit
  await page.mouse.move(x, y, { steps: 4 });
  await page.mouse.up();
  if (!buffer) return [];
  const parsed = JSON.parse(buffer.toString('utf8')) as { traceEvents: TraceEvent[] } | TraceEvent[];
  return framesFromTrace(Array.isArray(parsed) ? parsed : parsed.traceEvents);
}

export interface MeasureOptions {
  /** use the builds of an earlier run as they are */
  skipBuild?: boolean;
  log?: (line: string) => void;
}

export async function measureUi(opts: MeasureOptions = {}): Promise<UiMeasurement> {
  const log = opts.log ?? ((s: string) => console.log(s));
  const skipBuild = opts.skipBuild ?? process.env.MMD_BENCH_SKIP_BUILD === '1';
  if (!skipBuild || !existsSync(join(PRODUCTION_DIST, 'index.html')) || !existsSync(join(E2E_DIST, 'index.html'))) {
    log('bench-ui: building (production, and --mode e2e)');
    await build({ root: ROOT, logLevel: 'warn', build: { outDir: PRODUCTION_DIST, emptyOutDir: true } });
    await build({ root: ROOT, mode: 'e2e', logLevel: 'warn', build: { outDir: E2E_DIST, emptyOutDir: true } });
  }
  const server = await preview({
    root: ROOT,
    logLevel: 'warn',
    build: { outDir: E2E_DIST },
    preview: { host: '127.0.0.1', port: 4190, strictPort: false, open: false },
  });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('vite preview did not report its address');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  try {
    // (the page's Content-Security-Policy forbids eval, which string evaluation in Playwright needs)
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 }, bypassCSP: true });
    await page.goto(url);
    await page.waitForFunction('Boolean(window.__mmdTestApi)');
    const doc = benchmarkDocument();
    // page source as strings: no build helper of this file may leak into the page
    await page.evaluate(`(async () => {
      const api = window.__mmdTestApi;
      api.replaceDocument(${JSON.stringify(doc)});
      await api.settled(30000);
    })()`);
    const summary = (await page.evaluate(`(() => {
      const api = window.__mmdTestApi;
      return { error: api.result.error, devices: api.result.devices.length, engine: api.engine };
    })()`)) as { error: string | null; devices: number; engine: string };
    if (summary.error) throw new Error(`benchmark machine refused: ${summary.error}`);
    log(`bench-ui: ${summary.devices} memory devices, core in the ${summary.engine}`);

    // worker round trips: warm up, then time full derive calls of the 256-device document, each after a
    // one-device edit (d64's node= flips between 0 and 1 from one call to the next)
    const timed = (await page.evaluate(`(async () => {
      const api = window.__mmdTestApi;
      const a = api.document;
      const i = a.options.findIndex((o) => o.kind === 'device' && o.id === 'd64');
      if (i < 0) throw new Error('no device d64');
      const b = { ...a, options: a.options.slice() };
      b.options[i] = { ...a.options[i], node: a.options[i].node === '0' ? '1' : '0' };
      await api.timeDeriveEdits(30, [a, b]);
      const derive = await api.timeDeriveEdits(200, [a, b]);
      await api.timeCheck(30);
      const check = await api.timeCheck(200);
      return { derive, check };
    })()`)) as { derive: number[]; check: number[] };
    const roundtripP95Ms = percentile(timed.derive, 95);
    log(
      `bench-ui: worker round trip, 256 devices: full derive after a one-device edit p50 ${percentile(timed.derive, 50).toFixed(2)} ms, p95 ${roundtripP95Ms.toFixed(2)} ms; ` +
        `drag check p50 ${percentile(timed.check, 50).toFixed(2)} ms, p95 ${percentile(timed.check, 95).toFixed(2)} ms`,
    );

    // drag frames: a warm-up drag, then the traced one
    await measureDragFrames(page, 's1', false);
    const frames = await measureDragFrames(page, 's1', true);
    if (frames.length === 0) throw new Error('no drag frames in the trace');
    const work = frames.map((f) => f.frameTaskMs + f.betweenMs);
    const frameP95Ms = percentile(work, 95);
    if (process.env.MMD_BENCH_VERBOSE) log(`bench-ui: frame work percentiles 50/75/90/95/99/max: ${[50, 75, 90, 95, 99, 100].map((q) => percentile(work, q).toFixed(1)).join(' / ')} ms`);
    log(
      `bench-ui: drag: ${frames.length} frames, main-thread work per frame p50 ${percentile(work, 50).toFixed(2)} ms, p95 ${frameP95Ms.toFixed(2)} ms ` +
        `(the frame's own task p95 ${percentile(frames.map((f) => f.frameTaskMs), 95).toFixed(2)} ms; other tasks since the previous frame p95 ${percentile(frames.map((f) => f.betweenMs), 95).toFixed(2)} ms)`,
    );

    const bundle = bundleSizes(PRODUCTION_DIST);
    const kb = (g: Record<string, number>) => Object.entries(g).map(([f, v]) => `${f} ${v.toFixed(1)}`).join(', ') || 'none';
    log(
      `bench-ui: JavaScript ${bundle.totalGzipKb.toFixed(1)} KB gzip: initial ${bundle.initialGzipKb.toFixed(1)} (${kb(bundle.files.initial)}); ` +
        `lazy ${bundle.lazyGzipKb.toFixed(1)}; worker ${bundle.workerGzipKb.toFixed(1)} (${kb(bundle.files.worker)})`,
    );
    if (process.env.MMD_BENCH_VERBOSE) log(`bench-ui: lazy chunks: ${kb(bundle.files.lazy)}`);
    return { frameP95Ms, roundtripP95Ms, bundleGzipKb: bundle.totalGzipKb, bundle };
  } finally {
    await browser.close();
    await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
  }
}

async function main(): Promise<void> {
  const r = await measureUi();
  const b = r.bundle;
  console.log(
    JSON.stringify({ frameP95Ms: r.frameP95Ms, roundtripP95Ms: r.roundtripP95Ms, bundleGzipKb: r.bundleGzipKb, bundle: { ...b, files: undefined } }, null, 2) +
      `\nframe p95 ${r.frameP95Ms.toFixed(2)} ms (target ≤ ${UI_TARGETS.frameP95Ms}: ${within(r.frameP95Ms, UI_TARGETS.frameP95Ms)}), ` +
      `round trip p95 ${r.roundtripP95Ms.toFixed(2)} ms (target ≤ ${UI_TARGETS.roundtripP95Ms}: ${within(r.roundtripP95Ms, UI_TARGETS.roundtripP95Ms)})\n` +
      bundleLines(b).join('\n'),
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  });
}
