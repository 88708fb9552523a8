/**
 * Kept designs: every design the designer puts something else in place of (a link opened in this tab or at
 * startup, an import, an opened file, an example, a restore) is copied here first, so that it can be restored
 * later, after a reload too; and so is each tab's own design while another tab is open (tabs.ts).
 *
 * Layout in browser storage:
 *   memory-map-designer/kept          the index: JSON array of KeptEntry, newest first
 *   memory-map-designer/kept/<id>     one kept design (compact document JSON)
 *   memory-map-designer/tab/<tab id>  a tab's own design while other tabs are open (listed in the index too)
 *
 * A design is not copied when it is exactly a built-in example (it can be picked again) or when the same design
 * is already kept. The index holds at most MAX_KEPT entries: beyond that, and when storage is full, the oldest
 * entries go first, other tabs' designs last and the current tab's never. Designs kept by an earlier version
 * (`…/autosave-before-link`, `.2`, …) are listed too.
 */
import type { ConfigDocument } from '../core/document/index.ts';
import { loadDocument } from '../core/io/index.ts';
import { compactText } from './saved-text.ts';

/** The parts of the Web Storage API used here (tests pass a Map-backed one). */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** the design of the tab that owns autosave (tabs.ts), as document JSON */
export const AUTOSAVE_KEY = 'memory-map-designer/autosave';
export const KEPT_INDEX_KEY = 'memory-map-designer/kept';
const KEPT_PREFIX = 'memory-map-designer/kept/';
const TAB_PREFIX = 'memory-map-designer/tab/';
/** where an earlier version kept the design a share link replaced (then `.2`, `.3`, …) */
export const LEGACY_PREVIOUS_KEY = 'memory-map-designer/autosave-before-link';
export const MAX_KEPT = 16;

export interface KeptEntry {
  /** the storage key holding the design */
  key: string;
  /** the design's name */
  name: string;
  /** what replaced it, for the list: "a link", "an import", "the example “…”" — or, for a tab's design, "another tab" */
  replacedBy: string;
  /** when it was kept (ms since the epoch) */
  at: number;
  /** the tab whose own design this is (tabs.ts), if it is one */
  tab?: string;
  /** fingerprint of the kept text, to keep a design once */
  hash: string;
}

export function readItem(storage: KeyValueStorage | null, key: string): string | null {
  try {
    return storage ? storage.getItem(key) : null;
  } catch {
    return null;
  }
}

export function writeItem(storage: KeyValueStorage | null, key: string, value: string): boolean {
  if (!storage) return false;
  try {
    storage.setItem(key, value);
    return true;
  } catch {
    return false;
  }
}

function removeItem(storage: KeyValueStorage | null, key: string): void {
  try {
    storage?.removeItem(key);
  } catch {
    /* nothing to do */
  }
}

/** A 53-bit hash of `text` and its length (cyrb53). */
export function fingerprint(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16) + '-' + text.length;
}

function isEntry(v: unknown): v is KeptEntry {
  if (typeof v !== 'object' || v === null) return false;
  const e = v as Record<string, unknown>;
  return (
    typeof e.key === 'string' &&
    (e.key.startsWith(KEPT_PREFIX) || e.key.startsWith(TAB_PREFIX)) &&
    typeof e.name === 'string' &&
    typeof e.replacedBy === 'string' &&
    typeof e.at === 'number' &&
    typeof e.hash === 'string' &&
    (e.tab === undefined || typeof e.tab === 'string')
  );
}

function readIndex(storage: KeyValueStorage | null): KeptEntry[] {
  const raw = readItem(storage, KEPT_INDEX_KEY);
  if (raw === null) return [];
  try {
    const v = JSON.parse(raw) as unknown;
    return Array.isArray(v) ? v.filter(isEntry) : [];
  } catch {
    return [];
  }
}

const listeners = new Set<() => void>();
const changed = () => {
  for (const l of [...listeners]) l();
};

/** Called when the list changes, here or in another tab. */
export function subscribeKept(listener: () => void): () => void {
  listeners.add(listener);
  const onStorage = (e: StorageEvent) => {
    if (e.key === KEPT_INDEX_KEY || e.key === null) listener();
  };
  if (typeof window !== 'undefined') window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    if (typeof window !== 'undefined') window.removeEventListener('storage', onStorage);
  };
}

function legacyEntries(storage: KeyValueStorage | null): KeptEntry[] {
  const out: KeptEntry[] = [];
  for (let n = 1; n <= 20; n++) {
    const key = n === 1 ? LEGACY_PREVIOUS_KEY : `${LEGACY_PREVIOUS_KEY}.${n}`;
    const raw = readItem(storage, key);
    if (raw === null) break;
    const r = loadDocument(raw);
    if (r.ok) out.push({ key, name: r.doc.name, replacedBy: 'a link (kept by an earlier version)', at: 0, hash: fingerprint(compactText(r.doc)) });
  }
  return out;
}

