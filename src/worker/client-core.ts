/**
 * The connection to the core worker, whatever starts the worker (client.ts gives the browser's; tests give a
 * fake one). It holds one Comlink Remote at a time and watches it:
 *
 *  - a worker that cannot start (an 'error' before its first answer, or no answer within `startTimeoutMs`) is
 *    given up: every call, including the ones under way, is answered on the main thread instead;
 *  - a worker that dies later (an 'error' or 'messageerror' event), or stops answering — a call outstanding for
 *    `stuckMs` and then no answer to a ping within `pingTimeoutMs` (a crashed worker answers nothing, and sends
 *    no event either) — is restarted: the calls under way are sent again to the new worker, so the results
 *    come back recomputed, and the status (`status()`, `subscribe`) says what happened, for the app bar;
 *  - after MAX_RESTARTS restarts within RESTART_WINDOW_MS the worker is given up for the main thread.
 */
import { releaseProxy, wrap, type Endpoint, type Remote } from 'comlink';
import type { ComputeOptions } from '../core/machine/index.ts';
import type { ConfigDocument } from '../core/document/index.ts';
import type { CoreApi, Derived } from './api.ts';
import { CALL_NAMES, CALLS, DELTA_CALLS, type DeltaCall } from './calls.ts';
import { DocSender, MISSING_BASE, type DocRef, type MissingBase } from './doc-transfer.ts';
import { NO_BASE, ResultReceiver } from './result-transfer.ts';
import type { WorkerApi } from './worker-api.ts';

export type Engine = 'worker' | 'main-thread';

/** The core api's calls as the client offers them: the same arguments, the answer as a promise. */
export type CoreCalls = { [K in keyof CoreApi]: (...args: Parameters<CoreApi[K]>) => Promise<Awaited<ReturnType<CoreApi[K]>>> };

/** How the core is doing, for the app bar. */
export interface CoreStatus {
  engine: Engine;
  /** 'ok'; 'restarted': the worker stopped and a new one took over; 'main-thread': the worker was given up */
  state: 'ok' | 'restarted' | 'main-thread';
  /** how many times the worker was restarted */
  restarts: number;
  /** what happened, in a sentence (null while all is well) */
  message: string | null;
}

export type CoreClient = CoreCalls & {
  /** where calls run now */
  engine(): Engine;
  /** why the worker was given up, if it was */
  fallbackReason(): string | null;
  status(): CoreStatus;
  /** called when the status changes */
  subscribe(listener: (s: CoreStatus) => void): () => void;
  /** since when (`Date.now()`) no call has been under way; null while one is */
  idleSince(): number | null;
  /** for tests: the worker dies silently (terminated, no event), as a crashed one does */
  simulateCrash(): void;
  /** stop the worker */
  dispose(): void;
};

export type CoreClientErrorCode = 'WORKER_FAILED' | 'WORKER_TIMEOUT' | 'WORKER_RESTARTED';

/** The worker is unusable (calls go to the main thread), or was replaced while a call was under way. */
export class CoreClientError extends Error {
  constructor(
    readonly code: CoreClientErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'CoreClientError';
  }
}

/** What the client needs of a Worker. */
export interface WorkerLike extends Endpoint {
  terminate(): void;
}

export interface CoreClientCoreOptions {
  /** start a worker (null or a throw: none can run; calls go to the main thread) */
  spawn: (() => WorkerLike) | null;
  /** the api on the main thread (the fallback) */
  loadLocal: () => Promise<CoreApi>;
  /** how long the worker may take to answer its first call before it is given up */
  startTimeoutMs?: number;
  /** a call outstanding this long makes the client ping the worker */
  stuckMs?: number;
  /** a ping unanswered this long: the worker is dead, and restarted */
  pingTimeoutMs?: number;
}

export const MAX_RESTARTS = 3;
export const RESTART_WINDOW_MS = 60_000;
/** how often a call under way is sent again after its worker was replaced */
const MAX_RETRIES = 2;

interface Generation {
  worker: WorkerLike;
  remote: Remote<WorkerApi>;
  /** rejects when this worker is replaced or given up */
  dead: Promise<never>;
  end: (e: CoreClientError) => void;
  /** it answered at least once */
  answered: boolean;
  /** documents go to the worker as deltas against the previous one sent (to this worker) */
  sender: DocSender;
  /** results of derive come back as deltas against the last one received (from this worker) */
  results: ResultReceiver;
  /** and so do the answers of the other calls (DELTA_CALLS), each call against its own */
  answers: Map<DeltaCall, ResultReceiver<unknown>>;
}

