/**
 * `window.__mmdTestApi`: a read-mostly hook for end-to-end tests and the browser benchmark. Assertions read the
 * document, its revision and a summary of the latest result (addresses as exact hex strings), instead of pixels.
 *
 * Only in the end-to-end build (`vite build --mode e2e`, what e2e/playwright.config.ts serves) and the dev
 * server: `installTestApi` is a no-op in a production build, where the bundler drops everything after the mode
 * check (`npm run build` output holds no `__mmdTestApi`; e2e/hardening.spec.ts checks).
 */
import type { ConfigDocument } from '../core/document/index.ts';
import { formatQemuError } from '../core/base/index.ts';
import type { MachineResultView as MachineResult } from '../core/machine/index.ts';
import type { DesignerStore } from '../state/store.ts';
import type { CoreClient, Engine } from '../worker/client.ts';
import { hexAddr } from './hex.ts';

export interface ResultSummary {
  /** the document revision this result belongs to */
  revision: number;
  /** QEMU's stderr line when it refuses the document */
  error: string | null;
  window: { base: string; size: string } | null;
  devices: Array<{ id: string | null; driver: string; addr: string; size: string; node: number; explicitAddr: boolean }>;
  srat: Array<{ type: string; pxm: number; base?: string; length?: string; flags: number; role?: string }>;
  e820: Array<{ address: string; length: string; type: number }>;
  diagnostics: string[];
}

export interface MmdTestApi {
  readonly document: ConfigDocument;
  readonly revision: number;
  /** summary of the latest result (possibly of an older revision: compare `result.revision`) */
  readonly result: ResultSummary | null;
  readonly engine: Engine;
  /** put a document in place (one undo step) and return the new revision */
  replaceDocument(doc: ConfigDocument): number;
  /** wait until the result of the current revision is shown */
  settled(timeoutMs?: number): Promise<ResultSummary>;
  /** whether the result of the current revision is shown (a cheap check: no summary is made) */
  readonly shown: boolean;
  /** time `n` full derive calls of `doc` (default: the current document) through the client, in ms */
  timeDerive(n: number, doc?: ConfigDocument): Promise<number[]>;
  /** time `n` full derive calls through the client, of `docs[0]`, `docs[1]`, … in turn (an edit before each call), in ms */
  timeDeriveEdits(n: number, docs: ConfigDocument[]): Promise<number[]>;
  /** time `n` drag-validity checks of `doc` (default: the current document) through the client, in ms */
  timeCheck(n: number, doc?: ConfigDocument): Promise<number[]>;
  /** make the core worker die silently (terminated, no event), as a crashed worker does */
  killWorker(): void;
}

/** Whether this build has the test API (the e2e build and the dev server; never a production build). */
export const TEST_API_ENABLED = import.meta.env.MODE === 'e2e' || import.meta.env.DEV;

declare global {
  interface Window {
    __mmdTestApi?: MmdTestApi;
  }
}

export function summariseResult(result: MachineResult, revision: number): ResultSummary {
  const l = result.layout;
  return {
    revision,
    error: result.error ? formatQemuError(result.error) : null,
    window: l?.window ? { base: hexAddr(l.window.base), size: hexAddr(l.window.size) } : null,
    devices:
      l?.devices.map((d) => ({
        id: d.id,
        driver: d.driver,
        addr: hexAddr(d.addr),
        size: hexAddr(d.size),
        node: d.node,
        explicitAddr: d.explicitAddr,
      })) ?? [],
    srat:
      l?.srat?.entries.map((e) =>
        e.type === 'memory'
          ? { type: 'memory', pxm: e.proximityDomain, base: hexAddr(e.baseAddress), length: hexAddr(e.length), flags: e.flags, role: e.role }
          : { type: e.type, pxm: e.proximityDomain, flags: e.flags },
      ) ?? [],
    e820: l?.e820.map((e) => ({ address: hexAddr(e.address), length: hexAddr(e.length), type: e.type })) ?? [],
    diagnostics: result.diagnostics.map((d) => d.message),
  };
}

async function timeCalls(n: number, call: () => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await call();
    out.push(performance.now() - t0);
  }
  return out;
}

export interface TestApiSources {
  store: DesignerStore;
  client: CoreClient;
  /** the latest result shown and its revision */
  latest: () => { result: MachineResult | null; revision: number; current: boolean };
}

export function installTestApi({ store, client, latest }: TestApiSources): () => void {
  if (!TEST_API_ENABLED) return () => {};
  let cache: { result: MachineResult; revision: number; summary: ResultSummary } | null = null;
  const summary = (): ResultSummary | null => {
    const l = latest();
    if (!l.result) return null;
    if (!cache || cache.result !== l.result || cache.revision !== l.revision) {
      cache = { result: l.result, revision: l.revision, summary: summariseResult(l.result, l.revision) };
    }
    return cache.summary;
  };
  const api: MmdTestApi = {
    get document() {
      return store.getState().doc;
    },
    get revision() {
      return store.getState().revision;
    },
    get result() {
      return summary();
    },
    get engine() {
      return client.engine();
    },
    get shown() {
      const l = latest();
      return l.result !== null && l.current && l.revision === store.getState().revision;
    },
    replaceDocument(doc) {
      store.getState().actions.replaceDocument(doc, { recordHistory: true });
      return store.getState().revision;
    },
    async settled(timeoutMs = 10_000) {
      const t0 = performance.now();
      for (;;) {
        const s = summary();
        const l = latest();
        if (s && l.current && s.revision === store.getState().revision) return s;
        if (performance.now() - t0 > timeoutMs) throw new Error('the result of the current revision did not arrive');
        await new Promise((r) => setTimeout(r, 16));
      }
    },
    timeDerive: (n, doc) => timeCalls(n, () => client.derive(doc ?? store.getState().doc)),
    timeDeriveEdits: (n, docs) => {
      let i = 0;
      return timeCalls(n, () => client.derive(docs[i++ % docs.length]!));
    },
    timeCheck: (n, doc) => timeCalls(n, () => client.check(doc ?? store.getState().doc)),
    killWorker: () => client.simulateCrash(),
  };
  window.__mmdTestApi = api;
  return () => {
    if (window.__mmdTestApi === api) delete window.__mmdTestApi;
  };
}
