/**
 * Keeping the design across visits: autosave to browser storage (once the design has been left alone for a
 * moment and the page is idle, never inside an edit; at once when the page is hidden or goes away), and which
 * document the designer opens with. Precedence on load: a share link in the URL (`#z=…`, or the older
 * `#d=…`), then this tab's own design (a reload of a tab that saved on its own while another tab was open, see
 * tabs.ts), then the autosaved design, then the example machine.
 *
 * Nothing the user has is overwritten silently: an autosaved value that cannot be read is copied to a backup
 * key before anything else is saved (if that copy fails, autosave stays off); a design that a share link (or any
 * other replacement, store.ts) puts aside is kept (kept.ts) and can be restored; and the autosave key is only
 * written by the tab that owns it, which first keeps any design there that it did not open.
 */
import type { ConfigDocument } from '../core/document/index.ts';
import { loadDocument } from '../core/io/index.ts';
import { compactText } from './saved-text.ts';
import { AUTOSAVE_KEY, keepDesign, readItem, readKept, saveTabDesign, tabKey, writeItem, LEGACY_PREVIOUS_KEY, type KeyValueStorage } from './kept.ts';
import { decodeShareLinkAsync, rememberFragment } from './share.ts';
import type { DesignSession } from './session.ts';
import type { DesignerStore } from './store.ts';
import type { TabRole } from './tabs.ts';

export type { KeyValueStorage } from './kept.ts';

export const STORAGE_KEYS = {
  /** the current design (of the tab that owns the key, tabs.ts), as document JSON */
  autosave: AUTOSAVE_KEY,
  /** an autosaved value that could not be read, kept as it was */
  corrupt: 'memory-map-designer/autosave-unreadable',
  /** where an earlier version kept the autosaved design a share link replaced (still listed, kept.ts) */
  previous: LEGACY_PREVIOUS_KEY,
} as const;

/**
 * How long the design must stay unchanged before it is saved (ms). Saving a large design (its text, then browser
 * storage's copy of it) takes tens of milliseconds of the main thread: done while edits follow one another it
 * would lengthen them, so it waits for a pause, and then for an idle moment (at most AUTOSAVE_IDLE_MS more).
 * Nothing is lost meanwhile: hiding, closing or reloading the page saves at once (`pagehide`,
 * `visibilitychange`).
 */
export const AUTOSAVE_DELAY_MS = 1500;
/** The longest wait for an idle moment after the pause (ms). */
export const AUTOSAVE_IDLE_MS = 3000;
/** How long the core must have been quiet too (no result being computed, see DesignSession.coreIdleSince), ms. */
export const AUTOSAVE_CORE_QUIET_MS = 500;
/** The longest a change waits for a pause while edits keep coming: it is then saved at the next idle moment (ms). */
export const AUTOSAVE_MAX_WAIT_MS = 30_000;

export type StartupSource = 'link' | 'tab' | 'autosave' | 'example';

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

/**
 * Put `value` under `key`, or under `key.2`, `key.3`, … when `key` already holds something else (an earlier
 * backup is never replaced); the key used, or null when nothing could be written.
 */
function keep(storage: KeyValueStorage | null, key: string, value: string): string | null {
  for (let n = 1; n <= 20; n++) {
    const k = n === 1 ? key : `${key}.${n}`;
    const there = readItem(storage, k);
    if (there === value) return k;
    if (there === null) return writeItem(storage, k, value) ? k : null;
  }
  return null;
}

/** Whether the URL fragment carries a design (`#z=…` or `#d=…`, possibly among other parameters). */
export function hasShareFragment(hash: string): boolean {
  return /^#(?:[^#]*&)?[dz]=/.test(hash);
}

export const quoteName = (name: string) => `“${name.length > 60 ? name.slice(0, 59) + '…' : name}”`;

export interface StartupInput {
  /** `location.hash` */
  hash: string;
  storage: KeyValueStorage | null;
  example: () => ConfigDocument;
  /** the page's session: its tab (for its own design) and where it records what the autosave key held */
  session?: DesignSession | null;
}