export function createCoreClientCore(options: CoreClientCoreOptions): CoreClient {
  const stuckMs = options.stuckMs ?? 3000;
  const pingTimeoutMs = options.pingTimeoutMs ?? 2000;
  let gen: Generation | null = null;
  let engine: Engine = 'worker';
  let reason: string | null = null;
  let local: Promise<CoreApi> | null = null;
  let status: CoreStatus = { engine, state: 'ok', restarts: 0, message: null };
  const restartTimes: number[] = [];
  const listeners = new Set<(s: CoreStatus) => void>();
  const setStatus = (s: CoreStatus) => {
    status = s;
    for (const l of [...listeners]) l(s);
  };
  const loadLocal = (): Promise<CoreApi> => (local ??= options.loadLocal());

  /** calls under way in the worker, by when they started */
  const inflight = new Set<{ started: number }>();
  /** calls under way, wherever they run, and when the last one ended */
  let running = 0;
  let lastEnded = Date.now();
  let watchdog: ReturnType<typeof setInterval> | null = null;
  let pinging = false;

  const endGeneration = (g: Generation, error: CoreClientError) => {
    g.end(error);
    try {
      g.remote[releaseProxy]();
    } catch {
      /* already gone */
    }
    try {
      g.worker.terminate();
    } catch {
      /* already gone */
    }
  };

  const giveUp = (error: CoreClientError): void => {
    if (engine === 'main-thread') return;
    engine = 'main-thread';
    reason = error.message;
    const g = gen;
    gen = null;
    if (g) endGeneration(g, error);
    stopWatchdog();
    setStatus({ engine, state: 'main-thread', restarts: status.restarts, message: `The core runs on the main thread: ${error.message}.` });
  };

  const restart = (g: Generation, why: string): void => {
    if (g !== gen) return;
    const now = Date.now();
    while (restartTimes.length && now - restartTimes[0]! > RESTART_WINDOW_MS) restartTimes.shift();
    if (restartTimes.length >= MAX_RESTARTS) {
      giveUp(new CoreClientError('WORKER_FAILED', `the core worker stopped ${MAX_RESTARTS + 1} times within a minute (last: ${why})`));
      return;
    }
    restartTimes.push(now);
    gen = null;
    endGeneration(g, new CoreClientError('WORKER_RESTARTED', `the core worker ${why}`));
    start(true);
    if (engine === 'worker') {
      setStatus({
        engine,
        state: 'restarted',
        restarts: status.restarts + 1,
        message: `The core worker ${why}, and was restarted; the results were computed again.`,
      });
    }
  };

  /** A worker ended: before its first answer it cannot run here (main thread); after, it is restarted. */
  const died = (g: Generation, why: string): void => {
    if (g !== gen) return;
    if (!g.answered) giveUp(new CoreClientError('WORKER_FAILED', `the core worker failed: ${why}`));
    else restart(g, why);
  };

  function start(isRestart: boolean): void {
    if (!options.spawn) {
      engine = 'main-thread';
      reason = 'the core runs on the main thread (worker disabled)';
      setStatus({ engine, state: 'main-thread', restarts: 0, message: null });
      return;
    }
    let worker: WorkerLike;
    try {
      worker = options.spawn();
    } catch (e) {
      giveUp(new CoreClientError('WORKER_FAILED', `the core worker could not be created: ${String(e)}`));
      return;
    }
    let end: (e: CoreClientError) => void = () => {};
    const dead = new Promise<never>((_, reject) => {
      end = reject;
    });
    dead.catch(() => {});
    const g: Generation = { worker, remote: wrap<WorkerApi>(worker), dead, end, answered: false, sender: new DocSender(), results: new ResultReceiver(), answers: new Map() };
    gen = g;
    worker.addEventListener('error', ((e: ErrorEvent) => died(g, `stopped with an error (${e?.message || 'it could not run'})`)) as EventListener);
    worker.addEventListener('messageerror', () => died(g, 'sent a message that could not be read'));
    const timeout = options.startTimeoutMs ?? 8000;
    const timer = setTimeout(() => {
      if (g !== gen || g.answered) return;
      if (isRestart) restart(g, `did not start again within ${timeout} ms`);
      else giveUp(new CoreClientError('WORKER_TIMEOUT', `the core worker did not answer within ${timeout} ms`));
    }, timeout);
    g.remote.ping().then(
      () => {
        clearTimeout(timer);
        g.answered = true;
      },
      () => {},
    );
  }

  const stopWatchdog = () => {
    if (watchdog !== null) clearInterval(watchdog);
    watchdog = null;
  };
  /** While calls are under way: one outstanding too long makes a ping; an unanswered ping, a restart. */
  const check = () => {
    const g = gen;
    if (!g || inflight.size === 0) {
      stopWatchdog();
      return;
    }
    if (pinging) return;
    const oldest = Math.min(...[...inflight].map((c) => c.started));
    if (Date.now() - oldest < stuckMs) return;
    pinging = true;
    const timer = setTimeout(() => {
      pinging = false;
      restart(g, `stopped answering (nothing for ${Math.round((stuckMs + pingTimeoutMs) / 1000)} s)`);
    }, pingTimeoutMs);
    g.remote.ping().then(
      () => {
        clearTimeout(timer);
        pinging = false;
        // alive: the calls outstanding are merely long; look again after another stuckMs
        const now = Date.now();
        for (const c of inflight) c.started = now;
      },
      () => {},
    );
  };

  async function call<R>(viaWorker: (g: Generation) => Promise<R>, viaMain: (api: CoreApi) => R): Promise<R> {
    running++;
    try {
      return await callOnce(viaWorker, viaMain);
    } finally {
      running--;
      lastEnded = Date.now();
    }
  }

  async function callOnce<R>(viaWorker: (g: Generation) => Promise<R>, viaMain: (api: CoreApi) => R): Promise<R> {
    for (let attempt = 0; ; attempt++) {
      const g = gen;
      if (!g) break;
      const token = { started: Date.now() };
      inflight.add(token);
      if (watchdog === null) watchdog = setInterval(check, Math.max(50, Math.min(stuckMs, pingTimeoutMs) / 4));
      try {
        const out = await Promise.race([viaWorker(g), g.dead]);
        g.answered = true;
        return out;
      } catch (e) {
        if (!(e instanceof CoreClientError)) throw e;
        if (e.code === 'WORKER_RESTARTED' && attempt >= MAX_RETRIES) {
          throw new CoreClientError('WORKER_FAILED', `the core worker stopped ${attempt + 1} times while computing this`);
        }
        // restarted: again, on the new worker; given up: on the main thread
      } finally {
        inflight.delete(token);
      }
    }
    return viaMain(await loadLocal());
  }

  const withDoc =
    <R>(doc: ConfigDocument, send: (g: Generation, ref: DocRef) => Promise<R | MissingBase>) =>
    async (g: Generation): Promise<R> => {
      const out = await send(g, g.sender.encode(doc));
      if (out !== MISSING_BASE) return out as R;
      const again = await send(g, g.sender.full(doc));
      if (again === MISSING_BASE) throw new Error('the core worker did not take the document');
      return again as R;
    };

  // (a delta against a result this side no longer holds: ask again for the whole result)
  const deriveVia = async (g: Generation, doc: ConfigDocument, ref: DocRef, opts: ComputeOptions, held = g.results.held()): Promise<Derived | MissingBase> => {
    const w = await g.remote.derive(ref, opts, held);
    return w === MISSING_BASE ? w : (g.results.decode(w) ?? deriveVia(g, doc, g.sender.encode(doc), opts, NO_BASE));
  };

  // the answer of a DELTA_CALLS call, as a delta against the last answer of that call this side holds (a delta
  // against one it no longer holds: ask again for the whole answer, with `again()`'s arguments)
  const answerVia = async (g: Generation, name: DeltaCall, args: unknown[], again: () => unknown[], held?: number): Promise<unknown> => {
    let receiver = g.answers.get(name);
    if (!receiver) g.answers.set(name, (receiver = new ResultReceiver<unknown>()));
    const w = await g.remote.answer(name, args, held ?? receiver.held());
    if (w === MISSING_BASE) return w;
    const got = receiver.open(w);
    return got ? got.value : answerVia(g, name, again(), again, NO_BASE);
  };

  // every call of the api, by name: documents go as deltas (`doc` calls), other arguments as they are; answers
  // come as deltas (DELTA_CALLS)
  type ByName = Record<keyof CoreApi, (...args: unknown[]) => unknown>;
  const onMain = (name: keyof CoreApi, args: unknown[]) => (api: CoreApi) => (api as unknown as ByName)[name](...args);
  const inWorker = (name: keyof CoreApi, g: Generation, args: unknown[], again: () => unknown[]) =>
    DELTA_CALLS.has(name) ? answerVia(g, name as DeltaCall, args, again) : ((g.remote as unknown as ByName)[name](...args) as Promise<unknown>);
  const calls = {} as Record<keyof CoreApi, (...args: unknown[]) => Promise<unknown>>;
  for (const name of CALL_NAMES) {
    calls[name] =
      CALLS[name] === 'doc'
        ? (doc, ...rest) =>
            call(
              withDoc(doc as ConfigDocument, (g, ref) => inWorker(name, g, [ref, ...rest], () => [g.sender.encode(doc as ConfigDocument), ...rest])),
              onMain(name, [doc, ...rest]),
            )
        : (...args) => call((g) => inWorker(name, g, args, () => args), onMain(name, args));
  }
  // derive also takes its result as a delta against the one this side holds
  const derive: CoreCalls['derive'] = (doc, opts = {}) =>
    call(
      withDoc(doc, (g, ref) => deriveVia(g, doc, ref, opts)),
      (api) => api.derive(doc, opts),
    );

  start(false);

  return {
    ...(calls as unknown as CoreCalls),
    derive,
    engine: () => engine,
    fallbackReason: () => reason,
    status: () => status,
    idleSince: () => (running > 0 ? null : lastEnded),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    simulateCrash() {
      try {
        gen?.worker.terminate();
      } catch {
        /* already gone */
      }
    },
    dispose: () => {
      stopWatchdog();
      const g = gen;
      gen = null;
      if (g) endGeneration(g, new CoreClientError('WORKER_FAILED', 'the client was disposed'));
    },
  };
}
