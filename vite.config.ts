/// <reference types="vitest/config" />
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

/**
 * d3-selection puts every selection method in one prototype object, so the bundler keeps all of them (data joins,
 * attr, classed, text, html, append, …) and what they use. The designer's d3 code (src/ui/controllers: d3-zoom and
 * d3-drag bound to one element each) calls only these, directly or inside d3-zoom and d3-drag; a build leaves the
 * others out of the prototype. (`interrupt` is d3-transition's: see d3-transition-stub.ts.)
 */
const D3_SELECTION_METHODS = new Set(['constructor', 'selection', 'filter', 'call', 'nodes', 'node', 'each', 'style', 'property', 'datum', 'on']);

function usedD3SelectionMethods(): Plugin {
  return {
    name: 'mmd:used-d3-selection-methods',
    apply: 'build',
    transform(code, id) {
      if (!/[\\/]d3-selection[\\/]dist[\\/]d3-selection\.mjs$/.test(id)) return null;
      const head = 'Selection.prototype = selection.prototype = {\n';
      const start = code.indexOf(head);
      const end = start < 0 ? -1 : code.indexOf('\n};', start);
      if (end < 0) throw new Error('d3-selection: the Selection prototype was not found (has d3-selection changed?)');
      const body = code
        .slice(start + head.length, end)
        .split('\n')
        .filter((line) => D3_SELECTION_METHODS.has(/^\s*([\w$]+):/.exec(line)?.[1] ?? ''));
      return { code: `${code.slice(0, start)}${head}${body.join('\n').replace(/,$/, '')}${code.slice(end)}`, map: null };
    },
  };
}

/**
 * The core worker as a chunk of the page's build. Vite bundles a worker (`new Worker(new URL(…))`, `?worker`)
 * in a build of its own, so every module the page also uses (comlink, the document codec and edits, the firmware
 * table fields, …) would ship twice. Here `core.worker.ts?worker&url` (src/worker/client.ts) resolves to the URL
 * of an entry chunk emitted into the page's build instead: the bundler then puts what the page and the worker
 * both import into shared chunks, which the worker, an ES module worker, imports like the page does. In the dev
 * server Vite's own worker handling applies.
 */
function sharedCoreWorker(): Plugin & { workerChunks: Set<string> } {
  const entry = fileURLToPath(new URL('./src/worker/core.worker.ts', import.meta.url));
  const urlModule = '\0mmd:core-worker-url';
  const workerChunks = new Set<string>();
  return {
    name: 'mmd:shared-core-worker',
    apply: 'build',
    enforce: 'pre',
    workerChunks,
    async resolveId(source, importer) {
      if (!/[\\/]core\.worker\.ts\?worker&url$/.test(source)) return null;
      const file = await this.resolve(source.slice(0, source.indexOf('?')), importer, { skipSelf: true });
      return file?.id === entry ? urlModule : null;
    },
    load(id) {
      if (id !== urlModule) return null;
      const ref = this.emitFile({ type: 'chunk', id: entry, name: 'core.worker' });
      return `export default import.meta.ROLLUP_FILE_URL_${ref};`;
    },
    // the chunks the worker loads (its entry and what that imports, statically or not): see modulePreload below
    generateBundle(_options, bundle) {
      workerChunks.clear();
      const todo = Object.values(bundle).flatMap((c) => (c.type === 'chunk' && c.facadeModuleId === entry ? [c.fileName] : []));
      while (todo.length) {
        const f = todo.pop()!;
        const c = bundle[f];
        if (workerChunks.has(f) || c?.type !== 'chunk') continue;
        workerChunks.add(f);
        todo.push(...c.imports, ...c.dynamicImports);
      }
    },
  };
}
const coreWorker = sharedCoreWorker();

/**
 * The page's chunks, by when the page needs them. Left to itself the bundler makes one chunk per set of entries
 * (the page, each dynamic import, the worker) that reach a module, which here means some twenty files, several of
 * them a few hundred bytes; every file costs its own compression and import lists. Instead, outside src/core
 * (which the worker shares, and whose barrels make reachability say little):
 *
 * - `index`: what the page imports statically, all in its entry chunk;
 * - `app-results`: what the dynamic imports the page makes as it starts load (STARTUP: the map and the tables,
 *   the map's d3 zoom and drag, the deck's first tab, the side panel's first tab, the opened-design notice), in one chunk;
 * - `on-demand`: the rest of the page's lazy code (the other panels, dialogs, exports, the tour), in one chunk,
 *   loaded the first time one of them opens.
 *
 * A module any of the worker's imports reach is left where the bundler puts it (the worker must never load a
 * page chunk: React, the DOM).
 */
