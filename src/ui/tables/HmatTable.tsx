/**
 * The HMAT as QEMU builds it, decoded: each structure in table order (proximity domain attributes, latency and
 * bandwidth matrices with their entry base unit and what each entry stands for, memory side caches), and the bytes.
 */
import type { HmatTable as Hmat } from '../../core/machine/index.ts';
import { formatSize } from '../format.ts';
import { DATA_TYPES, HIERARCHIES } from '../panels/HmatGrid.tsx';
import { HexView } from './SratTable.tsx';

type Structure = Hmat['structures'][number];

/** What an entry stands for: entry × base unit, in ns (the unit is ps) or MB/s. */
function entryValue(s: Extract<Structure, { type: 'locality' }>, e: number): string {
  const v = BigInt(e) * s.entryBaseUnit;
  if (s.dataType < 3) return v % 1000n === 0n ? `${v / 1000n} ns` : `${v} ps`;
  return `${v} MB/s`;
}

const ASSOC = ['none', 'direct', 'complex'];
const POLICY = ['none', 'write-back', 'write-through'];

function Body({ s, k }: { s: Structure; k: number }) {
  if (s.type === 'proximity-domain') {
    return (
      <p className="mono">
        Memory Proximity Domain Attributes: memory {s.memory}, initiator {s.flags & 1 ? s.initiator : `${s.initiator} (not valid)`}
      </p>
    );
  }
  if (s.type === 'cache') {
    const a = s.attributes;
    return (
      <p className="mono">
        Memory Side Cache: memory {s.memory}, {formatSize(s.size)}, level {(a >> 4) & 15} of {a & 15}, {ASSOC[(a >> 8) & 15] ?? (a >> 8) & 15},{' '}
        {POLICY[(a >> 12) & 15] ?? (a >> 12) & 15}, line {a >>> 16} bytes
      </p>
    );
  }
  const n = s.targets.length;
  return (
    <>
      <p className="mono">
        Latency and Bandwidth: {HIERARCHIES[s.hierarchy] ?? s.hierarchy} {DATA_TYPES[s.dataType] ?? s.dataType}, entry base unit {s.entryBaseUnit.toString()}{' '}
        {s.dataType < 3 ? 'ps' : 'MB/s'}
      </p>
      <table className="data-table numa-matrix hmat-entries">
        <thead>
          <tr>
            <th scope="col">initiator \ target</th>
            {s.targets.map((t) => (
              <th key={t} scope="col">
                {t}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {s.initiators.map((i, r) => (
            <tr key={i}>
              <th scope="row">{i}</th>
              {s.targets.map((t, c) => {
                const e = s.entries[r * n + c]!;
                return (
                  <td key={t} className="mono" data-testid={`hmat-entry-${k}-${i}-${t}`} title={`entry ${e} (0x${e.toString(16).padStart(4, '0')})`}>
                    {e} <span className="muted">= {entryValue(s, e)}</span>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

export function HmatTable({ hmat, stale }: { hmat: Hmat | null; stale: boolean }) {
  return (
    <section className={`panel contained table-panel${stale ? ' stale' : ''}`} aria-label="HMAT" data-testid="hmat-table">
      <header className="table-header">
        <h2>HMAT</h2>
        <span className="muted">{hmat ? `${hmat.structures.length} structures · ${hmat.bytes.length} bytes` : 'no HMAT (QEMU builds one with -machine hmat=on and NUMA nodes)'}</span>
      </header>
      {hmat ? (
        <>
          <ol className="hmat-structures">
            {hmat.structures.map((s, k) => (
              <li key={k} data-testid="hmat-structure">
                <Body s={s} k={k} />
              </li>
            ))}
          </ol>
          <HexView bytes={hmat.bytes} testId="hmat-hex" />
        </>
      ) : null}
    </section>
  );
}
