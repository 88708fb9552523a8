/**
 * The document's life outside the page: autosave, the share link in the address, and the messages about them.
 * Mounted once, inside the designer store's provider; renders nothing of its own.
 */
import { useEffect, useState, type ReactNode } from 'react';
import type { ConfigDocument } from '../../core/document/index.ts';
import { serializeDocument } from '../../core/io/index.ts';
import { fragmentMatches, hasShareFragment, openShareLinkInTab, startAutosave, type KeyValueStorage, type Startup } from '../../state/persist.ts';
import { useDesignerApi, type DesignerStore } from '../../state/store.ts';
import { markPresetDocument, presetIdOfText } from '../preset-docs.ts';
import { createIoStore, IoStoreProvider, type IoStore } from './io-store.ts';

/**
 * Put `doc` in place of the current design as one undoable step (the current one kept, see state/store.ts
 * `replaceDocument`), and show it whole. `replacedBy` names what replaces it ("an import", "the file x.json").
 */
export function applyDocument(store: DesignerStore, doc: ConfigDocument, replacedBy?: string): boolean {
  const a = store.getState().actions;
  if (!a.replaceDocument(doc, { recordHistory: true, ...(replacedBy ? { replacedBy } : {}) })) return false;
  a.setViewport({ k: 1, x: 0 });
  return true;
}

/** Mark `doc` as a built-in example when it is exactly one (so the example picker names it). */
export function markIfPreset(doc: ConfigDocument): ConfigDocument {
  const id = presetIdOfText(serializeDocument(doc));
  return id ? markPresetDocument(doc, id) : doc;
}

/** The address without its fragment. */
function addressWithoutFragment(): string {
  return window.location.pathname + window.location.search;
}

export interface DocumentIoProps {
  startup: Startup;
  storage: KeyValueStorage | null;
  children?: ReactNode;
}

export function DocumentIo({ startup, storage, children }: DocumentIoProps) {
  const store = useDesignerApi();
  const [io] = useState<IoStore>(() => {
    const s = createIoStore(storage);
    for (const m of startup.messages) {
      s.getState().post({ tone: m.tone, text: m.text, testId: 'io-message', ...(m.restoreKey ? { restoreKey: m.restoreKey } : {}) });
    }
    if (storage && !startup.autosave) s.getState().setAutosave({ state: 'off', reason: 'to keep a stored design that could not be backed up' });
    return s;
  });

  // autosave
  useEffect(() => {
    if (!storage || !startup.autosave) return;
    const saver = startAutosave(store, storage, {
      onSaved: () => io.getState().setAutosave({ state: 'saved', at: Date.now() }),
      onError: (message) => {
        io.getState().setAutosave({ state: 'failed' });
        io.getState().post({ tone: 'error', text: message, testId: 'io-message' });
      },
    });
    return () => saver.stop();
  }, [store, storage, startup.autosave, io]);

  // a `#d=` in the address names the design it was made for; once the design changes, it no longer does
  useEffect(
    () =>
      store.subscribe((s, prev) => {
        if (s.doc === prev.doc) return;
        const hash = window.location.hash;
        if (hasShareFragment(hash) && !fragmentMatches(hash, s.doc)) {
          window.history.replaceState(window.history.state, '', addressWithoutFragment());
        }
      }),
    [store],
  );

  // a share link opened in this tab (pasted into the address bar)
  useEffect(() => {
    // (state/persist.ts: read, and the current design kept before the link's replaces it)
    const onHashChange = () => {
      void openShareLinkInTab(store, window.location.hash).then((m) => {
        if (m) io.getState().post({ tone: m.tone, text: m.text, testId: 'io-message', ...(m.restoreKey ? { restoreKey: m.restoreKey } : {}) });
      });
    };
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, [store, io]);

  return <IoStoreProvider store={io}>{children}</IoStoreProvider>;
}
