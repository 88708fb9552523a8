/**
 * The analysis deck under the map: the hotplug-window inspector, the guest's view, the NUMA distances and HMAT
 * designer and the SPM/RESERVED/RAM comparison, full width (their monospace lines and side-by-side columns need it), one tab at a time. The panels
 * are loaded on demand.
 */
import { lazy, Suspense, type ComponentType, type LazyExoticComponent } from 'react';
import { useDeck, type DeckTab } from './deck-store.ts';
import './deck.css';

interface DeckPanel {
  id: DeckTab;
  title: string;
  hint: string;
  component: LazyExoticComponent<ComponentType>;
}

export const DECK_PANELS: readonly DeckPanel[] = [
  {
    id: 'window',
    title: 'Hotplug window',
    hint: 'what an sp-mem in the middle costs',
    component: lazy(() => import('../panels/WindowInspector.tsx')),
  },
  {
    id: 'guest',
    title: 'Guest view',
    hint: 'dmesg, /proc/iomem, dax',
    component: lazy(() => import('../panels/GuestViewPanel.tsx')),
  },
  {
    id: 'numa',
    title: 'NUMA · HMAT',
    hint: 'distances, latency, bandwidth',
    component: lazy(() => import('../panels/NumaPanel.tsx')),
  },
  {
    id: 'learn',
    title: 'SPM · RESERVED · RAM',
    hint: 'side by side, with sources',
    component: lazy(() => import('../panels/LearnPanel.tsx')),
  },
];

export function Deck() {
  const tab = useDeck((s) => s.tab);
  const setTab = useDeck((s) => s.setTab);
  const current = DECK_PANELS.find((p) => p.id === tab) ?? DECK_PANELS[0]!;
  const Body = current.component;
  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
    const i = DECK_PANELS.indexOf(current);
    const next = DECK_PANELS[(i + (e.key === 'ArrowRight' ? 1 : DECK_PANELS.length - 1)) % DECK_PANELS.length]!;
    setTab(next.id);
    document.getElementById(`deck-tab-${next.id}`)?.focus();
  };
  return (
    <section className="panel deck" aria-label="Hotplug window, guest view and memory types">
      <div className="tabs deck-tabs" role="tablist" aria-label="Analysis" onKeyDown={onKeyDown}>
        {DECK_PANELS.map((p) => (
          <button
            key={p.id}
            id={`deck-tab-${p.id}`}
            type="button"
            role="tab"
            data-testid={`deck-tab-${p.id}`}
            title={p.hint}
            aria-selected={p.id === current.id}
            aria-controls={`deck-panel-${p.id}`}
            tabIndex={p.id === current.id ? 0 : -1}
            className={p.id === current.id ? 'active' : ''}
            onClick={() => setTab(p.id)}
          >
            {p.title}
            <span className="deck-tab-hint">{p.hint}</span>
          </button>
        ))}
      </div>
      <div className="deck-body" role="tabpanel" id={`deck-panel-${current.id}`} aria-labelledby={`deck-tab-${current.id}`}>
        <Suspense fallback={<p className="muted">Loading…</p>}>
          <Body />
        </Suspense>
      </div>
    </section>
  );
}
