/** Documents that are exactly a built-in example as loaded (so the picker can tell an edited design apart). */
import type { ConfigDocument } from '../core/document/index.ts';

const presetOf = new WeakMap<ConfigDocument, string>();

export function markPresetDocument(doc: ConfigDocument, id: string): ConfigDocument {
  presetOf.set(doc, id);
  return doc;
}

/** The example id when `doc` is an example exactly as loaded, else null. */
export function presetIdOf(doc: ConfigDocument): string | null {
  return presetOf.get(doc) ?? null;
}
