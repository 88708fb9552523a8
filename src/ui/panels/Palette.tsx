/**
 * Adding and removing: NUMA nodes, memory devices (each with its own backend, added before it) and standalone
 * backends; and an outline of the document's memory options to select them. An addition QEMU would refuse is not
 * made (forms/edit-guard.ts): the palette says why, in plain words and QEMU's text, and offers "Add anyway".
 */
import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useRovingRows } from '../hooks/useRovingRows.ts';
import { useVirtualRows } from '../hooks/useVirtualRows.ts';
import type { DocOption, HotplugDeviceDriver } from '../../core/document/index.ts';
import { addBackend, addMemoryDevice, addNumaNode, describeOption, numaNodeIds, removeOption, setDeviceAddr } from '../../state/doc-edits.ts';
import { useDesigner, useDesignerApi } from '../../state/store.ts';
import { checkSize } from '../forms/validate.ts';
import { useCoreClient } from '../core-client-context.ts';
import { useDerivedView, type DerivedView } from '../hooks/useDerived.ts';
import type { CoreClient } from '../../worker/client.ts';
import type { EditResult } from '../../state/doc-edits.ts';
import type { EditRefusal, GuardOutcome } from '../forms/edit-guard.ts';
import { refusedMarks } from '../forms/refused-marks.ts';
import { RefusalNote } from '../forms/RefusalNote.tsx';
import { RefusedBlockMarks } from '../forms/RefusalNote.tsx';
import { useGuardedEditWith } from '../forms/useGuardedEdit.ts';

const DEVICES: Array<{ driver: HotplugDeviceDriver; label: string; title: string }> = [
  { driver: 'sp-mem', label: 'sp-mem', title: 'Specific Purpose Memory (SOFT_RESERVED in E820, its own SRAT range)' },
  { driver: 'pc-dimm', label: 'pc-dimm', title: 'A hot-pluggable DIMM in the hotplug window' },
  { driver: 'nvdimm', label: 'nvdimm', title: 'Persistent memory (turns nvdimm=on on in -machine)' },
  { driver: 'virtio-mem-pci', label: 'virtio-mem', title: 'virtio-mem: its backend’s range in the hotplug window, plugged by the guest in blocks up to requested-size (0 at start)' },
  { driver: 'virtio-pmem-pci', label: 'virtio-pmem', title: 'virtio-pmem: a file-backed persistent memory range in the hotplug window, no NFIT' },
];

/**
 * Where a new sp-mem goes so that it does not touch another sp-mem: QEMU places a device at the first free spot
 * of the window, right after the device before it, and Linux merges SOFT_RESERVED ranges that touch into one.
 * null: QEMU's own spot already keeps the gap (or there is no room for one, or QEMU refuses the device anyway):
 * the device is added without addr=.
 */
async function spacedSpMemAddr(client: CoreClient, derived: DerivedView, r: EditResult): Promise<bigint | null> {
  const layout = derived.current ? derived.layout : null;
  if (!layout?.window) return null;
  const check = await client.check(r.doc);
  const placed = check.error ? undefined : check.placements.find((p) => p.optionIndex === r.index);
  if (!placed) return null;
  const [{ spacedFirstFit }, { spGap }] = await Promise.all([import('../map/placement.ts'), import('../canvas/map-notes.ts')]);
  const align = layout.devices.find((d) => d.backendType === 'memory-backend-ram')?.align ?? 2n << 20n;
  const others = layout.devices.map((d) => ({ key: String(d.optionIndex), driver: d.driver, start: d.addr, end: d.addr + d.size }));
  const window = { start: layout.window.base, end: layout.window.base + layout.window.size };
  const at = spacedFirstFit({ window, others, size: placed.size, align, spMem: true, gap: spGap(align) });
  if (at === null || at === placed.addr) return null;
  const confirmed = await client.check(setDeviceAddr(r.doc, r.index, at));
  return confirmed.error ? null : at;
}

/** Keeps `into` at the latest derived view, rendering nothing (only this re-renders when a result arrives). */
function LatestDerived({ into }: { into: { current: DerivedView | null } }): null {
  const view = useDerivedView();
  useEffect(() => {
    into.current = view;
  }, [into, view]);
  return null;
}