/** The kept designs, newest first (the ones an earlier version kept last). */
export function listKept(storage: KeyValueStorage | null): KeptEntry[] {
  return [...readIndex(storage), ...legacyEntries(storage)];
}

/** A kept design (or any design stored under `key`), if it is there and readable. */
export function readKept(storage: KeyValueStorage | null, key: string): ConfigDocument | null {
  const raw = readItem(storage, key);
  if (raw === null) return null;
  const r = loadDocument(raw);
  return r.ok ? r.doc : null;
}

export type KeepResult = { ok: true; entry: KeptEntry; already: boolean } | { ok: false; message: string };

let idCounter = 0;
const newId = () => `${Date.now().toString(36)}-${(++idCounter).toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

/**
 * Write `value` under `key` and the index as `entries`, dropping the oldest droppable entries while storage
 * refuses (or while there are more than MAX_KEPT); false when even that does not make room.
 */
function commit(storage: KeyValueStorage, entries: KeptEntry[], protect: (e: KeptEntry) => boolean, key: string, value: string | null): KeptEntry[] | null {
  let list = entries;
  const dropOne = (): boolean => {
    // oldest first: kept designs, then other tabs' designs; never the protected ones
    for (const pass of [(e: KeptEntry) => !e.tab, (e: KeptEntry) => Boolean(e.tab)]) {
      for (let i = list.length - 1; i >= 0; i--) {
        const e = list[i]!;
        if (e.key !== key && pass(e) && !protect(e)) {
          removeItem(storage, e.key);
          list = list.filter((_, j) => j !== i);
          return true;
        }
      }
    }
    return false;
  };
  while (list.length > MAX_KEPT && dropOne()) {
    /* make the list fit */
  }
  for (;;) {
    const ok = (value === null || writeItem(storage, key, value)) && writeItem(storage, KEPT_INDEX_KEY, JSON.stringify(list));
    if (ok) return list;
    if (!dropOne()) return null;
  }
}

/**
 * Keep `doc` (that `replacedBy` is about to replace) so it can be restored; the entry, or why it could not be
 * kept (storage full or blocked).
 */
export function keepDesign(storage: KeyValueStorage | null, doc: ConfigDocument, replacedBy: string, opts: { protectTab?: string } = {}): KeepResult {
  if (!storage) return { ok: false, message: 'browser storage is not available' };
  const text = compactText(doc);
  const hash = fingerprint(text);
  const entries = readIndex(storage);
  const same = [...entries, ...legacyEntries(storage)].find((e) => e.hash === hash && !e.tab && readItem(storage, e.key) === text);
  if (same) return { ok: true, entry: same, already: true };
  const entry: KeptEntry = { key: KEPT_PREFIX + newId(), name: doc.name, replacedBy, at: Date.now(), hash };
  const list = commit(storage, [entry, ...entries], (e) => e.tab !== undefined && e.tab === opts.protectTab, entry.key, text);
  if (!list) {
    removeItem(storage, entry.key);
    return { ok: false, message: 'browser storage is full or blocked' };
  }
  changed();
  return { ok: true, entry, already: false };
}

/** The storage key of a tab's own design. */
export function tabKey(tab: string): string {
  return TAB_PREFIX + tab;
}

/** Save a tab's own design (tabs.ts) and list it; false when storage refuses even after dropping old entries. */
export function saveTabDesign(storage: KeyValueStorage | null, tab: string, doc: ConfigDocument, now = Date.now()): boolean {
  if (!storage) return false;
  const key = tabKey(tab);
  const text = compactText(doc);
  const entry: KeptEntry = { key, name: doc.name, replacedBy: 'another tab', at: now, tab, hash: fingerprint(text) };
  const list = commit(storage, [entry, ...readIndex(storage).filter((e) => e.key !== key)], (e) => e.tab === tab, key, text);
  if (!list) return false;
  changed();
  return true;
}

/** Remove a kept design (after it was restored into the tab it belongs to, or when the user forgets it). */
export function forgetKept(storage: KeyValueStorage | null, key: string): void {
  if (!storage) return;
  const entries = readIndex(storage);
  if (!entries.some((e) => e.key === key)) return;
  if (writeItem(storage, KEPT_INDEX_KEY, JSON.stringify(entries.filter((e) => e.key !== key)))) removeItem(storage, key);
  changed();
}
