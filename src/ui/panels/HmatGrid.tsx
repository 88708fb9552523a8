/**
 * The HMAT's latency and bandwidth, initiator × target, for one memory hierarchy and data type, edited in place:
 * a cell holds its `-numa hmat-lb` value (latency in ns, bandwidth as a QEMU size in bytes per second); an empty
 * cell is a pair QEMU writes as 0. Initiators are QEMU's: the nodes with CPUs and those of a generic initiator.
 */
import { useState } from 'react';
import type { ConfigDocument } from '../../core/document/index.ts';
import { setHmatLb, setNodeInitiator } from '../../state/doc-edits.ts';
import { CellInput, NodeColumns, type NumaNodeFacts } from './NumaDistances.tsx';

/** QEMU's words for the HMAT hierarchies and data types, in the table's order */
export const HIERARCHIES = ['memory', 'first-level', 'second-level', 'third-level'];
export const DATA_TYPES = ['access-latency', 'read-latency', 'write-latency', 'access-bandwidth', 'read-bandwidth', 'write-bandwidth'];

function Select({ label, value, values, onChange, testId }: { label: string; value: string; values: readonly string[]; onChange: (v: string) => void; testId: string }) {
  return (
    <label className="inline-field">
      <span>{label}</span>
      <select value={value} data-testid={testId} onChange={(e) => onChange(e.target.value)}>
        {values.map((v) => (
          <option key={v} value={v}>
            {v}
          </option>
        ))}
      </select>
    </label>
  );
}

export function HmatGrid({ doc, nodes, refusedIndex, refusedCell = null, commit }: { doc: ConfigDocument; nodes: readonly NumaNodeFacts[]; refusedIndex: number | null; refusedCell?: string | null; commit: (d: ConfigDocument, cell: string) => void }) {
  const [hierarchy, setHierarchy] = useState('memory');
  const [dataType, setDataType] = useState('access-latency');
  const latency = dataType.endsWith('latency');
  const cells = new Map<string, { text: string; index: number }>();
  doc.options.forEach((o, index) => {
    if (o.kind !== 'numa-hmat-lb' || o.hierarchy !== hierarchy || o.dataType !== dataType) return;
    const key = `${o.initiator}>${o.target}`;
    if (!cells.has(key)) cells.set(key, { text: (latency ? o.latency : o.bandwidth) ?? '', index });
  });
  const initiators = nodes.filter((n) => n.cpus > 0 || n.gi.length > 0);
  const cpuNodes = nodes.filter((n) => n.cpus > 0);
  return (
    <div className="numa-block">
      <div className="deck-head">
        <div>
          <h3>Latency and bandwidth (HMAT)</h3>
          <p className="muted deck-sub">
            {latency ? 'Latency in nanoseconds.' : 'Bandwidth in bytes per second, as a QEMU size (64G is 64 GiB/s; a multiple of 1M).'} An empty cell is written as 0.
          </p>
        </div>
        <div className="deck-actions">
          <Select label="hierarchy" value={hierarchy} values={HIERARCHIES} onChange={setHierarchy} testId="hmat-hierarchy" />
          <Select label="data-type" value={dataType} values={DATA_TYPES} onChange={setDataType} testId="hmat-data-type" />
        </div>
      </div>
      {initiators.length === 0 ? (
        <p className="muted">No initiator: a node needs CPUs or an acpi-generic-initiator to be one.</p>
      ) : (
        <table className="data-table numa-matrix" data-testid="hmat-grid">
          <NodeColumns corner="initiator \ target" nodes={nodes} />
          <tbody>
            {initiators.map((i) => (
              <tr key={i.id}>
                <th scope="row" title={i.cpus ? `${i.cpus} CPUs` : `generic initiator ${i.gi.join(', ')}`}>
                  node {i.id} {i.cpus ? '(CPUs)' : '(GI)'}
                </th>
                {nodes.map((t) => {
                  const c = cells.get(`${i.id}>${t.id}`);
                  return (
                    <td key={t.id}>
                      <CellInput
                        value={c?.text ?? ''}
                        placeholder="0"
                        label={`${dataType} from node ${i.id} to node ${t.id}`}
                        testId={`hmat-${i.id}-${t.id}`}
                        refused={(c !== undefined && c.index === refusedIndex) || refusedCell === `hmat-${i.id}-${t.id}`}
                        onCommit={(v) => commit(setHmatLb(doc, { initiator: i.id, target: t.id, hierarchy, dataType }, v), `hmat-${i.id}-${t.id}`)}
                      />
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <table className="data-table numa-nodes" data-testid="numa-node-initiators">
        <thead>
          <tr>
            <th scope="col">node</th>
            <th scope="col">CPUs</th>
            <th scope="col">own memory</th>
            <th scope="col">generic initiator</th>
            <th scope="col">initiator=</th>
          </tr>
        </thead>
        <tbody>
          {nodes.map((n) => {
            const choices = cpuNodes.map((c) => String(c.id));
            if (n.initiator !== undefined && !choices.includes(n.initiator)) choices.push(n.initiator);
            return (
              <tr key={n.id}>
                <td>node {n.id}</td>
                <td className="num">{n.cpus}</td>
                <td>{n.memory ? 'yes' : 'no'}</td>
                <td>{n.gi.join(', ') || '—'}</td>
                <td>
                  <select
                    aria-label={`initiator of node ${n.id}`}
                    data-testid={`initiator-${n.id}`}
                    className={n.index === refusedIndex || refusedCell === `initiator-${n.id}` ? 'refused' : ''}
                    value={n.initiator ?? ''}
                    onChange={(e) => commit(setNodeInitiator(doc, n.id, e.target.value || undefined), `initiator-${n.id}`)}
                  >
                    <option value="">{n.cpus ? 'itself (its CPUs)' : 'not set'}</option>
                    {choices.map((c) => (
                      <option key={c} value={c}>
                        node {c}
                      </option>
                    ))}
                  </select>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
