/** The SRAT as QEMU builds it: CPU and memory affinity entries in QEMU's order, and the table's bytes. */
import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { SratEntry } from '../../core/machine/index.ts';
import type { ConfigDocument } from '../../core/document/index.ts';
import type { SratGenericAffinity } from '../../core/tables/index.ts';
import { SRAT_CPU_FLAGS, flagNames, sratEntryKind } from '../../core/tables/index.ts';
import { useDesigner, useDesignerApi } from '../../state/store.ts';
import { formatSize, hexDump, sratMemFlags } from '../format.ts';
import { useDerivedView } from '../hooks/useDerived.ts';
import { useLinks } from '../hooks/useLinks.ts';
import { lowest, selectionKey, useVirtualRows } from '../hooks/useVirtualRows.ts';
import { useRovingRows } from '../hooks/useRovingRows.ts';
import './tables.css';
import { selectionForSratRow } from '../linking.ts';
import { ChangesSummary, RowMarkBadge, useRowChanges, type RowMark } from './changes.tsx';
import { hexAddr } from '../map/ticks.ts';

/** What an entry is for; `deviceIds` maps option indices to device ids (one lookup per row, not a scan). */
function concerns(e: SratEntry, deviceIds: ReadonlyMap<number, string | null>): string {
  if (e.type !== 'memory') return `CPU ${e.cpuIndex}`;
  switch (e.role) {
    case 'ram':
      return `node ${e.proximityDomain} RAM`;
    case 'padding':
      return 'padding';
    case 'hotplug':
      return 'hotplug';
    case 'sp-mem':
    case 'nvdimm': {
      const id = e.optionIndex !== undefined ? deviceIds.get(e.optionIndex) : undefined;
      return `${e.role} ${id ?? '(unnamed)'}`;
    }
  }
}

/** The ACPI name of the entry's structure: `Memory Affinity Structure`. */
function structureName(e: SratEntry): string {
  return `${sratEntryKind(e.type).name} Structure`;
}

function forTitle(e: SratEntry): string | undefined {
  if (e.type !== 'memory') return undefined;
  if (e.role === 'padding') return 'QEMU pads the RAM and NVDIMM entries up to nodes + 2 with disabled, empty entries';
  if (e.role === 'hotplug') return 'part of the hotplug window left for DIMMs: HOTPLUGGABLE, at PXM = nodes − 1';
  return undefined;
}

interface RowProps {
  entry: SratEntry;
  index: number;
  linked: boolean;
  forText: string;
  onPick: (entry: SratEntry, index: number) => void;
  mark?: RowMark;
  /** the table's one Tab stop (the other rows are reached with the arrow keys) */
  tabStop: boolean;
}

/** One SRAT entry; the entry objects of unchanged entries are kept from one result to the next, so it re-renders only when its entry, its link or its text changes. */
const SratRow = memo(function SratRow({ entry: e, index: i, linked, forText, onPick, mark, tabStop }: RowProps) {
  const cls = [linked ? 'linked' : '', e.type === 'memory' ? `role-${e.role}` : 'role-cpu', mark ? `mark-${mark}` : ''].join(' ');
  return (
    <tr
      className={cls}
      data-testid="srat-row"
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
      {e.type === 'memory' ? (
        <>
          <td data-col="type" title={structureName(e)}>
            Memory
          </td>
          <td data-col="pxm" className="num">
            {e.proximityDomain}
          </td>
          <td data-col="base" className="mono">
            {hexAddr(e.baseAddress)}
          </td>
          <td data-col="length" className="mono" title={formatSize(e.length)}>
            {hexAddr(e.length)}
          </td>
          <td data-col="flags">{sratMemFlags(e.flags)}</td>
        </>
      ) : (
        <>
          <td data-col="type" title={structureName(e)}>
            {e.type === 'lapic' ? 'APIC' : 'x2APIC'}
          </td>
          <td data-col="pxm" className="num">
            {e.proximityDomain}
          </td>
          <td data-col="base" colSpan={2} className="mono">
            APIC ID {e.type === 'lapic' ? e.apicId : e.x2apicId}
          </td>
          <td data-col="flags">{flagNames(SRAT_CPU_FLAGS, e.flags).join(' | ') || '—'}</td>
        </>
      )}
      <td data-col="for" title={forTitle(e)}>
        {forText}
      </td>
    </tr>
  );
});

