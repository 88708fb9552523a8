/**
 * The designer's one store: the config document, its revision counter, the undo/redo history, and UI state
 * (selection, the drag under way, the viewport, the open panel, a transient notice). Derived results (layout,
 * tables, diagnostics) are never kept here: they come from react-query keyed by `revision`.
 *
 * The store is created per `DesignerStoreProvider` (so every test gets a fresh one), and handed out through
 * context. Outside React, `useDesignerApi()` gives `getState`, `setState` and `subscribe`.
 *
 * Persistence hook point: subscribe to the store and save when `state.doc` changes (persist.ts).
 *
 * Replacing the design (`actions.replaceDocument`) is the one way every path puts another design in place — a
 * link opened in this tab, an import, an opened file, an example, the tour's example, a restore — and it keeps
 * the design it replaces first (kept.ts), so that it can be restored, from the Restore list, after a reload
 * too. And the designer takes in no design it could not save and reopen: a replacement or an edit whose design
 * is over the document limits (documentLimitProblem) is refused, saying so.
 */
import { createContext, createElement, useContext, useState, type ReactNode } from 'react';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { ConfigDocument, DocOption } from '../core/document/index.ts';
import { documentLimitProblem } from '../core/io/index.ts';
import { compactText } from './saved-text.ts';
import { describeStep } from './step-words.ts';
import { createHistory, recordEdit, redo as historyRedo, undo as historyUndo, type History } from './history.ts';
import { AUTOSAVE_KEY, keepDesign, listKept, readKept, subscribeKept, type KeptEntry } from './kept.ts';
import type { DesignSession } from './session.ts';
import type { TabStatus } from './tabs.ts';

/** What is selected: an option of the document, or an address range picked in a table. */
export type Selection =
  | { kind: 'option'; index: number }
  | { kind: 'range'; start: bigint; end: bigint; node: number | null; source: 'srat' | 'e820'; row: number }
  | null;

/** A verdict on a drag candidate from the worker. */
export interface DragVerdict {
  /** the candidate it is about */
  key: string;
  status: 'pending' | 'ok' | 'error';
  /** QEMU's message when refused */
  message: string | null;
  /** where the other devices would land, when accepted */
  placements: Array<{ optionIndex: number; addr: bigint; size: bigint; node: number }>;
}

export interface DragState {
  optionIndex: number;
  /** block key (device id or #index) */
  blockKey: string;
  originAddr: bigint;
  originNode: number;
  /** where the block is now (snapped) */
  addr: bigint;
  node: number;
  size: bigint;
  align: bigint;
  /** the pointer moved past the click threshold */
  active: boolean;
  /** the drag moved the block along the axis (sets addr=) */
  axisMoved: boolean;
  /** identity of the current candidate: `node@addr` or `node@auto` */
  candidateKey: string;
  verdict: DragVerdict | null;
}

export interface Notice {
  id: number;
  tone: 'error' | 'info';
  text: string;
}

/** The map's zoom transform along the address axis (d3-zoom's k and x). */
export interface Viewport {
  k: number;
  x: number;
}

export interface ReplaceOptions {
  /** record the replaced document as an undo step */
  recordHistory: boolean;
  selection?: Selection;
  /** what puts the new design in place, for the kept list: "an import", "a link", "the example “…”" */
  replacedBy?: string;
  /** false: do not keep the replaced design (it is kept elsewhere already) */
  keep?: boolean;
}

/** The last design a replacement put aside: where it is kept, or why it could not be. */
export interface Replaced {
  id: number;
  name: string;
  replacedBy: string;
  /** the storage key it is kept under (null: not kept, see `problem`) */
  key: string | null;
  problem: string | null;
}

/** A design the Restore list offers. */
export interface Restorable extends KeptEntry {
  /** the design of another open tab (its own, or the autosaved one while this tab saves on its own) */
  otherTab: boolean;
}