const STARTUP = [
  /[\\/]src[\\/]ui[\\/]app-results\.ts$/,
  /[\\/]src[\\/]ui[\\/]controllers[\\/]interactions\.ts$/,
  /[\\/]src[\\/]ui[\\/]panels[\\/]WindowInspector\.tsx$/,
  /[\\/]src[\\/]ui[\\/]panels[\\/]Inspector\.tsx$/,
  /[\\/]src[\\/]ui[\\/]io[\\/]HostAccessNotice\.tsx$/,
];

function pageChunks(workerEntry: string): Plugin & { groups: Array<{ name: string; priority: number; test: (id: string) => boolean }> } {
  const initial = new Set<string>();
  const worker = new Set<string>();
  const startup = new Set<string>();
  const page = new Set<string>();
  const eligible = (id: string) => !worker.has(id) && !/[\\/]src[\\/]core[\\/]/.test(id);
  const lazy = (id: string) => page.has(id) && !initial.has(id) && eligible(id);
  return {
    name: 'mmd:page-chunks',
    apply: 'build',
    buildEnd() {
      const reach = (from: string[], dynamic: boolean, stop: (id: string) => boolean = () => false): Set<string> => {
        const seen = new Set<string>();
        const todo = [...from];
        while (todo.length) {
          const id = todo.pop()!;
          const info = seen.has(id) ? null : this.getModuleInfo(id);
          if (!info) continue;
          seen.add(id);
          for (const next of [...info.importedIds, ...(dynamic ? info.dynamicallyImportedIds : [])]) if (!stop(next)) todo.push(next);
        }
        return seen;
      };
      const ids = [...this.getModuleIds()];
      const html = ids.filter((id) => /[\\/]index\.html$/.test(id));
      for (const set of [initial, worker, startup, page]) set.clear();
      for (const id of reach(html, false)) initial.add(id);
      for (const id of reach([workerEntry], true)) worker.add(id);
      for (const id of reach(html, true)) page.add(id);
      for (const id of reach(ids.filter((id) => STARTUP.some((re) => re.test(id))), false, (id) => initial.has(id))) startup.add(id);
    },
    groups: [
      { name: 'index', priority: 3, test: (id) => initial.has(id) && eligible(id) },
      { name: 'app-results', priority: 2, test: (id) => lazy(id) && startup.has(id) },
      { name: 'on-demand', priority: 1, test: (id) => lazy(id) },
    ],
  };
}
const chunks = pageChunks(fileURLToPath(new URL('./src/worker/core.worker.ts', import.meta.url)));

/**
 * src/core is pure: importing one of its modules only defines values (no module registers anything elsewhere,
 * and nothing in src imports a module for its effects). Saying so lets the bundler leave out a core module none
 * of whose exports a chunk uses, and put one that only a lazy chunk (or the worker) uses in that chunk, instead
 * of in the page's first one because a barrel (`core/io/index.ts`) the page imports re-exports it.
 */
const pureCore = { moduleSideEffects: [{ test: /[\\/]src[\\/]core[\\/]/, sideEffects: false }] };

export default defineConfig({
  plugins: [react(), usedD3SelectionMethods(), coreWorker, chunks],
  resolve: {
    // d3-zoom's only use of d3-transition is interrupting transitions, and the designer starts none
    // d3-zoom's only use of d3-interpolate is interpolateZoom, for zoom transitions: none either
    alias: [
      { find: /^d3-transition$/, replacement: fileURLToPath(new URL('./src/ui/controllers/d3-transition-stub.ts', import.meta.url)) },
      { find: /^d3-interpolate$/, replacement: fileURLToPath(new URL('./src/ui/controllers/d3-interpolate-stub.ts', import.meta.url)) },
    ],
  },
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    sourcemap: false,
    rolldownOptions: {
      treeshake: pureCore,
      // the groups take only what they name, never a captured module's imports as well
      output: { codeSplitting: { includeDependenciesRecursively: false, groups: chunks.groups } },
    },
    // Vite's preload helper reads `document`, which a worker has not: a dynamic import in the worker's chunks
    // preloads nothing. (Such imports are what large data the worker needs now and then must be: QEMU's help
    // lists, src/core/syntax/qemu-help/qemu-*.json, when something uses them, as `await import(…)` in the worker
    // — a static import would put ~190 KB of JSON in the worker's first chunk, or, through a barrel, the page's.)
    // (no polyfill: every browser the build targets preloads modules itself)
    modulePreload: { polyfill: false, resolveDependencies: (file, deps) => (coreWorker.workerChunks.has(file) ? [] : deps) },
  },
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    environment: 'node',
    testTimeout: 120_000,
  },
});