/** The document to open with, and what to tell the user about how it was chosen. */
export async function resolveStartup({ hash, storage, example, session = null }: StartupInput): Promise<Startup> {
  const messages: StartupMessage[] = [];
  let autosave = storage !== null;

  let saved: ConfigDocument | null = null;
  let savedFrom: StartupSource = 'autosave';
  const raw = readItem(storage, STORAGE_KEYS.autosave);
  // this tab may write over the autosave key's design only if it opened it (else that design is kept first)
  if (session) session.mainBase = null;
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
  // a reload of a tab that saved its own design (another tab owned the autosave): that design
  const tab = session?.tabs?.id;
  const own = tab ? readKept(storage, tabKey(tab)) : null;
  if (own) {
    saved = own;
    savedFrom = 'tab';
  }

  if (hasShareFragment(hash)) {
    const link = await decodeShareLinkAsync(hash);
    if (link.ok) {
      if (saved && compactText(saved) !== compactText(link.doc)) {
        const kept = keepDesign(storage, saved, 'a link opened at startup');
        if (kept.ok) {
          messages.push({
            tone: 'info',
            text: `Opened the design ${quoteName(link.doc.name)} from the link. Your ${savedFrom === 'tab' ? 'design in this tab' : 'autosaved design'} ${quoteName(saved.name)} is kept (Restore…).`,
            restoreKey: kept.entry.key,
          });
        } else {
          autosave = false;
          messages.push({
            tone: 'info',
            text: `Opened the design ${quoteName(link.doc.name)} from the link. Autosave is off so that your autosaved design ${quoteName(saved.name)} is not overwritten (${kept.message}).`,
          });
        }
      }
      for (const n of link.notes) messages.push({ tone: 'info', text: `Share link: ${n}` });
      rememberFragment(hash, link.doc);
      return { doc: link.doc, source: 'link', messages, autosave };
    }
    messages.push({
      tone: 'error',
      text: `The share link in the address could not be opened: ${link.message}. ${saved ? 'Your autosaved design' : 'The example machine'} is open instead.`,
    });
  }
  if (saved) {
    if (session && savedFrom === 'autosave') session.mainBase = raw;
    return { doc: saved, source: savedFrom, messages, autosave };
  }
  return { doc: example(), source: 'example', messages, autosave };
}

/** A design kept under `key` (see `restoreKey`), if it is there and readable. */
export function readKeptDesign(storage: KeyValueStorage | null, key: string): ConfigDocument | null {
  return readKept(storage, key);
}

export interface AutosaveOptions {
  delayMs?: number;
  /** called once when a save fails (storage full or blocked), and again only after a save succeeded */
  onError?: (message: string) => void;
  /** called after each successful save */
  onSaved?: (doc: ConfigDocument) => void;
  /** the session (default: the store's) */
  session?: DesignSession | null;
}

export interface Autosave {
  /** save now if a save is pending */
  flush(): void;
  stop(): void;
}

/**
 * Save the store's document whenever it changes (debounced): under the autosave key while this tab owns it,
 * under the tab's own key while another tab does (tabs.ts), nowhere until that is known (a save that cannot
 * wait, when the page goes away, goes to the tab's own key).
 */