export interface DesignerActions {
  /**
   * Put a whole new document in place (an import, a link, an example, a restore), keeping the one it replaces
   * (see the module comment). False when it is refused (over the document limits; the notice says why).
   */
  replaceDocument(doc: ConfigDocument, opts: ReplaceOptions): boolean;
  /** Bring back a kept design (it replaces the current one, which is kept in turn). */
  restoreKept(key: string): boolean;
  /** Apply an edit: one undo step. Refused, with a notice, when the design would be over the document limits. */
  commit(doc: ConfigDocument, opts?: { selection?: Selection }): void;
  dismissReplaced(): void;
  /** read the kept designs again (storage changed; another tab's `storage` event does this by itself) */
  refreshKept(): void;
  undo(): void;
  redo(): void;
  select(selection: Selection): void;
  setDrag(drag: DragState | null): void;
  notify(tone: Notice['tone'], text: string): void;
  clearNotice(): void;
  setViewport(v: Viewport): void;
  setActivePanel(id: string): void;
}

export interface DesignerState {
  doc: ConfigDocument;
  /** increases on every document change, undo and redo included */
  revision: number;
  history: History<ConfigDocument>;
  selection: Selection;
  drag: DragState | null;
  notice: Notice | null;
  viewport: Viewport;
  activePanel: string;
  /** the page's storage and tabs (null in tests that do not persist) */
  session: DesignSession | null;
  /** the kept designs and other tabs' designs, newest first */
  kept: Restorable[];
  /** what the last replacement put aside */
  replaced: Replaced | null;
  /** this tab among the designer's open tabs */
  tab: TabStatus | null;
  actions: DesignerActions;
}

export type DesignerStore = StoreApi<DesignerState>;

/** Whether `sel` still names the same kind of option in `doc` (after an undo the index may mean another one). */
function keepSelection(sel: Selection, before: ConfigDocument, after: ConfigDocument): Selection {
  if (!sel || sel.kind !== 'option') return sel;
  const a = before.options[sel.index];
  const b = after.options[sel.index];
  if (!a || !b) return null;
  return sameOptionIdentity(a, b) ? sel : null;
}

function sameOptionIdentity(a: DocOption, b: DocOption): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'device' && b.kind === 'device') return a.driver === b.driver;
  if (a.kind === 'object' && b.kind === 'object') return a.id === b.id;
  return true;
}

/** What the Restore list offers: the kept designs (not this tab's own), and the autosaved one when another tab owns it. */
function restorables(session: DesignSession | null): Restorable[] {
  if (!session?.storage) return [];
  const own = session.tabs?.id;
  const live = new Set(session.tabs?.status().peers ?? []);
  const out: Restorable[] = listKept(session.storage)
    .filter((e) => e.tab === undefined || e.tab !== own)
    .map((e) => ({ ...e, otherTab: e.tab !== undefined && live.has(e.tab) }));
  if (session.tabs?.status().role === 'separate') {
    const main = readKept(session.storage, AUTOSAVE_KEY);
    if (main) out.unshift({ key: AUTOSAVE_KEY, name: main.name, replacedBy: 'another tab', at: Date.now(), hash: '', otherTab: true });
  }
  return out;
}

export interface DesignerStoreOptions {
  initialPanel?: string;
  /** where replaced designs are kept and the tabs are coordinated (null: nowhere) */
  session?: DesignSession | null;
}

