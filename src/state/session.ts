/**
 * What the designer's state knows of the page it runs in: browser storage (autosave, kept designs), the other
 * tabs (tabs.ts), and what the autosave key held when the page opened. Made once per page (src/main.tsx) and
 * given to the store; tests make their own, or none.
 */
import type { ConfigDocument } from '../core/document/index.ts';
import type { KeyValueStorage } from './kept.ts';
import { browserTabsEnv, startTabs, type Tabs } from './tabs.ts';

export interface DesignSession {
  storage: KeyValueStorage | null;
  tabs: Tabs | null;
  /**
   * The text under the autosave key when this page opened (or last wrote it): the one value this tab may write
   * over without keeping it first (persist.ts).
   */
  mainBase: string | null;
  /** a design that need not be kept when replaced (exactly a built-in example) */
  reproducible: (doc: ConfigDocument) => boolean;
  /**
   * Since when the core has had no call under way (a `Date.now()` time; null while one is: the result of an edit
   * is being computed). Set by the page once its core client exists; the autosave waits for the core to be quiet
   * too (persist.ts), so that saving never lengthens an edit.
   */
  coreIdleSince: (() => number | null) | null;
}

export function createSession(storage: KeyValueStorage | null, opts: { tabs?: Tabs | null; reproducible?: (doc: ConfigDocument) => boolean } = {}): DesignSession {
  return { storage, tabs: opts.tabs ?? null, mainBase: null, reproducible: opts.reproducible ?? (() => false), coreIdleSince: null };
}

/** The session of a browser page: its storage and its place among the designer's open tabs. */
export function browserSession(storage: KeyValueStorage | null, reproducible?: (doc: ConfigDocument) => boolean): DesignSession {
  const tabs = storage ? startTabs(browserTabsEnv()) : null;
  return createSession(storage, { tabs, ...(reproducible ? { reproducible } : {}) });
}
