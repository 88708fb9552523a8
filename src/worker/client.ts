/**
 * The one connection to the core worker. It holds a single Comlink Remote; if the worker cannot start or dies,
 * every call (including the ones under way) is answered on the main thread instead, by loading the worker's own
 * built file there on demand (the core ships once), so the designer keeps working, only slower.
 *
 * Its calls are the api's (api.ts), typed from `typeof api` and made from the call table of calls.ts.
 */
import { releaseProxy, wrap, type Remote } from 'comlink';
import type { ComputeOptions } from '../core/machine/index.ts';
import type { ConfigDocument } from '../core/document/index.ts';
import type { CoreApi, Derived } from './api.ts';
import { CALL_NAMES, CALLS } from './calls.ts';
import { DocSender, MISSING_BASE, type DocRef, type MissingBase } from './doc-transfer.ts';
import { NO_BASE, ResultReceiver } from './result-transfer.ts';
import type { WorkerApi } from './worker-api.ts';
// the built worker script, also loadable as a module on the main thread (the fallback)
import coreWorkerUrl from './core.worker.ts?worker&url';

export type Engine = 'worker' | 'main-thread';

/** The core api's calls as the client offers them: the same arguments, the answer as a promise. */
export type CoreCalls = { [K in keyof CoreApi]: (...args: Parameters<CoreApi[K]>) => Promise<Awaited<ReturnType<CoreApi[K]>>> };

export type CoreClient = CoreCalls & {
  /** where calls run now */
  engine(): Engine;
  /** why the worker was given up, if it was */
  fallbackReason(): string | null;
  /** stop the worker */
  dispose(): void;
};

export type CoreClientErrorCode = 'WORKER_FAILED' | 'WORKER_TIMEOUT';

/** The worker is unusable; calls go to the main thread. */
export class CoreClientError extends Error {
  constructor(
    readonly code: CoreClientErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'CoreClientError';
  }
}

export interface CoreClientOptions {
  /** false: run on the main thread from the start */
  useWorker?: boolean;
  /** how long the worker may take to answer its first call before it is given up */
  startTimeoutMs?: number;
}

export function createCoreClient(options: CoreClientOptions = {}): CoreClient {
  let worker: Worker | null = null;
  let remote: Remote<WorkerApi> | null = null;
  let engine: Engine = 'worker';
  let reason: string | null = null;
  let local: Promise<CoreApi> | null = null;
  let signalFailure: (e: CoreClientError) => void = () => {};
  const failure = new Promise<never>((_, reject) => {
    signalFailure = reject;
  });
  failure.catch(() => {});

  // the worker file, run as a module on the main thread, publishes the api under this symbol
  const loadLocal = (): Promise<CoreApi> =>
    (local ??= import(/* @vite-ignore */ coreWorkerUrl).then(() => {
      const found = (globalThis as Record<symbol, unknown>)[Symbol.for('memory-map-designer.core-api')] as CoreApi | undefined;
      if (!found) throw new CoreClientError('WORKER_FAILED', 'the core could not be loaded on the main thread');
      return found;
    }));

  const giveUp = (error: CoreClientError): void => {
    if (engine === 'main-thread') return;
    engine = 'main-thread';
    reason = error.message;
    signalFailure(error);
    if (remote) remote[releaseProxy]();
    worker?.terminate();
    remote = null;
    worker = null;
  };

  if (options.useWorker === false || typeof Worker === 'undefined') {
    giveUp(new CoreClientError('WORKER_FAILED', 'the core runs on the main thread (worker disabled)'));
  } else {
    try {
      worker = new Worker(new URL('./core.worker.ts', import.meta.url), { type: 'module' });
      worker.addEventListener('error', (e) => {
        giveUp(new CoreClientError('WORKER_FAILED', `the core worker failed: ${e.message || 'it could not start'}`));
      });
      worker.addEventListener('messageerror', () => {
        giveUp(new CoreClientError('WORKER_FAILED', 'the core worker sent a message that could not be read'));
      });
      remote = wrap<WorkerApi>(worker);
      const timeout = options.startTimeoutMs ?? 8000;
      const timer = setTimeout(() => {
        giveUp(new CoreClientError('WORKER_TIMEOUT', `the core worker did not answer within ${timeout} ms`));
      }, timeout);
      remote.ping().then(
        () => clearTimeout(timer),
        () => {},
      );
    } catch (e) {
      giveUp(new CoreClientError('WORKER_FAILED', `the core worker could not be created: ${String(e)}`));
    }
  }

  async function call<R>(viaWorker: (r: Remote<WorkerApi>) => Promise<R>, viaMain: (api: CoreApi) => R): Promise<R> {
    const r = remote;
    if (r) {
      try {
        return await Promise.race([viaWorker(r), failure]);
      } catch (e) {
        if (!(e instanceof CoreClientError)) throw e;
      }
    }
    return viaMain(await loadLocal());
  }

  // documents go to the worker as deltas against the previous one sent
  const sender = new DocSender();
  const withDoc =
    <R>(doc: ConfigDocument, send: (r: Remote<WorkerApi>, ref: DocRef) => Promise<R | MissingBase>) =>
    async (r: Remote<WorkerApi>): Promise<R> => {
      const out = await send(r, sender.encode(doc));
      if (out !== MISSING_BASE) return out as R;
      const again = await send(r, sender.full(doc));
      if (again === MISSING_BASE) throw new Error('the core worker did not take the document');
      return again as R;
    };

  // results of derive come back as deltas against the last one received
  const results = new ResultReceiver();
  // (a delta against a result this side no longer holds: ask again for the whole result)
  const deriveVia = async (r: Remote<WorkerApi>, doc: ConfigDocument, ref: DocRef, opts: ComputeOptions, held = results.held()): Promise<Derived | MissingBase> => {
    const w = await r.derive(ref, opts, held);
    return w === MISSING_BASE ? w : (results.decode(w) ?? deriveVia(r, doc, sender.encode(doc), opts, NO_BASE));
  };

  // every call of the api, by name: documents go as deltas (`doc` calls), other arguments as they are
  type ByName = Record<keyof CoreApi, (...args: unknown[]) => unknown>;
  const onMain = (name: keyof CoreApi, args: unknown[]) => (api: CoreApi) => (api as unknown as ByName)[name](...args);
  const inWorker = (name: keyof CoreApi, r: Remote<WorkerApi>, args: unknown[]) => (r as unknown as ByName)[name](...args) as Promise<unknown>;
  const calls = {} as Record<keyof CoreApi, (...args: unknown[]) => Promise<unknown>>;
  for (const name of CALL_NAMES) {
    calls[name] =
      CALLS[name] === 'doc'
        ? (doc, ...rest) => call(withDoc(doc as ConfigDocument, (r, ref) => inWorker(name, r, [ref, ...rest])), onMain(name, [doc, ...rest]))
        : (...args) => call((r) => inWorker(name, r, args), onMain(name, args));
  }
  // derive also takes its result as a delta against the one this side holds
  const derive: CoreCalls['derive'] = (doc, opts = {}) =>
    call(
      withDoc(doc, (r, ref) => deriveVia(r, doc, ref, opts)),
      (api) => api.derive(doc, opts),
    );

  return {
    ...(calls as unknown as CoreCalls),
    derive,
    engine: () => engine,
    fallbackReason: () => reason,
    dispose: () => {
      if (remote) remote[releaseProxy]();
      worker?.terminate();
      remote = null;
      worker = null;
    },
  };
}
