/** QEMU's etc/e820, in QEMU's order (the order of its e820_add_entry calls, not address order). */
import { E820_RAM, E820_RESERVED, type E820Entry, type MachineLayoutView as MachineLayout } from '../../core/machine/index.ts';
import { useDesignerApi } from '../../state/store.ts';
import { e820TypeName, e820TypeNumber, formatSize } from '../format.ts';
import { useDerivedView } from '../hooks/useDerived.ts';
import { useLinks } from '../hooks/useLinks.ts';
import { hexAddr } from '../map/ticks.ts';

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

export function E820Table() {
  const { layout, layoutStale } = useDerivedView();
  const { links } = useLinks();
  const store = useDesignerApi();
  const entries = layout?.e820 ?? [];
  return (
    <section className={`panel contained table-panel${layoutStale ? ' stale' : ''}`} aria-label="E820">
      <header className="table-header">
        <h2>E820</h2>
        <span className="muted">etc/e820 · {entries.length} entries in QEMU’s order</span>
      </header>
      <div className="table-scroll">
        <table className="data-table" data-testid="e820-table">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">Address</th>
              <th scope="col">Length</th>
              <th scope="col">Type</th>
              <th scope="col">For</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e, i) => {
              const dev = e.optionIndex !== undefined ? layout?.devices.find((d) => d.optionIndex === e.optionIndex) : undefined;
              const select = () => {
                const a = store.getState().actions;
                if (e.optionIndex !== undefined) a.select({ kind: 'option', index: e.optionIndex });
                else a.select({ kind: 'range', start: e.address, end: e.address + e.length, node: null, source: 'e820', row: i });
              };
              const linked = links.e820.has(i);
              return (
                <tr
                  key={i}
                  className={`${linked ? 'linked' : ''} e820-type-${e.type}`}
                  data-testid="e820-row"
                  aria-selected={linked}
                  tabIndex={0}
                  onClick={select}
                  onKeyDown={(ev) => {
                    if (ev.key === 'Enter' || ev.key === ' ') {
                      ev.preventDefault();
                      select();
                    }
                  }}
                >
                  <td className="num">{i}</td>
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
                  <td data-col="for">{dev ? `sp-mem ${dev.id ?? '(unnamed)'}` : describeE820(e, layout)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
