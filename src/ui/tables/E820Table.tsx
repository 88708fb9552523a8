/** QEMU's etc/e820, in QEMU's order (the order of its e820_add_entry calls, not address order). */
import { memo, useCallback, useEffect, useMemo, useRef } from 'react';
import { E820_RAM, E820_RESERVED, type E820Entry, type MachineLayoutView as MachineLayout } from '../../core/machine/index.ts';
import { useDesigner, useDesignerApi } from '../../state/store.ts';
import { e820TypeName, e820TypeNumber, formatSize } from '../format.ts';
import { useDerivedView } from '../hooks/useDerived.ts';
import { useLinks } from '../hooks/useLinks.ts';
import { lowest, selectionKey, useVirtualRows } from '../hooks/useVirtualRows.ts';
import { useRovingRows } from '../hooks/useRovingRows.ts';
import { hexAddr } from '../map/ticks.ts';
import './tables.css';
import { ChangesSummary, RowMarkBadge, useRowChanges, type RowMark } from './changes.tsx';

/** What a QEMU-made entry is (QEMU's e820_add_entry calls, shared/docs/qemu-memory.md §1.6). */
function describeE820(e: E820Entry, layout: MachineLayout | null): string {
  if (!layout) return formatSize(e.length);
  if (e.type === E820_RAM && e.address === 0n) return `${formatSize(e.length)} below 4G`;
  if (e.type === E820_RAM && e.address === layout.ram.above4gStart) {
    return `${formatSize(e.length)} above ${layout.ram.relocatedTo1T ? '1T' : '4G'}`;
  }
  if (e.type === E820_RESERVED && e.address === 0xfd_0000_0000n) return 'AMD HT hole';
  return formatSize(e.length);
}

interface RowProps {
  entry: E820Entry;
  index: number;
  linked: boolean;
  forText: string;
  onPick: (entry: E820Entry, index: number) => void;
  mark?: RowMark;
  /** the table's one Tab stop (the other rows are reached with the arrow keys) */
  tabStop: boolean;
}

/** One entry; unchanged entries keep their objects from one result to the next, so only changed rows re-render. */
const E820Row = memo(function E820Row({ entry: e, index: i, linked, forText, onPick, mark, tabStop }: RowProps) {
  return (
    <tr
      className={`${linked ? 'linked' : ''} e820-type-${e.type}${mark ? ` mark-${mark}` : ''}`}
      data-testid="e820-row"
      data-row={i}
      aria-selected={linked}
      tabIndex={tabStop ? 0 : -1}
      onClick={() => onPick(e, i)}
      onKeyDown={(ev) => {
        if (ev.key === 'Enter' || ev.key === ' ') {
          ev.preventDefault();
          onPick(e, i);
        }
      }}
    >
      <td className="num">
        {i}
        <RowMarkBadge mark={mark} />
      </td>
      <td data-col="address" className="mono">
        {hexAddr(e.address)}
      </td>
      <td data-col="length" className="mono" title={formatSize(e.length)}>
        {hexAddr(e.length)}
      </td>
      <td data-col="type" title={`type ${e820TypeNumber(e.type)}`}>
        <span className={`swatch swatch-e820-${e.type}`} aria-hidden="true" />
        {e820TypeName(e.type)}
      </td>
      <td data-col="for">{forText}</td>
    </tr>
  );
});

/** An entry the last change removed, struck through for a moment where it was. */
function RemovedE820Row({ entry: e, forText }: { entry: E820Entry; forText: string }) {
  return (
    <tr className="row-removed" data-testid="e820-removed-row">
      <td className="num">
        <RowMarkBadge mark="removed" />
      </td>
      <td className="mono">{hexAddr(e.address)}</td>
      <td className="mono">{hexAddr(e.length)}</td>
      <td>{e820TypeName(e.type)}</td>
      <td>{forText}</td>
    </tr>
  );
}

const NO_ENTRIES: readonly E820Entry[] = [];

