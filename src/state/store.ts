/**
 * The designer's one store: the config document, its revision counter, the undo/redo history, and UI state
 * (selection, the drag under way, the viewport, the open panel, a transient notice). Derived results (layout,
 * tables, diagnostics) are never kept here: they come from react-query keyed by `revision`.
 *
 * The store is created per `DesignerStoreProvider` (so every test gets a fresh one), and handed out through
 * context. Outside React, `useDesignerApi()` gives `getState`, `setState` and `subscribe`.
 *
 * Persistence hook point: subscribe to the store and save when `state.doc` changes; restore with
 * `actions.replaceDocument(doc, { recordHistory: false })`.
 */
import { createContext, createElement, useContext, useState, type ReactNode } from 'react';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { ConfigDocument, DocOption } from '../core/document/index.ts';
import { createHistory, recordEdit, redo as historyRedo, undo as historyUndo, type History } from './history.ts';

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
}

export interface DesignerActions {
  /** Put a whole new document in place (a preset, a restored autosave). */
  replaceDocument(doc: ConfigDocument, opts: ReplaceOptions): void;
  /** Apply an edit: one undo step. */
  commit(doc: ConfigDocument, opts?: { selection?: Selection }): void;
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

export function createDesignerStore(initial: ConfigDocument, opts: { initialPanel?: string } = {}): DesignerStore {
  let noticeId = 0;
  return createStore<DesignerState>()((set, get) => ({
    doc: initial,
    revision: 1,
    history: createHistory<ConfigDocument>(),
    selection: null,
    drag: null,
    notice: null,
    viewport: { k: 1, x: 0 },
    activePanel: opts.initialPanel ?? 'inspector',
    actions: {
      replaceDocument(doc, o) {
        const s = get();
        set({
          doc,
          revision: s.revision + 1,
          history: o.recordHistory ? recordEdit(s.history, s.doc) : createHistory<ConfigDocument>(s.history.limit),
          selection: o.selection !== undefined ? o.selection : null,
          drag: null,
        });
      },
      commit(doc, o = {}) {
        const s = get();
        if (doc === s.doc) return;
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
      },
      redo() {
        const s = get();
        const r = historyRedo(s.history, s.doc);
        if (!r) return;
        set({ doc: r.value, history: r.history, revision: s.revision + 1, selection: keepSelection(s.selection, s.doc, r.value), drag: null });
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
}

const StoreContext = createContext<DesignerStore | null>(null);

export interface DesignerStoreProviderProps {
  initialDocument: ConfigDocument;
  /** an existing store (tests, or a store restored elsewhere); otherwise one is created */
  store?: DesignerStore;
  children?: ReactNode;
}

export function DesignerStoreProvider({ initialDocument, store, children }: DesignerStoreProviderProps) {
  const [api] = useState(() => store ?? createDesignerStore(initialDocument));
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
