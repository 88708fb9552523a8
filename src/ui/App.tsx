/** The designer: app bar, palette and machine form, the map with its live tables, and the side panels. */
import { useEffect, useRef } from 'react';
import { useDesignerApi } from '../state/store.ts';
import { MapView } from './canvas/MapView.tsx';
import { useCoreClient } from './core-client-context.ts';
import { Header } from './Header.tsx';
import { DocumentBar } from './io/DocumentBar.tsx';
import { DerivedProvider, useDerivedView } from './hooks/useDerived.ts';
import { MachineForm } from './panels/MachineForm.tsx';
import { Outline, Palette } from './panels/Palette.tsx';
import { PanelTabs } from './panels/PanelTabs.tsx';
import { DiagnosticsList } from './tables/DiagnosticsList.tsx';
import { E820Table } from './tables/E820Table.tsx';
import { SratTable } from './tables/SratTable.tsx';
import { installTestApi } from './test-api.ts';
import { Deck } from './deck/Deck.tsx';
import { Tour } from './tour/Tour.tsx';

function isTextTarget(t: EventTarget | null): boolean {
  const el = t as HTMLElement | null;
  return Boolean(el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable));
}

function useHistoryShortcuts(): void {
  const store = useDesignerApi();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || isTextTarget(e.target)) return;
      const k = e.key.toLowerCase();
      if (k === 'z') {
        e.preventDefault();
        if (e.shiftKey) store.getState().actions.redo();
        else store.getState().actions.undo();
      } else if (k === 'y') {
        e.preventDefault();
        store.getState().actions.redo();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store]);
}

function TestApiBridge() {
  const store = useDesignerApi();
  const client = useCoreClient();
  const view = useDerivedView();
  const ref = useRef(view);
  ref.current = view;
  useEffect(
    () =>
      installTestApi({
        store,
        client,
        latest: () => ({ result: ref.current.result, revision: ref.current.resultRevision, current: ref.current.current }),
      }),
    [store, client],
  );
  return null;
}

export function App() {
  useHistoryShortcuts();
  return (
    <DerivedProvider>
      <TestApiBridge />
      <Tour />
      <div className="app">
        <Header />
        <DocumentBar />
        <main className="app-body">
          <aside className="col-left" aria-label="Design">
            <Palette />
            <MachineForm />
            <Outline />
          </aside>
          <div className="col-main">
            <MapView />
            <div className="lower">
              <SratTable />
              <div className="tables-side">
                <E820Table />
                <DiagnosticsList />
              </div>
              <aside className="col-panels" aria-label="Panels">
                <PanelTabs />
              </aside>
            </div>
            <Deck />
          </div>
        </main>
      </div>
    </DerivedProvider>
  );
}
