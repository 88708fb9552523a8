/**
 * The designer: app bar, palette and machine form, the map with its live tables, and the side panels. The map,
 * the tables and the deck under them (app-results.ts) are a chunk of their own, asked for when this module loads:
 * until the worker's first result they would show only that it is being computed, which their placeholders say
 * meanwhile.
 */
import { lazy, Suspense, useEffect, useRef, type ComponentType } from 'react';
import { useDesignerApi } from '../state/store.ts';
import { useCoreClient } from './core-client-context.ts';
import { Header } from './Header.tsx';
import { DocumentBar } from './io/DocumentBar.tsx';
import { DerivedProvider, useDerivedView } from './hooks/useDerived.ts';
import { PanelTabs } from './panels/PanelTabs.tsx';
import './theme-dark.css';
import { SkipToMap } from './canvas/SkipToMap.tsx';
import { StaleDesignNotice } from './StaleDesignNotice.tsx';

type Results = typeof import('./app-results.ts');
let results: Promise<Results> | null = null;
const loadResults = (): Promise<Results> =>
  (results ??= import('./app-results.ts').catch((e: unknown) => {
    results = null;
    throw e;
  }));
void loadResults().catch(() => {});

/** One of the results chunk's components; `fallback` holds its place (same box) until the chunk is there. */
function fromResults(pick: (m: Results) => ComponentType, fallback: () => React.ReactNode): ComponentType {
  const Lazy = lazy(async () => ({ default: pick(await loadResults()) }));
  return function Part() {
    return (
      <Suspense fallback={fallback()}>
        <Lazy />
      </Suspense>
    );
  };
}

const MapView = fromResults(
  (m) => m.MapView,
  () => (
    <section className="map-panel" aria-label="Address map">
      <div className="map-canvas">
        <div className="map-empty" role="status">
          Computing the memory map…
        </div>
      </div>
    </section>
  ),
);
const tablePlaceholder = (label: string, className = '') => () => (
  <section className={`panel contained table-panel${className}`} aria-label={label}>
    <header className="table-header">
      <h2>{label}</h2>
      <span className="muted">updating…</span>
    </header>
  </section>
);
const SratTable = fromResults((m) => m.SratTable, tablePlaceholder('SRAT'));
const E820Table = fromResults((m) => m.E820Table, tablePlaceholder('E820'));
const DiagnosticsList = fromResults((m) => m.DiagnosticsList, tablePlaceholder('Diagnostics', ' diagnostics-panel'));
// the design column: its forms check every edit with the core, whose first answer comes with this chunk anyway
const designPlaceholder = (label: string) => () => <section className="panel contained" aria-label={label} aria-busy="true" />;
const Palette = fromResults((m) => m.Palette, designPlaceholder('Add and remove'));
const MachineForm = fromResults((m) => m.MachineForm, designPlaceholder('Machine'));
const Outline = fromResults((m) => m.Outline, () => null);
const Tour = fromResults(
  (m) => m.Tour,
  () => null,
);
const Deck = fromResults(
  (m) => m.Deck,
  () => <section className="panel deck" aria-label="Hotplug window, guest view and memory types" />,
);

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
  // `window.__mmdTestApi`, installed as soon as the results chunk is there (before any result is drawn)
  useEffect(() => {
    let uninstall: (() => void) | null = null;
    let live = true;
    void loadResults().then((m) => {
      if (!live) return;
      uninstall = m.installTestApi({
        store,
        client,
        latest: () => ({ result: ref.current.result, revision: ref.current.resultRevision, current: ref.current.current }),
      });
    });
    return () => {
      live = false;
      uninstall?.();
    };
  }, [store, client]);
  return null;
}

/** The autosave waits for the core to be quiet too (state/persist.ts): saving never lengthens an edit. */
function useAutosaveWaitsForCore(): void {
  const store = useDesignerApi();
  const client = useCoreClient();
  useEffect(() => {
    const session = store.getState().session;
    if (!session || typeof client.idleSince !== 'function') return;
    const idleSince = () => client.idleSince();
    session.coreIdleSince = idleSince;
    return () => {
      if (session.coreIdleSince === idleSince) session.coreIdleSince = null;
    };
  }, [store, client]);
}

export function App() {
  useHistoryShortcuts();
  useAutosaveWaitsForCore();
  return (
    <DerivedProvider>
      <TestApiBridge />
      <SkipToMap />
      <Tour />
      <div className="app">
        <Header />
        <DocumentBar />
        {/* the example's story, one line (tour/Welcome.tsx fills it) */}
        <div id="story-slot" />
        <main className="app-body">
          <aside className="col-left" aria-label="Design">
            <Palette />
            <MachineForm />
            <Outline />
          </aside>
          {/* the grid of styles.css places these (map first on a narrow screen); beside the map, the dock: the
              Inspector, the diagnostics and the analysis deck, in view while a block is dragged */}
          <MapView />
          <div className="lower">
            <StaleDesignNotice />
            <SratTable />
            <div className="tables-side">
              <E820Table />
            </div>
          </div>
          <div className="col-dock">
            <aside className="col-panels" aria-label="Panels">
              <PanelTabs />
            </aside>
            <DiagnosticsList />
            <Deck />
          </div>
        </main>
      </div>
    </DerivedProvider>
  );
}