export function Palette() {
  const store = useDesignerApi();
  const doc = useDesigner((s) => s.doc);
  const selection = useDesigner((s) => s.selection);
  const [size, setSize] = useState('1G');
  const [sizeError, setSizeError] = useState<string | null>(null);
  const nodes = numaNodeIds(doc);
  const selectedOpt = selection?.kind === 'option' ? doc.options[selection.index] : undefined;
  const defaultNode =
    selectedOpt?.kind === 'device' && selectedOpt.node !== undefined
      ? Number(selectedOpt.node)
      : selectedOpt?.kind === 'numa-node'
        ? (nodes.find((n) => selection?.kind === 'option' && n.index === selection.index)?.id ?? 0)
        : 0;
  const [node, setNode] = useState<number | null>(null);
  const targetNode = node !== null && (nodes.some((n) => n.id === node) || (nodes.length === 0 && node === 0)) ? node : defaultNode;

  const checkedSize = (): string | null => {
    const r = checkSize('New size', size, { nonZero: true });
    if (!r.ok) {
      setSizeError(r.message);
      return null;
    }
    setSizeError(null);
    return r.value!;
  };

  const client = useCoreClient();
  // read at click time only: a child keeps it current, so a new result does not render the whole palette again
  const derived = useRef<DerivedView | null>(null);
  const guarded = useGuardedEditWith(derived);
  // the last addition QEMU would refuse: shown under the buttons until another one, Esc or "Add anyway"
  const [refused, setRefused] = useState<{
    refusal: EditRefusal;
    applyAnyway: () => boolean;
    /** the notice once committed */
    done: string;
    lead: string;
    anyway: string;
    owner: object;
  } | null>(null);
  const clearRefused = () => {
    if (refused) refusedMarks.clear(refused.owner);
    setRefused(null);
  };
  useEffect(() => () => (refused ? refusedMarks.clear(refused.owner) : undefined), [refused]);
  /** show a refused edit of the palette under its buttons (and in the status line) */
  const showRefused = (out: Extract<GuardOutcome, { status: 'refused' }>, done: string, removal: boolean) => {
    if (refused) refusedMarks.clear(refused.owner);
    const owner = {};
    refusedMarks.set(owner, out.refusal.blocks);
    const lead = removal ? 'Not removed' : 'Not added';
    setRefused({ refusal: out.refusal, applyAnyway: out.applyAnyway, done, lead, anyway: removal ? 'Remove anyway' : 'Add anyway', owner });
    store.getState().actions.notify('error', `${lead}: QEMU would refuse it — ${out.refusal.words}.`);
  };
  /** commit `r` if QEMU accepts it (or the design is refused already); else show why; `done` is the notice */
  const guardedAdd = async (r: EditResult, done: string, what: string): Promise<void> => {
    const out: GuardOutcome = await guarded(() => r.doc, { optionIndex: r.index, selection: { kind: 'option', index: r.index }, adding: what });
    if (out.status === 'refused') {
      showRefused(out, done, false);
      return;
    }
    if (refused) refusedMarks.clear(refused.owner);
    setRefused(null);
    const s = store.getState();
    if (out.status === 'committed') s.actions.notify('info', done);
    else if (out.status === 'superseded') s.actions.notify('info', `The design changed while ${what} was being checked: nothing was added; add it again`);
  };
  const addAnyway = () => {
    if (!refused) return;
    const s = store.getState();
    if (refused.applyAnyway()) s.actions.notify('info', `${refused.done} — QEMU refuses the design as it is now`);
    else s.actions.notify('info', 'The design changed since; nothing was changed: do it again');
    clearRefused();
  };
  const addDevice = async (driver: HotplugDeviceDriver) => {
    const sz = checkedSize();
    if (!sz) return;
    const s = store.getState();
    const base = s.doc;
    let r = addMemoryDevice(base, driver, sz, targetNode);
    let spaced = false;
    if (driver === 'sp-mem') {
      const at = derived.current ? await spacedSpMemAddr(client, derived.current, r).catch(() => null) : null;
      if (store.getState().doc !== base) {
        store.getState().actions.notify('info', 'The design changed while the new sp-mem was being placed: nothing was added; add it again');
        return;
      }
      if (at !== null) {
        r = { doc: setDeviceAddr(r.doc, r.index, at), index: r.index };
        spaced = true;
      }
    }
    const name = describeOption(r.doc.options[r.index]!);
    await guardedAdd(
      r,
      `Added ${name} on node ${targetNode} with a ${sz} backend` +
        (spaced ? ', 2 MiB or more away from the sp-mem before it (Linux merges soft-reserved ranges that touch)' : ''),
      `the new ${name} (${sz} on node ${targetNode})`,
    );
  };

  const addNode = () => {
    const s = store.getState();
    const r = addNumaNode(s.doc);
    const name = describeOption(r.doc.options[r.index]!);
    void guardedAdd(r, `Added ${name}`, `the new ${name}`);
  };

  const addStandaloneBackend = () => {
    const sz = checkedSize();
    if (!sz) return;
    const s = store.getState();
    const r = addBackend(s.doc, sz);
    const name = describeOption(r.doc.options[r.index]!);
    void guardedAdd(r, `Added ${name}`, `the new ${name}`);
  };

  const removeSelected = () => {
    const s = store.getState();
    if (s.selection?.kind !== 'option') return;
    const opt = s.doc.options[s.selection.index];
    if (!opt) return;
    const r = removeOption(s.doc, s.selection.index);
    if (!r.ok) {
      s.actions.notify('error', `Not removed: ${r.message}`);
      return;
    }
    const name = describeOption(opt);
    void guarded(() => r.doc, { selection: null }).then((out) => {
      const done = `Removed ${name} (Ctrl+Z brings it back)`;
      if (out.status === 'refused') return showRefused(out, done, true);
      if (refused) refusedMarks.clear(refused.owner);
      setRefused(null);
      if (out.status === 'committed') store.getState().actions.notify('info', done);
    });
  };

  const removable = selectedOpt && (selectedOpt.kind === 'device' || selectedOpt.kind === 'numa-node' || selectedOpt.kind === 'object');

  return (
    <section
      className="panel contained palette"
      aria-label="Add and remove"
      onKeyDown={(e) => {
        if (e.key === 'Escape' && refused) {
          e.preventDefault();
          clearRefused();
        }
      }}
    >
      <LatestDerived into={derived} />
      <RefusedBlockMarks />
      <h2>Add</h2>
      <div className="palette-row">
        <div className={`field compact${sizeError ? ' invalid' : ''}`}>
          <label htmlFor="palette-size">Size</label>
          <input
            id="palette-size"
            className="mono"
            value={size}
            onChange={(e) => setSize(e.target.value)}
            aria-invalid={sizeError ? true : undefined}
            aria-describedby={sizeError ? 'palette-size-err' : undefined}
            data-testid="palette-size"
          />
        </div>
        <div className="field compact">
          <label htmlFor="palette-node">on node</label>
          <select id="palette-node" value={targetNode} onChange={(e) => setNode(Number(e.target.value))} data-testid="palette-node">
            {(nodes.length ? nodes.map((n) => n.id) : [0]).map((id) => (
              <option key={id} value={id}>
                {id}
              </option>
            ))}
          </select>
        </div>
      </div>
      {sizeError ? (
        <div className="field-error" id="palette-size-err" role="alert">
          {sizeError}
        </div>
      ) : null}
      <div className="button-grid">
        {DEVICES.map((d) => (
          <button
            key={d.driver}
            type="button"
            className={`add add-${d.driver}`}
            title={d.title}
            aria-label={`Add ${d.label}`}
            data-testid={`add-${d.driver}`}
            onClick={() => void addDevice(d.driver)}
          >
            <span className={`swatch swatch-${d.driver}`} aria-hidden="true" />+ {d.label}
          </button>
        ))}
        <button type="button" className="add" aria-label="Add NUMA node" data-testid="add-node" onClick={addNode}>
          + NUMA node
        </button>
        <button type="button" className="add" aria-label="Add memory backend" data-testid="add-backend" onClick={addStandaloneBackend}>
          + backend
        </button>
        <button
          type="button"
          className="danger"
          aria-label="Remove the selected option"
          data-testid="remove-selected"
          disabled={!removable}
          onClick={removeSelected}
        >
          Remove selected
        </button>
      </div>
      {refused ? (
        <RefusalNote
          refusal={refused.refusal}
          testId="palette"
          lead={refused.lead}
          anywayLabel={refused.anyway}
          onApplyAnyway={addAnyway}
          onBack={clearRefused}
        />
      ) : null}
    </section>
  );
}

