/**
 * Keeping the design across visits: autosave to browser storage (debounced, flushed when the page is hidden),
 * and which document the designer opens with. Precedence on load: a share link in the URL (`#d=…`), then the
 * autosaved design, then the example machine.
 *
 * Nothing the user has is overwritten silently: an autosaved value that cannot be read is copied to a backup
 * key before anything else is saved (if that copy fails, autosave stays off); an autosaved design that a share
 * link replaces is kept under its own key and can be restored.
 */
import type { ConfigDocument } from '../core/document/index.ts';
import { loadDocument, serializeDocument } from '../core/io/index.ts';
import { decodeShareLink, encodeShareFragment } from '../core/io/index.ts';
import type { DesignerStore } from './store.ts';

/** The parts of the Web Storage API used here (tests pass a Map-backed one). */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export const STORAGE_KEYS = {
  /** the current design, as saved-document JSON */
  autosave: 'memory-map-designer/autosave',
  /** an autosaved value that could not be read, kept as it was */
  corrupt: 'memory-map-designer/autosave-unreadable',
  /** the autosaved design a share link replaced */
  previous: 'memory-map-designer/autosave-before-link',
} as const;

export const AUTOSAVE_DELAY_MS = 400;

export type StartupSource = 'link' | 'autosave' | 'example';

export interface StartupMessage {
  tone: 'error' | 'info';
  text: string;
  /** offer to bring back the design kept under this storage key */
  restoreKey?: string;
}

export interface Startup {
  doc: ConfigDocument;
  source: StartupSource;
  messages: StartupMessage[];
  /** false when saving could overwrite something that could not be backed up */
  autosave: boolean;
}

/** Browser storage, or null where it is unavailable (blocked cookies, some private modes). */
export function browserStorage(): KeyValueStorage | null {
  try {
    const s = window.localStorage;
    const probe = 'memory-map-designer/probe';
    s.setItem(probe, '1');
    s.removeItem(probe);
    return s;
  } catch {
    return null;
  }
}

function read(storage: KeyValueStorage | null, key: string): string | null {
  try {
    return storage ? storage.getItem(key) : null;
  } catch {
    return null;
  }
}

function write(storage: KeyValueStorage | null, key: string, value: string): boolean {
  if (!storage) return false;
  try {
    storage.setItem(key, value);
    return true;
  } catch {
    return false;
  }
}

/**
 * Put `value` under `key`, or under `key.2`, `key.3`, … when `key` already holds something else (an earlier
 * backup is never replaced); the key used, or null when nothing could be written.
 */
function keep(storage: KeyValueStorage | null, key: string, value: string): string | null {
  for (let n = 1; n <= 20; n++) {
    const k = n === 1 ? key : `${key}.${n}`;
    const there = read(storage, k);
    if (there === value) return k;
    if (there === null) return write(storage, k, value) ? k : null;
  }
  return null;
}

/** Whether the URL fragment carries a design (`#d=…`, possibly among other parameters). */
export function hasShareFragment(hash: string): boolean {
  return /^#(?:[^#]*&)?d=/.test(hash);
}

const quoteName = (name: string) => `“${name.length > 60 ? name.slice(0, 59) + '…' : name}”`;

export interface StartupInput {
  /** `location.hash` */
  hash: string;
  storage: KeyValueStorage | null;
  example: () => ConfigDocument;
}

