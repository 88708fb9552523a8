/** The SLIT as QEMU builds it: the completed distance matrix (one byte per pair, as iasl shows it) and the bytes. */
import type { SlitTable as Slit } from '../../core/machine/index.ts';
import { HexView } from './SratTable.tsx';

export function SlitTable({ slit, stale }: { slit: Slit | null; stale: boolean }) {
  return (
    <section className={`panel contained table-panel${stale ? ' stale' : ''}`} aria-label="SLIT" data-testid="slit-table">
      <header className="table-header">
        <h2>SLIT</h2>
        <span className="muted">{slit ? `${slit.matrix.length} localities · ${slit.bytes.length} bytes` : 'no SLIT (QEMU builds one only with -numa dist)'}</span>
      </header>
      {slit ? (
        <>
          <table className="data-table numa-matrix">
            <tbody>
              {slit.matrix.map((row, i) => (
                <tr key={i} data-testid="slit-row">
                  <th scope="row" className="mono">
                    Locality {i}
                  </th>
                  {row.map((v, j) => (
                    <td key={j} className="mono num" title={`${v} (0x${v.toString(16).padStart(2, '0')})`}>
                      {v}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          <HexView bytes={slit.bytes} testId="slit-hex" />
        </>
      ) : null}
    </section>
  );
}
