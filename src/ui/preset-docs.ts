/**
 * The built-in examples on the page's side: their names, the example the designer opens with, and which
 * documents are exactly an example as loaded (so the picker can tell an edited design apart).
 *
 * The page parses no command line to have them. preset-data.json holds the examples' titles and descriptions,
 * a fingerprint of each one's design JSON, and the default example's document itself, all made from
 * src/core/designer/presets.ts (a preset's document is what the importer makes of its command line);
 * preset-docs.test.ts checks that they still are, and rewrites the file when run with MMD_WRITE_PRESET_DATA=1.
 * The other examples' documents come from the core worker, which parses them when one is chosen.
 */
import type { ConfigDocument } from '../core/document/index.ts';
import data from './preset-data.json';

export interface PresetInfo {
  id: string;
  title: string;
  description: string;
  /** textFingerprint of the preset's document as serializeDocument writes it */
  fingerprint: string;
}

/** The examples, in the picker's order. */
export const PRESET_LIST: readonly PresetInfo[] = data.presets;

/** The example the designer opens with. */
export const DEFAULT_PRESET_ID: string = data.defaultId;

/** The default example's document (a fresh copy each time: documents are values the store keeps). */
export function exampleDocument(): ConfigDocument {
  return structuredClone(data.example) as unknown as ConfigDocument;
}

/** A 53-bit hash of `text` (cyrb53) and its length: `hhhhhhhhhhhhhh-length`. */
export function textFingerprint(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  const h = 4294967296 * (2097151 & h2) + (h1 >>> 0);
  return `${h.toString(16).padStart(14, '0')}-${text.length}`;
}

/** The example whose document serializes to `serialized` (the design JSON), if one does. */
export function presetIdOfText(serialized: string): string | null {
  const f = textFingerprint(serialized);
  return PRESET_LIST.find((p) => p.fingerprint === f)?.id ?? null;
}

const presetOf = new WeakMap<ConfigDocument, string>();

export function markPresetDocument(doc: ConfigDocument, id: string): ConfigDocument {
  presetOf.set(doc, id);
  return doc;
}

/** The example id when `doc` is an example exactly as loaded, else null. */
export function presetIdOf(doc: ConfigDocument): string | null {
  return presetOf.get(doc) ?? null;
}
