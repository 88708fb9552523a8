/**
 * The api as the worker exposes it: every call that takes a document takes a DocRef instead (a delta against a
 * document sent before, see doc-transfer.ts) and answers MISSING_BASE when the worker cannot rebuild it. `derive`
 * also takes the sequence number of the result the client holds, and answers with a delta against it when it is
 * the last one sent (result-transfer.ts).
 */
import type { ConfigDocument } from '../core/document/index.ts';
import type { ComputeOptions } from '../core/machine/index.ts';
import type { CoreApi } from './api.ts';
import { DOC_METHODS, type DocMethod } from './calls.ts';
import { ResultSender, type DerivedWire } from './result-transfer.ts';
import { DocStore, MISSING_BASE, type DocRef, type MissingBase } from './doc-transfer.ts';

type ByRef<F> = F extends (doc: ConfigDocument, ...rest: infer A) => infer R ? (doc: DocRef, ...rest: A) => R | MissingBase : never;

export type WorkerApi = Omit<CoreApi, DocMethod> &
  { [K in Exclude<DocMethod, 'derive'>]: ByRef<CoreApi[K]> } & {
    /** `held`: the sequence number of the result the client holds (NO_BASE: none) */
    derive(doc: DocRef, opts: ComputeOptions, held: number): DerivedWire | MissingBase;
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
  return out as WorkerApi;
}
