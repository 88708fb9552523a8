/**
 * The one connection to the core worker in the browser: client-core.ts (restarts a worker that dies or stops
 * answering; if the worker cannot start, every call, including the ones under way, is answered on the main
 * thread instead, by loading the worker's own built file there on demand — the core ships once — so the
 * designer keeps working, only slower).
 *
 * Its calls are the api's (api.ts), typed from `typeof api` and made from the call table of calls.ts.
 */
import type { CoreApi } from './api.ts';
import { CoreClientError, createCoreClientCore, type CoreClient } from './client-core.ts';
// the built worker script, also loadable as a module on the main thread (the fallback). In a build,
// vite.config.ts makes it a chunk of the page's own build, so the worker and the page share the modules both use.
import coreWorkerUrl from './core.worker.ts?worker&url';

export { CoreClientError, type CoreCalls, type CoreClient, type CoreClientErrorCode, type CoreStatus, type Engine } from './client-core.ts';

export interface CoreClientOptions {
  /** false: run on the main thread from the start */
  useWorker?: boolean;
  /** how long the worker may take to answer its first call before it is given up */
  startTimeoutMs?: number;
  /** a call outstanding this long makes the client ping the worker; an unanswered ping (pingTimeoutMs) restarts it */
  stuckMs?: number;
  pingTimeoutMs?: number;
}

export function createCoreClient(options: CoreClientOptions = {}): CoreClient {
  const canRun = options.useWorker !== false && typeof Worker !== 'undefined';
  return createCoreClientCore({
    spawn: canRun ? () => new Worker(coreWorkerUrl, { type: 'module' }) : null,
    // the worker file, run as a module on the main thread, publishes the api under this symbol
    loadLocal: () =>
      import(/* @vite-ignore */ coreWorkerUrl).then(() => {
        const found = (globalThis as Record<symbol, unknown>)[Symbol.for('memory-map-designer.core-api')] as CoreApi | undefined;
        if (!found) throw new CoreClientError('WORKER_FAILED', 'the core could not be loaded on the main thread');
        return found;
      }),
    ...(options.startTimeoutMs !== undefined ? { startTimeoutMs: options.startTimeoutMs } : {}),
    ...(options.stuckMs !== undefined ? { stuckMs: options.stuckMs } : {}),
    ...(options.pingTimeoutMs !== undefined ? { pingTimeoutMs: options.pingTimeoutMs } : {}),
  });
}
