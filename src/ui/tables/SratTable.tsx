/** The SRAT as QEMU builds it: CPU and memory affinity entries in QEMU's order, and the table's bytes. */
import { useEffect, useRef } from 'react';
import type { MachineLayoutView as MachineLayout, SratEntry } from '../../core/machine/index.ts';
import { SRAT_CPU_FLAGS, flagNames, sratEntryKind } from '../../core/tables/index.ts';
import { useDesigner, useDesignerApi } from '../../state/store.ts';
import { formatSize, hexDump, sratMemFlags } from '../format.ts';
import { useDerivedView } from '../hooks/useDerived.ts';
import { useLinks } from '../hooks/useLinks.ts';
import { selectionForSratRow } from '../linking.ts';
import { hexAddr } from '../map/ticks.ts';

function concerns(e: SratEntry, layout: MachineLayout): string {
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
      const d = layout.devices.find((x) => x.optionIndex === e.optionIndex);
      return `${e.role} ${d?.id ?? '(unnamed)'}`;
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

export function SratTable() {
  const { layout, layoutStale } = useDerivedView();
  const { links } = useLinks();
  const selection = useDesigner((s) => s.selection);
  const store = useDesignerApi();
  const bodyRef = useRef<HTMLTableSectionElement>(null);
  const srat = layout?.srat ?? null;

  useEffect(() => {
    if (selection?.kind === 'range' && selection.source === 'srat') return;
    const row = bodyRef.current?.querySelector('tr.linked');
    row?.scrollIntoView({ block: 'nearest' });
  }, [selection, links]);

  return (
    <section className={`panel contained table-panel${layoutStale ? ' stale' : ''}`} aria-label="SRAT">
      <header className="table-header">
        <h2>SRAT</h2>
        {srat ? (
          <span className="muted">
            {srat.entries.length} entries · {srat.bytes.length} bytes
          </span>
        ) : (
          <span className="muted">no SRAT (QEMU builds one only with NUMA)</span>
        )}
      </header>
      <div className="table-scroll">
        <table className="data-table" data-testid="srat-table">
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
          <tbody ref={bodyRef}>
            {srat && layout
              ? srat.entries.map((e, i) => {
                  const linked = links.srat.has(i);
                  const cls = [
                    linked ? 'linked' : '',
                    e.type === 'memory' ? `role-${e.role}` : 'role-cpu',
                  ].join(' ');
                  return (
                    <tr
                      key={i}
                      className={cls}
                      data-testid="srat-row"
                      aria-selected={linked}
                      tabIndex={0}
                      onClick={() => store.getState().actions.select(selectionForSratRow(store.getState().doc, e, i))}
                      onKeyDown={(ev) => {
                        if (ev.key === 'Enter' || ev.key === ' ') {
                          ev.preventDefault();
                          store.getState().actions.select(selectionForSratRow(store.getState().doc, e, i));
                        }
                      }}
                    >
                      <td className="num">{i}</td>
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
                        {concerns(e, layout)}
                      </td>
                    </tr>
                  );
                })
              : null}
          </tbody>
        </table>
      </div>
      {srat ? (
        <details className="hex-view">
          <summary>Bytes ({srat.bytes.length}), as the guest reads them</summary>
          <pre className="mono" data-testid="srat-hex">
            {hexDump(srat.bytes).join('\n')}
          </pre>
        </details>
      ) : null}
    </section>
  );
}