/** The document to open with, and what to tell the user about how it was chosen. */
export function resolveStartup({ hash, storage, example }: StartupInput): Startup {
  const messages: StartupMessage[] = [];
  let autosave = storage !== null;

  let saved: ConfigDocument | null = null;
  const raw = read(storage, STORAGE_KEYS.autosave);
  if (raw !== null) {
    const r = loadDocument(raw);
    if (r.ok) {
      saved = r.doc;
    } else {
      const kept = keep(storage, STORAGE_KEYS.corrupt, raw);
      if (kept) {
        messages.push({
          tone: 'error',
          text: `The autosaved design could not be read (${r.message}). It is kept unchanged in this browser’s storage under “${kept}”; the example machine is open instead.`,
        });
      } else {
        autosave = false;
        messages.push({
          tone: 'error',
          text: `The autosaved design could not be read (${r.message}), and no backup copy of it could be made, so autosave is off to leave it untouched. The example machine is open instead.`,
        });
      }
    }
  }

  if (hasShareFragment(hash)) {
    const link = decodeShareLink(hash);
    if (link.ok) {
      if (saved && serializeDocument(saved) !== serializeDocument(link.doc)) {
        const kept = keep(storage, STORAGE_KEYS.previous, serializeDocument(saved));
        if (kept) {
          messages.push({
            tone: 'info',
            text: `Opened the design ${quoteName(link.doc.name)} from the link. Your autosaved design ${quoteName(saved.name)} is kept.`,
            restoreKey: kept,
          });
        } else {
          autosave = false;
          messages.push({
            tone: 'info',
            text: `Opened the design ${quoteName(link.doc.name)} from the link. Autosave is off so that your autosaved design ${quoteName(saved.name)} is not overwritten.`,
          });
        }
      }
      for (const n of link.notes) messages.push({ tone: 'info', text: `Share link: ${n}` });
      return { doc: link.doc, source: 'link', messages, autosave };
    }
    messages.push({
      tone: 'error',
      text: `The share link in the address could not be opened: ${link.message}. ${saved ? 'Your autosaved design' : 'The example machine'} is open instead.`,
    });
  }
  if (saved) return { doc: saved, source: 'autosave', messages, autosave };
  return { doc: example(), source: 'example', messages, autosave };
}

/** A design kept under `key` (see `restoreKey`), if it is there and readable. */
export function readKeptDesign(storage: KeyValueStorage | null, key: string): ConfigDocument | null {
  const raw = read(storage, key);
  if (raw === null) return null;
  const r = loadDocument(raw);
  return r.ok ? r.doc : null;
}

export interface AutosaveOptions {
  delayMs?: number;
  /** called once when a save fails (storage full or blocked), and again only after a save succeeded */
  onError?: (message: string) => void;
  /** called after each successful save */
  onSaved?: (doc: ConfigDocument) => void;
}

export interface Autosave {
  /** save now if a save is pending */
  flush(): void;
  stop(): void;
}

/** Save the store's document whenever it changes (debounced). */
export function startAutosave(store: DesignerStore, storage: KeyValueStorage, opts: AutosaveOptions = {}): Autosave {
  const delay = opts.delayMs ?? AUTOSAVE_DELAY_MS;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let pending: ConfigDocument | null = null;
  let lastSaved: ConfigDocument | null = null;
  let failing = false;

  const save = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    const doc = pending;
    pending = null;
    if (!doc || doc === lastSaved) return;
    if (write(storage, STORAGE_KEYS.autosave, serializeDocument(doc))) {
      lastSaved = doc;
      failing = false;
      opts.onSaved?.(doc);
    } else if (!failing) {
      failing = true;
      opts.onError?.('The design could not be autosaved (browser storage is full or blocked). Download it as JSON to keep it.');
    }
  };

  const unsubscribe = store.subscribe((s, prev) => {
    if (s.doc === prev.doc) return;
    pending = s.doc;
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(save, delay);
  });
  const onHide = () => {
    if (pending) save();
  };
  const onVisibility = () => {
    if (document.visibilityState === 'hidden') onHide();
  };
  if (typeof window !== 'undefined') {
    window.addEventListener('pagehide', onHide);
    document.addEventListener('visibilitychange', onVisibility);
  }
  return {
    flush: onHide,
    stop() {
      onHide();
      unsubscribe();
      if (typeof window !== 'undefined') {
        window.removeEventListener('pagehide', onHide);
        document.removeEventListener('visibilitychange', onVisibility);
      }
    },
  };
}

/** Whether `hash` is exactly the share fragment of `doc`. */
export function fragmentMatches(hash: string, doc: ConfigDocument): boolean {
  return hash === encodeShareFragment(doc);
}