/** One option of the outline; memoized: an edit keeps the object of every option it does not change. */
const OutlineRow = memo(function OutlineRow({
  o,
  index,
  row,
  tabStop,
  selected,
  onPick,
}: {
  o: DocOption;
  index: number;
  /** its place in the list (the roving Tab stop's numbering) */
  row: number;
  tabStop: boolean;
  selected: boolean;
  onPick(index: number): void;
}) {
  const kind = o.kind === 'device' ? o.driver : o.kind === 'object' ? 'backend' : 'node';
  return (
    <li data-row={row}>
      <button
        type="button"
        tabIndex={tabStop ? 0 : -1}
        className={`outline-item${selected ? ' selected' : ''}`}
        aria-pressed={selected}
        data-testid={`outline-${index}`}
        onClick={() => onPick(index)}
      >
        <span className={`swatch swatch-${kind}`} aria-hidden="true" />
        {describeOption(o)}
        {o.kind === 'object' && o.size ? <span className="muted"> {o.size}</span> : null}
      </button>
    </li>
  );
});

/** The memory-relevant options of the document, in command-line order; selecting one selects it everywhere. */
export function Outline() {
  const doc = useDesigner((s) => s.doc);
  const selected = useDesigner((s) => (s.selection?.kind === 'option' ? s.selection.index : null));
  const store = useDesignerApi();
  const onPick = useCallback(
    (index: number) => {
      store.getState().actions.select({ kind: 'option', index });
      store.getState().actions.setActivePanel('inspector');
    },
    [store],
  );
  const options = doc.options;
  // the option indices listed (the rows' elements are made for the rows in view only: an edit of a design of
  // thousands of options does not make thousands of elements)
  const rows = useMemo(() => {
    const out: number[] = [];
    options.forEach((o, index) => {
      if (o.kind === 'object' || o.kind === 'numa-node' || o.kind === 'device') out.push(index);
    });
    return out;
  }, [options]);
  // a long outline renders the rows in view only (the list scrolls; rows are one line each)
  const listRef = useRef<HTMLUListElement>(null);
  const win = useVirtualRows(listRef, listRef, rows.length, { estimate: 24 });
  const first = win.windowed ? win.start : 0;
  const shown = win.windowed ? rows.slice(win.start, win.end) : rows;
  // one Tab stop for the list: ↑/↓, Home/End, PageUp/PageDown move between its options (hooks/useRovingRows.ts)
  const selectedRow = selected === null ? -1 : rows.indexOf(selected);
  const roving = useRovingRows(listRef, rows.length, {
    rendered: { start: first, end: first + shown.length },
    preferred: selectedRow,
    scrollToRow: win.scrollToRow,
  });
  return (
    <section className="panel contained outline" aria-label="Memory options">
      <h2>Options</h2>
      <ul ref={listRef} onKeyDown={roving.onKeyDown} onFocus={roving.onFocus}>
        {win.windowed && win.padTop > 0 ? <li aria-hidden="true" style={{ height: win.padTop }} /> : null}
        {shown.map((index, k) => (
          <OutlineRow
            key={index}
            o={options[index]!}
            index={index}
            row={first + k}
            tabStop={roving.isTabStop(first + k)}
            selected={index === selected}
            onPick={onPick}
          />
        ))}
        {win.windowed && win.padBottom > 0 ? <li aria-hidden="true" style={{ height: win.padBottom }} /> : null}
      </ul>
    </section>
  );
}
