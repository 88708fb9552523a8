/**
 * The api as the worker exposes it: every call that takes a document takes a DocRef instead (a delta against a
 * document sent before, see doc-transfer.ts) and answers MISSING_BASE when the worker cannot rebuild it.
 */
import type { ConfigDocument } from '../core/document.ts';
import type { CoreApi } from './api.ts';
import { DocStore, MISSING_BASE, type DocRef, type MissingBase } from './doc-transfer.ts';

export const DOC_METHODS = [
  'derive',
  'check',
  'setMoveBase',
  'exportDesign',
  'inspectWindow',
  'proposeWindowLayout',
  'guestView',
  'learnRange',
  'guidedTour',
] as const satisfies ReadonlyArray<keyof CoreApi>;

export type DocMethod = (typeof DOC_METHODS)[number];

type ByRef<F> = F extends (doc: ConfigDocument, ...rest: infer A) => infer R ? (doc: DocRef, ...rest: A) => R | MissingBase : never;

export type WorkerApi = Omit<CoreApi, DocMethod> & { [K in DocMethod]: ByRef<CoreApi[K]> };

export function workerApi(api: CoreApi, store = new DocStore()): WorkerApi {
  const out: Record<string, unknown> = { ...api };
  for (const name of DOC_METHODS) {
    const f = api[name] as (doc: ConfigDocument, ...rest: unknown[]) => unknown;
    out[name] = (ref: DocRef, ...rest: unknown[]) => {
      const doc = store.resolve(ref);
      return doc ? f(doc, ...rest) : MISSING_BASE;
    };
  }
  return out as WorkerApi;
}
