/** The app bar: the product, the example machines, undo/redo, and where the core runs. */
import { PRESETS, presetDocument } from '../core/designer/index.ts';
import { markPresetDocument, presetIdOf } from './preset-docs.ts';
import { formatSize } from '../core/base/index.ts';
import { canRedo, canUndo } from '../state/history.ts';
import { useDesigner, useDesignerApi } from '../state/store.ts';
import { useCoreClient } from './core-client-context.ts';
import { useDerivedView } from './hooks/useDerived.ts';
import { TourButton } from './tour/Tour.tsx';

export function Header() {
  const store = useDesignerApi();
  const history = useDesigner((s) => s.history);
  const doc = useDesigner((s) => s.doc);
  const client = useCoreClient();
  const { layout, result } = useDerivedView();
  const presetId = presetIdOf(doc) ?? '';

  const loadPreset = (id: string) => {
    const next = presetDocument(id);
    if (!next) return;
    const s = store.getState();
    s.actions.replaceDocument(markPresetDocument(next, id), { recordHistory: true });
    s.actions.setViewport({ k: 1, x: 0 });
    const p = PRESETS.find((x) => x.id === id);
    s.actions.notify('info', `Loaded “${p?.title ?? id}”`);
  };

  const summary = layout
    ? `${layout.machine.canonicalType} · ${formatSize(layout.ram.ramSize)} RAM · ${layout.nodes.length} node${layout.nodes.length === 1 ? '' : 's'} · ${layout.devices.length} memory device${layout.devices.length === 1 ? '' : 's'} · ${layout.cpu.vendor}, ${layout.cpu.physBits}-bit`
    : '';
  const engine = client.engine();

  return (
    <header className="app-header">
      <div className="brand">
        <svg width="22" height="22" viewBox="0 0 22 22" aria-hidden="true">
          <rect x="1" y="3" width="20" height="4" rx="1" className="logo-ram" />
          <rect x="1" y="9" width="9" height="4" rx="1" className="logo-spm" />
          <rect x="12" y="9" width="9" height="4" rx="1" className="logo-dimm" />
          <rect x="1" y="15" width="20" height="4" rx="1" className="logo-free" />
        </svg>
        <h1>Memory Map Designer</h1>
      </div>
      <div className="header-controls">
        <label className="preset-picker">
          <span>Example</span>
          <select aria-label="Example machine" data-testid="preset-picker" value={presetId} onChange={(e) => loadPreset(e.target.value)}>
            {presetId === '' ? <option value="">{PRESETS.some((p) => p.id === doc.name) ? `${PRESETS.find((p) => p.id === doc.name)!.title}, edited` : doc.name}</option> : null}
            {PRESETS.map((p) => (
              <option key={p.id} value={p.id} title={p.description}>
                {p.title}
              </option>
            ))}
          </select>
        </label>
        <div className="undo-redo" role="group" aria-label="History">
          <button
            type="button"
            aria-label="Undo (Ctrl+Z)"
            title="Undo (Ctrl+Z)"
            data-testid="undo"
            disabled={!canUndo(history)}
            onClick={() => store.getState().actions.undo()}
          >
            ↶ Undo
          </button>
          <button
            type="button"
            aria-label="Redo (Ctrl+Shift+Z)"
            title="Redo (Ctrl+Shift+Z)"
            data-testid="redo"
            disabled={!canRedo(history)}
            onClick={() => store.getState().actions.redo()}
          >
            ↷ Redo
          </button>
        </div>
        <TourButton />
      </div>
      <div className="header-summary" aria-live="polite">
        {result?.error ? <span className="badge error">QEMU refuses</span> : result ? <span className="badge ok">QEMU accepts</span> : null}
        <span className="muted">{summary}</span>
        <span className={`badge engine ${engine}`} title={client.fallbackReason() ?? 'The core runs in a Web Worker'} data-testid="engine">
          {engine === 'worker' ? 'core: worker' : 'core: main thread'}
        </span>
      </div>
    </header>
  );
}
