/**
 * The core worker. In a worker it exposes the typed api object over Comlink, documents arriving as deltas
 * (worker-api.ts). The same built file is what the client loads on the main thread when no worker can run; there
 * it only publishes `api` under a global symbol (a worker bundle keeps no exports), so the core ships once.
 */
import { expose } from 'comlink';
import { api } from './api.ts';
import { workerApi } from './worker-api.ts';

/** Where the main-thread fallback finds the api after importing this file. */
export const CORE_API_KEY = Symbol.for('memory-map-designer.core-api');

if ((globalThis as { WorkerGlobalScope?: unknown }).WorkerGlobalScope !== undefined) {
  expose(workerApi(api));
} else {
  (globalThis as Record<symbol, unknown>)[CORE_API_KEY] = api;
}
