/**
 * The app bar: the product, the example machines, undo/redo, the kept designs (Restore…), QEMU's verdict with a
 * summary of the design (while QEMU refuses it, that the map and tables show the last design it accepted), where
 * the core runs, and a status line for what the user must know: a design put aside (and how to get it back),
 * another tab open, a core worker that stopped and was restarted.
 */
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { DEFAULT_PRESET_ID, exampleDocument, markPresetDocument, PRESET_LIST as PRESETS, presetIdOf } from './preset-docs.ts';
import { formatSize } from '../core/base/index.ts';
import { canRedo, canUndo } from '../state/history.ts';
import { useDesigner, useDesignerApi, type Restorable } from '../state/store.ts';
import type { CoreClient, CoreStatus } from '../worker/client.ts';
import { useCoreClient } from './core-client-context.ts';
import { useDerivedView } from './hooks/useDerived.ts';
import { TourButton } from './tour/TourButton.tsx';

export function Header() {
  const store = useDesignerApi();
  const history = useDesigner((s) => s.history);
  const doc = useDesigner((s) => s.doc);
  const client = useCoreClient();
  const { layout, layoutStale, result, current } = useDerivedView();
  // a result that stays out of date (the core is slow, stuck or being restarted) is not shown as the verdict
  const waiting = useLater(Boolean(result) && !current, 1000);
  const presetId = presetIdOf(doc) ?? '';
  const presetRequests = useRef(0);

  // the default example ships with the page; the worker parses the others' command lines
  const loadPreset = async (id: string) => {
    const seq = ++presetRequests.current;
    const next = id === DEFAULT_PRESET_ID ? exampleDocument() : await client.presetDocument(id);
    if (!next || seq !== presetRequests.current) return;
    const s = store.getState();
    const p = PRESETS.find((x) => x.id === id);
    if (!s.actions.replaceDocument(markPresetDocument(next, id), { recordHistory: true, replacedBy: `the example “${p?.title ?? id}”` })) return;
    s.actions.setViewport({ k: 1, x: 0 });
    s.actions.notify('info', `Loaded “${p?.title ?? id}”`);
  };

  // while QEMU refuses the design, the layout is the last accepted design's: the summary says so instead of its figures
  const summary = result?.error
    ? layoutStale && layout
      ? 'QEMU refuses this design — the map and the tables show the last design it accepted'
      : 'QEMU refuses this design — there is no map or table to show until it accepts it'
    : layout
    ? `${layout.machine.canonicalType} · ${formatSize(layout.ram.ramSize)} RAM · ${layout.nodes.length} node${layout.nodes.length === 1 ? '' : 's'} · ${layout.devices.length} memory device${layout.devices.length === 1 ? '' : 's'} · ${layout.cpu.vendor}, ${layout.cpu.physBits}-bit`
    : '';
  const engine = client.engine();

  return (
    <header className="app-header" style={{ flexWrap: 'wrap' }}>
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
          <select aria-label="Example machine" data-testid="preset-picker" value={presetId} onChange={(e) => void loadPreset(e.target.value)}>
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
        <KeptPicker />
        <TourButton />
      </div>
      <div className="header-summary" aria-live="polite">
        {waiting ? (
          <span className="badge engine" data-testid="verdict" title="The result of the current design has not arrived yet">
            QEMU: computing…
          </span>
        ) : result?.error ? (
          <span className="badge error" data-testid="verdict">
            QEMU refuses
          </span>
        ) : result ? (
          <span className="badge ok" data-testid="verdict">
            QEMU accepts
          </span>
        ) : null}
        <span className="muted" data-testid="header-summary">
          {summary}
        </span>
        {/* where the core runs is said only when it matters to the user: the slower fallback */}
        <span
          className={`badge engine ${engine}`}
          title={engine === 'worker' ? undefined : `The designer computes on the page itself instead of in the background (${client.fallbackReason() ?? 'no background worker'}): it works, but large designs respond more slowly.`}
          data-testid="engine"
          data-engine={engine}
          hidden={engine === 'worker'}
        >
          {engine === 'worker' ? '' : 'Slower mode'}
        </span>
      </div>
      <StatusLine client={client} />
    </header>
  );
}

