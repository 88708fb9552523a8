/**
 * The map's pointer machinery — d3-zoom, d3-drag, d3-selection and the block drag gesture — is one chunk the
 * page loads on demand: the first map to mount asks for it, and the page draws meanwhile. A controller made
 * before the chunk is there queues its calls and replays them, in order, once it is.
 */
import type * as Interactions from './interactions.ts';

export type InteractionsModule = typeof Interactions;

let loading: Promise<InteractionsModule> | null = null;

/** The chunk, loaded once. */
export function loadInteractions(): Promise<InteractionsModule> {
  return (loading ??= import('./interactions.ts').catch((e: unknown) => {
    loading = null;
    throw e;
  }));
}

/**
 * A stand-in for an object of `T`'s methods that the chunk makes: each call runs on the real object, or waits
 * for it (calls keep their order). `make` runs once, when the chunk is there.
 */
export function deferred<T extends object>(make: (m: InteractionsModule) => T, methods: ReadonlyArray<keyof T>): T {
  let real: T | null = null;
  const queued: Array<(t: T) => void> = [];
  loadInteractions().then(
    (m) => {
      real = make(m);
      for (const call of queued.splice(0)) call(real);
    },
    (e: unknown) => console.error('the map could not load its zoom and drag code:', e),
  );
  const out = {} as Record<keyof T, (...args: unknown[]) => void>;
  for (const name of methods) {
    out[name] = (...args: unknown[]) => {
      const call = (t: T) => (t[name] as (...a: unknown[]) => unknown)(...args);
      if (real) call(real);
      else queued.push(call);
    };
  }
  return out as unknown as T;
}