/** An entry the last change removed, shown struck through for a moment where it was. */
function RemovedSratRow({ entry: e, forText }: { entry: SratEntry; forText: string }) {
  return (
    <tr className="row-removed" data-testid="srat-removed-row">
      <td className="num">
        <RowMarkBadge mark="removed" />
      </td>
      <td>{e.type === 'memory' ? 'Memory' : e.type === 'lapic' ? 'APIC' : 'x2APIC'}</td>
      <td className="num">{e.proximityDomain}</td>
      {e.type === 'memory' ? (
        <>
          <td className="mono">{hexAddr(e.baseAddress)}</td>
          <td className="mono">{hexAddr(e.length)}</td>
          <td>{sratMemFlags(e.flags)}</td>
        </>
      ) : (
        <>
          <td colSpan={2} className="mono">
            APIC ID {e.type === 'lapic' ? e.apicId : e.x2apicId}
          </td>
          <td>{flagNames(SRAT_CPU_FLAGS, e.flags).join(' | ') || '—'}</td>
        </>
      )}
      <td>{forText}</td>
    </tr>
  );
}

/** What an entry says (equal: the same row) and what it stands for (a changed row keeps it). */
function sratSig(e: SratEntry, ids: ReadonlyMap<number, string | null>): string {
  if (e.type !== 'memory') return `${e.type}|${e.proximityDomain}|${e.type === 'lapic' ? e.apicId : e.x2apicId}|${e.flags}`;
  return `m|${e.proximityDomain}|${e.baseAddress}|${e.length}|${e.flags}|${e.role}|${e.optionIndex !== undefined ? ids.get(e.optionIndex) : ''}`;
}
function sratIdent(e: SratEntry, ids: ReadonlyMap<number, string | null>): string {
  if (e.type !== 'memory') return `cpu|${e.cpuIndex}`;
  return e.optionIndex !== undefined ? `${e.role}|${ids.get(e.optionIndex) ?? e.optionIndex}` : e.role === 'ram' ? `ram|${e.proximityDomain}` : e.role;
}

/** A table's bytes as a hex dump, made only while the dump is open (it is long for a large table). */
export function HexView({ bytes, testId = 'srat-hex' }: { bytes: Uint8Array; testId?: string }) {
  const [open, setOpen] = useState(false);
  const text = useMemo(() => (open ? hexDump(bytes).join('\n') : ''), [open, bytes]);
  return (
    <details className="hex-view" onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}>
      <summary>Bytes ({bytes.length}), as the guest reads them</summary>
      <pre className="mono" data-testid={testId}>
        {text}
      </pre>
    </details>
  );
}

const hex2 = (n: number) => n.toString(16).padStart(2, '0');

/** A Generic Initiator or Generic Port structure (QEMU writes them after the padding entries). */
function GenericRow({ g, doc }: { g: SratGenericAffinity; doc: ConfigDocument }) {
  const h = g.handle;
  const o = g.optionIndex !== undefined ? doc.options[g.optionIndex] : undefined;
  const initiator = g.type === 'generic-initiator';
  return (
    <tr className="role-generic" data-testid="srat-generic-row">
      <td className="num">—</td>
      <td data-col="type" title={`Generic ${initiator ? 'Initiator' : 'Port'} Affinity Structure`}>
        {initiator ? 'Generic Initiator' : 'Generic Port'}
      </td>
      <td data-col="pxm" className="num">
        {g.proximityDomain}
      </td>
      <td data-col="base" colSpan={2} className="mono">
        {h.kind === 'pci' ? `PCI ${h.segment.toString(16).padStart(4, '0')}:${hex2(h.bus)}:${hex2(h.devfn >> 3)}.${h.devfn & 7}` : `${h.hid} UID ${h.uid}`}
      </td>
      <td data-col="flags">{g.flags & 1 ? 'ENABLED' : '—'}</td>
      <td data-col="for" title={o?.kind === 'generic-affinity' ? o.qomType : undefined}>{o?.kind === 'generic-affinity' ? `${o.id} → ${o.pciDev ?? o.pciBus ?? ''}` : ''}</td>
    </tr>
  );
}

