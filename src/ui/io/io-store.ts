/**
 * State of the document toolbar: its messages (what an import, a link or the autosave did, or why not), the
 * export format shown in the Export panel, the import dialog, and the autosave status. Separate from the
 * designer store: none of it is part of the design or its history.
 */
import { createContext, createElement, useContext, type ReactNode } from 'react';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { ExportFormat } from '../../core/io/index.ts';
import type { KeyValueStorage } from '../../state/persist.ts';

export interface IoMessage {
  id: number;
  tone: 'error' | 'info';
  text: string;
  /** details, one per line (an import's notes) */
  notes?: string[];
  /** offer to restore the design kept under this storage key */
  restoreKey?: string;
  /** a share link to show in a selectable field */
  link?: string;
  /** test id of the message element (`io-message` unless given) */
  testId?: string;
}

export type AutosaveStatus = { state: 'off'; reason: string } | { state: 'idle' } | { state: 'saved'; at: number } | { state: 'failed' };

export interface ImportDialogState {
  open: boolean;
  /** text to start with (a file opened with "Open…" that could not be read) */
  text: string;
  error: { message: string; line?: number; column?: number } | null;
  /** bumps on every open, so the dialog resets its fields */
  session: number;
}

export interface IoState {
  messages: IoMessage[];
  exportFormat: ExportFormat | null;
  importDialog: ImportDialogState;
  autosave: AutosaveStatus;
  storage: KeyValueStorage | null;
  post(m: Omit<IoMessage, 'id'>): number;
  dismiss(id: number): void;
  /** drop messages with this test id (a newer one replaces them) */
  dismissByTestId(testId: string): void;
  showExport(format: ExportFormat | null): void;
  openImport(text?: string, error?: ImportDialogState['error']): void;
  closeImport(): void;
  setAutosave(s: AutosaveStatus): void;
}

export type IoStore = StoreApi<IoState>;

const MAX_MESSAGES = 4;

export function createIoStore(storage: KeyValueStorage | null): IoStore {
  let nextId = 0;
  return createStore<IoState>()((set, get) => ({
    messages: [],
    exportFormat: null,
    importDialog: { open: false, text: '', error: null, session: 0 },
    autosave: storage ? { state: 'idle' } : { state: 'off', reason: 'browser storage is not available' },
    storage,
    post(m) {
      const id = ++nextId;
      const kept = get().messages.filter((x) => !(m.testId && x.testId === m.testId));
      set({ messages: [...kept, { ...m, id }].slice(-MAX_MESSAGES) });
      return id;
    },
    dismiss(id) {
      set({ messages: get().messages.filter((m) => m.id !== id) });
    },
    dismissByTestId(testId) {
      set({ messages: get().messages.filter((m) => m.testId !== testId) });
    },
    showExport(exportFormat) {
      set({ exportFormat });
    },
    openImport(text = '', error = null) {
      set({ importDialog: { open: true, text, error, session: get().importDialog.session + 1 } });
    },
    closeImport() {
      set({ importDialog: { ...get().importDialog, open: false } });
    },
    setAutosave(autosave) {
      set({ autosave });
    },
  }));
}

const IoContext = createContext<IoStore | null>(null);

export function IoStoreProvider({ store, children }: { store: IoStore; children?: ReactNode }) {
  return createElement(IoContext.Provider, { value: store }, children);
}

export function useIoApi(): IoStore {
  const s = useContext(IoContext);
  if (!s) throw new Error('useIoApi: no IoStoreProvider above this component');
  return s;
}

export function useIo<T>(selector: (s: IoState) => T): T {
  return useStore(useIoApi(), selector);
}
