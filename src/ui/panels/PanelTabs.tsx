/** The tabbed side panel (tabs from PANELS). */
import { useDesigner, useDesignerActions } from '../../state/store.ts';
import { PANELS } from './index.ts';

export function PanelTabs() {
  const active = useDesigner((s) => s.activePanel);
  const { setActivePanel } = useDesignerActions();
  const current = PANELS.find((p) => p.id === active) ?? PANELS[0]!;
  const Body = current.component;
  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
    const i = PANELS.indexOf(current);
    const next = PANELS[(i + (e.key === 'ArrowRight' ? 1 : PANELS.length - 1)) % PANELS.length]!;
    setActivePanel(next.id);
    document.getElementById(`tab-${next.id}`)?.focus();
  };
  return (
    <section className="panel side-panel">
      <div className="tabs" role="tablist" aria-label="Panels" onKeyDown={onKeyDown}>
        {PANELS.map((p) => (
          <button
            key={p.id}
            id={`tab-${p.id}`}
            type="button"
            role="tab"
            aria-selected={p.id === current.id}
            aria-controls={`tabpanel-${p.id}`}
            tabIndex={p.id === current.id ? 0 : -1}
            className={p.id === current.id ? 'active' : ''}
            onClick={() => setActivePanel(p.id)}
          >
            {p.title}
          </button>
        ))}
      </div>
      <div className="tab-body" role="tabpanel" id={`tabpanel-${current.id}`} aria-labelledby={`tab-${current.id}`}>
        <Body />
      </div>
    </section>
  );
}
