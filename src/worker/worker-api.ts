/**
 * The api as the worker exposes it: every call that takes a document takes a DocRef instead (a delta against a
 * document sent before, see doc-transfer.ts) and answers MISSING_BASE when the worker cannot rebuild it. `derive`
 * also takes the sequence number of the result the client holds, and answers with a delta against it when it is
 * one of the last few sent (result-transfer.ts). `answer` makes any other call of DELTA_CALLS the same way: its
 * answer comes as a delta against the last one of that call the client holds (so the page reads a few changed
 * elements, not a whole window inspection or thousands of placements, after each edit).
 */
import type { ConfigDocument } from '../core/document/index.ts';
import type { ComputeOptions } from '../core/machine/index.ts';
import type { CoreApi } from './api.ts';
import { CALLS, DELTA_CALLS, DOC_METHODS, type DeltaCall, type DocMethod } from './calls.ts';
import { ResultSender, type DerivedWire, type ResultWire } from './result-transfer.ts';
import { DocStore, MISSING_BASE, type DocRef, type MissingBase } from './doc-transfer.ts';

type ByRef<F> = F extends (doc: ConfigDocument, ...rest: infer A) => infer R ? (doc: DocRef, ...rest: A) => R | MissingBase : never;

export type WorkerApi = Omit<CoreApi, DocMethod> &
  { [K in Exclude<DocMethod, 'derive'>]: ByRef<CoreApi[K]> } & {
    /** `held`: the sequence number of the result the client holds (NO_BASE: none) */
    derive(doc: DocRef, opts: ComputeOptions, held: number): DerivedWire | MissingBase;
    /**
     * Call `name` with `args` (a `doc` call's first argument a DocRef); `held`: the sequence number of the answer
     * of that call the client holds (NO_BASE: none).
     */
    answer(name: DeltaCall, args: unknown[], held: number): Promise<ResultWire<unknown> | MissingBase>;
  };

export function workerApi(api: CoreApi, store = new DocStore(), results = new ResultSender()): WorkerApi {
  const out: Record<string, unknown> = { ...api };
  for (const name of DOC_METHODS) {
    const f = api[name] as (doc: ConfigDocument, ...rest: unknown[]) => unknown;
    out[name] = (ref: DocRef, ...rest: unknown[]) => {
      const doc = store.resolve(ref);
      return doc ? f(doc, ...rest) : MISSING_BASE;
    };
  }
  out.derive = (ref: DocRef, opts: ComputeOptions, held: number) => {
    const doc = store.resolve(ref);
    return doc ? results.encode(api.derive(doc, opts), held) : MISSING_BASE;
  };
  const senders = new Map<DeltaCall, ResultSender<unknown>>();
  out.answer = async (name: DeltaCall, args: unknown[], held: number): Promise<ResultWire<unknown> | MissingBase> => {
    if (!DELTA_CALLS.has(name)) throw new Error(`not a call of the core: ${String(name)}`);
    const f = api[name] as (...a: unknown[]) => unknown;
    let result: unknown;
    if (CALLS[name] === 'doc') {
      const doc = store.resolve(args[0] as DocRef);
      if (!doc) return MISSING_BASE;
      result = await f.call(api, doc, ...args.slice(1));
    } else {
      result = await f.apply(api, args);
    }
    let sender = senders.get(name);
    if (!sender) senders.set(name, (sender = new ResultSender<unknown>()));
    return sender.encode(result, held);
  };
  return out as WorkerApi;
}