export function startAutosave(store: DesignerStore, storage: KeyValueStorage, opts: AutosaveOptions = {}): Autosave {
  const delay = opts.delayMs ?? AUTOSAVE_DELAY_MS;
  const session = opts.session !== undefined ? opts.session : store.getState().session;
  const tabs = session?.tabs ?? null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let pending: ConfigDocument | null = null;
  /** when the oldest change not saved yet was made */
  let pendingSince: number | null = null;
  let lastSaved: ConfigDocument | null = null;
  let failing = false;
  /** the idle callback that will save (after the pause) */
  let idle: number | null = null;
  const cancelIdle = () => {
    if (idle !== null && typeof cancelIdleCallback === 'function') cancelIdleCallback(idle);
    idle = null;
  };
  const role = (): TabRole => tabs?.status().role ?? 'main';

  /** Write the autosave key, first keeping a design there that this tab did not open or write. */
  const writeMain = (doc: ConfigDocument): boolean => {
    const text = compactText(doc);
    const there = readItem(storage, STORAGE_KEYS.autosave);
    if (session && there !== null && there !== session.mainBase && there !== text) {
      const r = loadDocument(there);
      if (r.ok && !keepDesign(storage, r.doc, 'the design of another tab', tabs ? { protectTab: tabs.id } : {}).ok) return false;
    }
    if (!writeItem(storage, STORAGE_KEYS.autosave, text)) return false;
    if (session) session.mainBase = text;
    return true;
  };

  const save = (force = false) => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    cancelIdle();
    const doc = pending;
    if (!doc || doc === lastSaved) {
      pending = null;
      pendingSince = null;
      return;
    }
    const r = role();
    if (r === 'pending' && !force) return; // saved once the tab knows where (see the subscription below)
    pending = null;
    pendingSince = null;
    const ok = r === 'main' ? writeMain(doc) : tabs ? saveTabDesign(storage, tabs.id, doc) : false;
    if (ok) {
      lastSaved = doc;
      failing = false;
      opts.onSaved?.(doc);
    } else if (!failing) {
      failing = true;
      opts.onError?.('The design could not be autosaved (browser storage is full or blocked). Download it as JSON to keep it.');
    }
  };

  const wait = (ms: number) => {
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(afterPause, ms);
  };
  /** The design has not changed for `delay`: save once the core is quiet too, at an idle moment. */
  function afterPause(): void {
    timer = null;
    const coreIdleSince = session?.coreIdleSince?.();
    const overdue = pendingSince !== null && Date.now() - pendingSince >= AUTOSAVE_MAX_WAIT_MS;
    if (coreIdleSince !== undefined && !overdue) {
      // a result is being computed, or was just drawn: an edit is under way (or the next one is coming)
      const quietFor = coreIdleSince === null ? 0 : Date.now() - coreIdleSince;
      if (quietFor < AUTOSAVE_CORE_QUIET_MS) {
        wait(AUTOSAVE_CORE_QUIET_MS - quietFor);
        return;
      }
    }
    if (typeof requestIdleCallback === 'function') {
      idle = requestIdleCallback(
        () => {
          idle = null;
          save();
        },
        { timeout: AUTOSAVE_IDLE_MS },
      );
    } else save();
  }
  const unsubscribe = store.subscribe((s, prev) => {
    if (s.doc === prev.doc) return;
    pending = s.doc;
    pendingSince ??= Date.now();
    if (Date.now() - pendingSince >= AUTOSAVE_MAX_WAIT_MS) {
      // edits without a pause for too long: save (the latest design) at the next idle moment all the same
      if (idle === null) {
        if (timer !== null) clearTimeout(timer);
        afterPause();
      }
      return;
    }
    // another edit before the save ran: wait for the next pause
    cancelIdle();
    // serialized only after the pause, and then when the main thread is idle
    wait(delay);
  });
  // the tab's place decided, or lost (another tab wrote the autosave key): save where it now goes
  let lastRole = role();
  const unsubscribeTabs = tabs?.subscribe((st) => {
    if (st.role === lastRole) return;
    const was = lastRole;
    lastRole = st.role;
    if (was === 'main' && st.role === 'separate') {
      // the autosave key no longer holds this tab's design: keep it under the tab's own key now
      pending = store.getState().doc;
      pendingSince ??= Date.now();
      lastSaved = null;
    }
    if (pending) save();
  });
  // the autosave key written by a page that does not take part in tabs.ts (an older version)
  const onStorage = (e: StorageEvent) => {
    if (e.key !== STORAGE_KEYS.autosave || !tabs || role() !== 'main') return;
    if (e.newValue !== null && e.newValue !== session?.mainBase) tabs.yieldMain('another tab saved its design over this one’s');
  };
  const onHide = () => {
    if (pending) save(true);
  };
  const onVisibility = () => {
    if (document.visibilityState === 'hidden') onHide();
  };
  if (typeof window !== 'undefined') {
    window.addEventListener('pagehide', onHide);
    window.addEventListener('storage', onStorage);
    document.addEventListener('visibilitychange', onVisibility);
  }
  return {
    flush: onHide,
    stop() {
      onHide();
      unsubscribe();
      unsubscribeTabs?.();
      if (typeof window !== 'undefined') {
        window.removeEventListener('pagehide', onHide);
        window.removeEventListener('storage', onStorage);
        document.removeEventListener('visibilitychange', onVisibility);
      }
    },
  };
}

export { fragmentMatches, rememberFragment } from './share.ts';

/** What opening a link in an open tab did, for the toolbar's messages (null: nothing to say). */
export interface LinkOutcome {
  tone: 'error' | 'info';
  text: string;
  /** the replaced design's storage key, to offer restoring it */
  restoreKey?: string;
}

/**
 * A share link opened in this tab (pasted into the address bar: `hashchange`): its design replaces the current
 * one as one undo step, the current one kept first (store.ts `replaceDocument`); a link that cannot be read
 * changes nothing.
 */
export async function openShareLinkInTab(store: DesignerStore, hash: string): Promise<LinkOutcome | null> {
  if (!hasShareFragment(hash)) return null;
  const r = await decodeShareLinkAsync(hash);
  if (!r.ok) return { tone: 'error', text: `The share link could not be opened: ${r.message}. The design is unchanged.` };
  const s = store.getState();
  if (compactText(r.doc) === compactText(s.doc)) return null;
  const before = s.doc;
  rememberFragment(hash, r.doc);
  if (!s.actions.replaceDocument(r.doc, { recordHistory: true, replacedBy: 'a link' })) {
    return { tone: 'error', text: `The share link could not be opened. The design is unchanged.` };
  }
  s.actions.setViewport({ k: 1, x: 0 });
  const kept = store.getState().replaced;
  const keptHere = kept && kept.key ? kept.key : null;
  return {
    tone: 'info',
    text: `Opened the design ${quoteName(r.doc.name)} from the link. ${
      keptHere ? `Your design ${quoteName(before.name)} is kept (Restore…); Undo (Ctrl+Z) also returns to it.` : 'Undo (Ctrl+Z) returns to the previous design.'
    }`,
    ...(keptHere ? { restoreKey: keptHere } : {}),
  };
}
