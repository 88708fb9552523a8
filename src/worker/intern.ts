/**
 * Documents arrive in the worker as fresh copies (structured clone), which would defeat the caches keyed by
 * option objects: the argument text (core/syntax/cmdline-format), the host-access notes (core/designer/host-access)
 * and the document's size check (core/io/document-io). `internDocument` hands back the option objects of the
 * previous document wherever an incoming option is equal to the one at the same place, so those redo only the
 * options an edit changed. (The machine computation itself keeps no per-option caches: it reads every option
 * once per recompute, whether or not the objects are new.)
 */
import type { ConfigDocument, DocOption } from '../core/document/index.ts';

let last: readonly DocOption[] = [];

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameValue(a[i], b[i])) return false;
    return true;
  }
  return false;
}

/** Options are flat records of strings, with arrays of strings or of [key, value] pairs. */
export function sameOption(a: DocOption, b: DocOption): boolean {
  if (a.kind !== b.kind) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) {
    if (!sameValue((a as unknown as Record<string, unknown>)[k], (b as unknown as Record<string, unknown>)[k])) return false;
  }
  return true;
}

export function internDocument(doc: ConfigDocument): ConfigDocument {
  const prev = last;
  let reused = 0;
  const options = doc.options.map((o, i) => {
    const p = prev[i];
    if (p !== undefined && (p === o || sameOption(p, o))) {
      reused++;
      return p;
    }
    return o;
  });
  last = options;
  return reused === 0 ? doc : { ...doc, options };
}