export function SratTable() {
  const { layout, layoutStale } = useDerivedView();
  const { links } = useLinks();
  const selection = useDesigner((s) => s.selection);
  const store = useDesignerApi();
  const doc = useDesigner((s) => s.doc);
  const scrollRef = useRef<HTMLDivElement>(null);
  const bodyRef = useRef<HTMLTableSectionElement>(null);
  const srat = layout?.srat ?? null;
  const entries = srat?.entries ?? NO_ENTRIES;
  const generic = srat?.genericAffinity ?? [];
  // where the generic affinity structures sit: before the hotplug window's entries
  const genericAt = generic.length ? entries.findIndex((e) => e.type === 'memory' && (e.role === 'hotplug' || e.role === 'sp-mem')) : -1;
  const genericRows = generic.map((g, k) => <GenericRow key={`g${k}`} g={g} doc={doc} />);
  const devices = layout?.devices;
  const deviceIds = useMemo(() => new Map((devices ?? []).map((d) => [d.optionIndex, d.id])), [devices]);
  const rows = useVirtualRows(scrollRef, bodyRef, entries.length);
  const firstLinked = lowest(links.srat);
  const idsRef = useRef(deviceIds);
  idsRef.current = deviceIds;
  const changes = useRowChanges(
    srat ? entries : null,
    (e) => sratSig(e, idsRef.current),
    (e) => sratIdent(e, idsRef.current),
  );
  // the entries removed, struck through where they were (not in a windowed table: its rows are of one height)
  const removedAt = (i: number) =>
    rows.windowed ? [] : changes.removed.filter((r) => r.before === i).map((r, k) => <RemovedSratRow key={`x${i}-${k}`} entry={r.entry} forText={concerns(r.entry, deviceIds)} />);
  const onPick = useCallback(
    (e: SratEntry, i: number) => store.getState().actions.select(selectionForSratRow(store.getState().doc, e, i)),
    [store],
  );
  const roving = useRovingRows(bodyRef, srat ? entries.length : 0, { rendered: rows, preferred: firstLinked, scrollToRow: rows.scrollToRow });

  useEffect(() => {
    if (selection?.kind === 'range' && selection.source === 'srat') return;
    rows.scrollToRow(firstLinked);
  }, [selectionKey(selection), firstLinked]);

  return (
    <section className={`panel contained table-panel${layoutStale ? ' stale' : ''}`} aria-label="SRAT">
      <header className="table-header">
        <h2>SRAT</h2>
        {srat ? (
          <span className="muted">
            {srat.entries.length + generic.length} entries · {srat.bytes.length} bytes
          </span>
        ) : (
          <span className="muted">no SRAT (QEMU builds one only with NUMA)</span>
        )}
        <ChangesSummary changes={changes} testId="srat-changes" />
      </header>
      <div className="table-scroll" ref={scrollRef}>
        <table className={`data-table${rows.windowed ? ' windowed' : ''}`} data-testid="srat-table" aria-rowcount={entries.length + generic.length + 1}>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">Type</th>
              <th scope="col">PXM</th>
              <th scope="col">Base</th>
              <th scope="col">Length</th>
              <th scope="col">Flags</th>
              <th scope="col">For</th>
            </tr>
          </thead>
          <tbody ref={bodyRef} onKeyDown={roving.onKeyDown} onFocus={roving.onFocus}>
            {rows.padTop > 0 ? <tr className="spacer" aria-hidden="true" style={{ height: rows.padTop }} /> : null}
            {srat && layout
              ? entries
                  .slice(rows.start, rows.end)
                  .map((e, k) => {
                    const i = rows.start + k;
                    const row = <SratRow key={i} entry={e} index={i} linked={links.srat.has(i)} forText={concerns(e, deviceIds)} onPick={onPick} mark={changes.marks.get(i)} tabStop={roving.isTabStop(i)} />;
                    return [...removedAt(i), ...(i === genericAt ? genericRows : []), row];
                  })
              : null}
            {srat && rows.end >= entries.length ? removedAt(entries.length) : null}
            {genericAt < 0 && rows.end >= entries.length ? genericRows : null}
            {rows.padBottom > 0 ? <tr className="spacer" aria-hidden="true" style={{ height: rows.padBottom }} /> : null}
          </tbody>
        </table>
      </div>
      {srat ? <HexView bytes={srat.bytes} /> : null}
    </section>
  );
}

const NO_ENTRIES: readonly SratEntry[] = [];