export function createDesignerStore(initial: ConfigDocument, opts: DesignerStoreOptions = {}): DesignerStore {
  let noticeId = 0;
  let replacedId = 0;
  const session = opts.session ?? null;
  const store = createStore<DesignerState>()((set, get) => ({
    doc: initial,
    revision: 1,
    history: createHistory<ConfigDocument>(),
    selection: null,
    drag: null,
    notice: null,
    viewport: { k: 1, x: 0 },
    activePanel: opts.initialPanel ?? 'inspector',
    session,
    kept: restorables(session),
    replaced: null,
    tab: session?.tabs?.status() ?? null,
    actions: {
      replaceDocument(doc, o) {
        const s = get();
        const tooLarge = documentLimitProblem(doc);
        if (tooLarge) {
          s.actions.notify('error', `Not opened: ${tooLarge}. The design is unchanged.`);
          return false;
        }
        // keep the design being replaced (unless it is the same one, or exactly a built-in example)
        let replaced: Replaced | null = s.replaced;
        const replacedBy = o.replacedBy ?? 'another design';
        if (o.keep !== false && session?.storage && doc !== s.doc && !session.reproducible(s.doc) && compactText(doc) !== compactText(s.doc)) {
          const k = keepDesign(session.storage, s.doc, replacedBy, session.tabs ? { protectTab: session.tabs.id } : {});
          replaced = { id: ++replacedId, name: s.doc.name, replacedBy, key: k.ok ? k.entry.key : null, problem: k.ok ? null : k.message };
        }
        set({
          doc,
          revision: s.revision + 1,
          history: o.recordHistory ? recordEdit(s.history, s.doc) : createHistory<ConfigDocument>(s.history.limit),
          selection: o.selection !== undefined ? o.selection : null,
          drag: null,
          replaced,
        });
        return true;
      },
      restoreKept(key) {
        const doc = readKept(session?.storage ?? null, key);
        if (!doc) {
          get().actions.notify('error', 'The kept design could not be read any more; nothing was changed.');
          return false;
        }
        const entry = get().kept.find((e) => e.key === key);
        const ok = get().actions.replaceDocument(doc, { recordHistory: true, replacedBy: `the kept design “${entry?.name ?? doc.name}”` });
        if (ok) set({ viewport: { k: 1, x: 0 } });
        return ok;
      },
      dismissReplaced() {
        set({ replaced: null });
      },
      refreshKept() {
        set({ kept: restorables(session) });
      },
      commit(doc, o = {}) {
        const s = get();
        if (doc === s.doc) return;
        // cheap: the saved size is remembered per option object, and an edit makes new objects only where it changes
        const tooLarge = documentLimitProblem(doc);
        if (tooLarge) {
          s.actions.notify('error', `Not applied: ${tooLarge}.`);
          return;
        }
        set({
          doc,
          revision: s.revision + 1,
          history: recordEdit(s.history, s.doc),
          selection: o.selection !== undefined ? o.selection : s.selection,
        });
      },
      undo() {
        const s = get();
        const r = historyUndo(s.history, s.doc);
        if (!r) return;
        set({ doc: r.value, history: r.history, revision: s.revision + 1, selection: keepSelection(s.selection, s.doc, r.value), drag: null });
        s.actions.notify('info', `Undid ${describeStep(r.value, s.doc)}`);
      },
      redo() {
        const s = get();
        const r = historyRedo(s.history, s.doc);
        if (!r) return;
        set({ doc: r.value, history: r.history, revision: s.revision + 1, selection: keepSelection(s.selection, s.doc, r.value), drag: null });
        s.actions.notify('info', `Redid ${describeStep(s.doc, r.value)}`);
      },
      select(selection) {
        set({ selection });
      },
      setDrag(drag) {
        set({ drag });
      },
      notify(tone, text) {
        set({ notice: { id: ++noticeId, tone, text } });
      },
      clearNotice() {
        set({ notice: null });
      },
      setViewport(viewport) {
        const v = get().viewport;
        if (v.k === viewport.k && v.x === viewport.x) return;
        set({ viewport });
      },
      setActivePanel(activePanel) {
        set({ activePanel });
      },
    },
  }));
  if (session?.storage) {
    const refresh = () => store.setState({ kept: restorables(session) });
    subscribeKept(refresh);
    session.tabs?.subscribe((tab) => {
      store.setState({ tab });
      refresh();
    });
    // another tab's autosave changes what the Restore list shows for it
    if (typeof window !== 'undefined') {
      window.addEventListener('storage', (e) => {
        if (e.key === AUTOSAVE_KEY && session.tabs?.status().role === 'separate') refresh();
      });
    }
  }
  return store;
}

const StoreContext = createContext<DesignerStore | null>(null);

export interface DesignerStoreProviderProps {
  initialDocument: ConfigDocument;
  /** an existing store (tests, or a store restored elsewhere); otherwise one is created */
  store?: DesignerStore;
  /** the page's session (storage, tabs), for a store created here */
  session?: DesignSession | null;
  children?: ReactNode;
}

export function DesignerStoreProvider({ initialDocument, store, session, children }: DesignerStoreProviderProps) {
  const [api] = useState(() => store ?? createDesignerStore(initialDocument, { session: session ?? null }));
  return createElement(StoreContext.Provider, { value: api }, children);
}

/** The store itself, for reads that must not re-render (controllers, event handlers). */
export function useDesignerApi(): DesignerStore {
  const api = useContext(StoreContext);
  if (!api) throw new Error('useDesignerApi: no DesignerStoreProvider above this component');
  return api;
}

/** Subscribe to a slice of the store. */
export function useDesigner<T>(selector: (s: DesignerState) => T): T {
  return useStore(useDesignerApi(), selector);
}

export function useDesignerActions(): DesignerActions {
  return useDesigner((s) => s.actions);
}