export function E820Table() {
  const { layout, layoutStale } = useDerivedView();
  const { links } = useLinks();
  const selection = useDesigner((s) => s.selection);
  const store = useDesignerApi();
  const scrollRef = useRef<HTMLDivElement>(null);
  const bodyRef = useRef<HTMLTableSectionElement>(null);
  const entries = layout?.e820 ?? NO_ENTRIES;
  const devices = layout?.devices;
  const deviceIds = useMemo(() => new Map((devices ?? []).map((d) => [d.optionIndex, d.id])), [devices]);
  const rows = useVirtualRows(scrollRef, bodyRef, entries.length);
  const firstLinked = lowest(links.e820);
  const idsRef = useRef(deviceIds);
  idsRef.current = deviceIds;
  const deviceOf = (e: E820Entry) => (e.optionIndex !== undefined ? (idsRef.current.get(e.optionIndex) ?? `#${e.optionIndex}`) : '');
  const changes = useRowChanges(
    layout ? entries : null,
    (e) => `${e.address}|${e.length}|${e.type}|${deviceOf(e)}`,
    (e) => (e.optionIndex !== undefined ? `dev|${deviceOf(e)}` : `t|${e.type}|${e.address === 0n ? 'low' : ''}`),
  );
  const removedAt = (i: number) =>
    rows.windowed ? [] : changes.removed.filter((r) => r.before === i).map((r, k) => <RemovedE820Row key={`x${i}-${k}`} entry={r.entry} forText={forText(r.entry)} />);
  const onPick = useCallback(
    (e: E820Entry, i: number) => {
      const a = store.getState().actions;
      if (e.optionIndex !== undefined) a.select({ kind: 'option', index: e.optionIndex });
      else a.select({ kind: 'range', start: e.address, end: e.address + e.length, node: null, source: 'e820', row: i });
    },
    [store],
  );
  const roving = useRovingRows(bodyRef, entries.length, { rendered: rows, preferred: firstLinked, scrollToRow: rows.scrollToRow });

  // bring the first entry linked to the selection into view (not when the selection is a row of this table)
  useEffect(() => {
    if (selection?.kind === 'range' && selection.source === 'e820') return;
    if (rows.windowed) rows.scrollToRow(firstLinked);
  }, [selectionKey(selection), firstLinked]);

  const forText = (e: E820Entry): string => {
    const id = e.optionIndex !== undefined ? deviceIds.get(e.optionIndex) : undefined;
    return id !== undefined ? `sp-mem ${id ?? '(unnamed)'}` : describeE820(e, layout);
  };

  return (
    <section className={`panel contained table-panel${layoutStale ? ' stale' : ''}`} aria-label="E820">
      <header className="table-header">
        <h2>E820</h2>
        <span className="muted">etc/e820 · {entries.length} entries in QEMU’s order</span>
        <ChangesSummary changes={changes} testId="e820-changes" />
      </header>
      <div className="table-scroll" ref={scrollRef}>
        <table className={`data-table${rows.windowed ? ' windowed' : ''}`} data-testid="e820-table" aria-rowcount={entries.length + 1}>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">Address</th>
              <th scope="col">Length</th>
              <th scope="col">Type</th>
              <th scope="col">For</th>
            </tr>
          </thead>
          <tbody ref={bodyRef} onKeyDown={roving.onKeyDown} onFocus={roving.onFocus}>
            {rows.padTop > 0 ? <tr className="spacer" aria-hidden="true" style={{ height: rows.padTop }} /> : null}
            {entries.slice(rows.start, rows.end).map((e, k) => {
              const i = rows.start + k;
              return [...removedAt(i), <E820Row key={i} entry={e} index={i} linked={links.e820.has(i)} forText={forText(e)} onPick={onPick} mark={changes.marks.get(i)} tabStop={roving.isTabStop(i)} />];
            })}
            {rows.end >= entries.length ? removedAt(entries.length) : null}
            {rows.padBottom > 0 ? <tr className="spacer" aria-hidden="true" style={{ height: rows.padBottom }} /> : null}
          </tbody>
        </table>
      </div>
    </section>
  );
}