/** `value`, once it has been true for `ms` (false at once). */
function useLater(value: boolean, ms: number): boolean {
  const [late, setLate] = useState(false);
  useEffect(() => {
    if (!value) {
      setLate(false);
      return;
    }
    const t = setTimeout(() => setLate(true), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return value && late;
}

const clock = (at: number) => (at > 0 ? new Date(at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }) : 'earlier');

function keptLabel(e: Restorable): string {
  if (e.otherTab) return `“${e.name}” — open in another tab`;
  if (e.replacedBy === 'another tab') return `“${e.name}” — from a tab closed since, ${clock(e.at)}`;
  return `“${e.name}” — replaced by ${e.replacedBy}, ${clock(e.at)}`;
}

/** Restore…: every kept design (replaced ones, other tabs' designs), newest first; choosing one opens it here. */
function KeptPicker() {
  const store = useDesignerApi();
  const kept = useDesigner((s) => s.kept);
  if (kept.length === 0) return null;
  return (
    <label className="preset-picker">
      <select
        aria-label="Restore a kept design"
        data-testid="kept-designs"
        value=""
        title="Designs put aside by a link, an import, an example or a restore, and other tabs’ designs: choose one to open it here (the current design is kept in turn)"
        onChange={(e) => {
          if (e.target.value) store.getState().actions.restoreKept(e.target.value);
        }}
      >
        <option value="">Restore… ({kept.length})</option>
        {kept.map((e) => (
          <option key={e.key} value={e.key}>
            {keptLabel(e)}
          </option>
        ))}
      </select>
    </label>
  );
}

const NO_STATUS: CoreStatus = { engine: 'worker', state: 'ok', restarts: 0, message: null };

/** What the user must know now: a design put aside, another tab, the core worker restarted. */
function StatusLine({ client }: { client: CoreClient }) {
  const store = useDesignerApi();
  const replaced = useDesigner((s) => s.replaced);
  const tab = useDesigner((s) => s.tab);
  const subscribe = useCallback((l: () => void) => (client.subscribe ? client.subscribe(l) : () => {}), [client]);
  const core = useSyncExternalStore(subscribe, () => (client.status ? client.status() : NO_STATUS));
  const [seenCore, setSeenCore] = useState(0);
  const lines: Array<{ key: string; text: string; tone: 'info' | 'error'; action?: { label: string; run: () => void }; dismiss?: () => void }> = [];
  if (core.message && core.restarts + (core.state === 'main-thread' ? 1000 : 0) !== seenCore) {
    lines.push({ key: 'core', tone: 'error', text: core.message, dismiss: () => setSeenCore(core.restarts + (core.state === 'main-thread' ? 1000 : 0)) });
  }
  if (tab?.role === 'separate') {
    lines.push({
      key: 'tab',
      tone: 'info',
      text: `${tab.reason ? `This tab no longer saves as the designer’s autosave: ${tab.reason}.` : 'This design is also open in another tab.'} This tab saves its changes on their own, so neither tab overwrites the other’s; the other tab’s design is under Restore….`,
    });
  } else if (tab && tab.others > 0) {
    lines.push({
      key: 'tab',
      tone: 'info',
      text: `The designer is open in ${tab.others} other tab${tab.others === 1 ? '' : 's'}; each keeps its own changes (see Restore…).`,
    });
  }
  if (replaced) {
    const dismiss = () => store.getState().actions.dismissReplaced();
    if (replaced.key) {
      const key = replaced.key;
      lines.push({
        key: `replaced-${replaced.id}`,
        tone: 'info',
        text: `“${replaced.name}” was replaced by ${replaced.replacedBy}; it is kept in this browser.`,
        action: { label: 'Restore it', run: () => store.getState().actions.restoreKept(key) },
        dismiss,
      });
    } else {
      lines.push({
        key: `replaced-${replaced.id}`,
        tone: 'error',
        text: `“${replaced.name}” was replaced by ${replaced.replacedBy}, and could not be kept in this browser (${replaced.problem ?? 'storage refused it'}): Undo (Ctrl+Z) brings it back in this tab; download it as JSON to keep it.`,
        dismiss,
      });
    }
  }
  if (lines.length === 0) return null;
  return (
    <div data-testid="app-status" role="status" aria-live="polite" style={{ flexBasis: '100%', display: 'flex', flexDirection: 'column', gap: 2, fontSize: 12 }}>
      {lines.map((l) => (
        <div key={l.key} data-testid={`app-status-${l.key.split('-')[0]}`} style={{ display: 'flex', gap: 8, alignItems: 'center', color: l.tone === 'error' ? '#ffd2d2' : '#d8e0e8' }}>
          <span>{l.text}</span>
          {l.action ? (
            <button type="button" data-testid="restore-replaced" onClick={l.action.run}>
              {l.action.label}
            </button>
          ) : null}
          {l.dismiss ? (
            <button type="button" aria-label="Dismiss" onClick={l.dismiss}>
              ×
            </button>
          ) : null}
        </div>
      ))}
    </div>
  );
}
