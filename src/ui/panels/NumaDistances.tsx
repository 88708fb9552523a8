/**
 * The SLIT's distance matrix, edited in place: a cell holds the `-numa dist` value given for that pair, or shows
 * QEMU's default for it (10 to itself, the other direction's value) marked as a default. Typing a value writes or
 * changes the pair's `-numa dist`; clearing the cell removes it.
 */
import { useEffect, useState } from 'react';
import type { ConfigDocument } from '../../core/document/index.ts';
import { setNumaDistance } from '../../state/doc-edits.ts';

export interface NumaNodeFacts {
  id: number;
  /** the `-numa node` option */
  index: number;
  cpus: number;
  /** memory of its own (memdev= or mem=) */
  memory: boolean;
  /** ids of the acpi-generic-initiator objects in this node */
  gi: string[];
  initiator: string | undefined;
}

/** A table cell's input: commits on Enter or leaving the cell (an empty text clears), Escape puts the value back. */
export function CellInput(props: { value: string; placeholder: string; label: string; testId: string; refused?: boolean; onCommit: (v: string | undefined) => void }) {
  const [draft, setDraft] = useState(props.value);
  useEffect(() => setDraft(props.value), [props.value]);
  const commit = () => {
    const v = draft.trim();
    if (v !== props.value) props.onCommit(v === '' ? undefined : v);
  };
  return (
    <input
      className={`cell-input mono${props.value ? '' : ' default'}${props.refused ? ' refused' : ''}`}
      aria-label={props.label}
      data-testid={props.testId}
      value={draft}
      placeholder={props.placeholder}
      size={5}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Enter') commit();
        else if (e.key === 'Escape') setDraft(props.value);
      }}
    />
  );
}

/** A matrix's head row: its corner, then one column per node. */
export function NodeColumns({ corner, nodes }: { corner: string; nodes: readonly NumaNodeFacts[] }) {
  return (
    <thead>
      <tr>
        <th scope="col">{corner}</th>
        {nodes.map((n) => (
          <th key={n.id} scope="col">
            node {n.id}
          </th>
        ))}
      </tr>
    </thead>
  );
}

export function NumaDistances({ doc, nodes, refusedIndex, refusedCell = null, commit }: { doc: ConfigDocument; nodes: readonly NumaNodeFacts[]; refusedIndex: number | null; refusedCell?: string | null; commit: (d: ConfigDocument, cell: string) => void }) {
  // the last -numa dist of each pair is the one QEMU keeps
  const given = new Map<string, { val: string; index: number }>();
  doc.options.forEach((o, index) => {
    if (o.kind === 'numa-dist') given.set(`${o.src}>${o.dst}`, { val: o.val ?? '', index });
  });
  const any = given.size > 0;
  return (
    <div className="numa-block">
      <h3>Distances (SLIT)</h3>
      <p className="muted deck-sub">
        {any
          ? 'QEMU builds a SLIT from -numa dist: grey values are its defaults (10 to itself, the other direction otherwise).'
          : 'No -numa dist: QEMU builds no SLIT and the guest assumes 10 local, 20 remote (grey). A value here adds one.'}
      </p>
      <table className="data-table numa-matrix" data-testid="numa-dist-matrix">
        <NodeColumns corner="from \ to" nodes={nodes} />
        <tbody>
          {nodes.map((s) => (
            <tr key={s.id}>
              <th scope="row">node {s.id}</th>
              {nodes.map((d) => {
                const g = given.get(`${s.id}>${d.id}`);
                const back = given.get(`${d.id}>${s.id}`);
                const def = s.id === d.id ? '10' : back ? back.val : any ? '' : '20';
                return (
                  <td key={d.id} title={g ? `-numa dist,src=${s.id},dst=${d.id},val=${g.val}` : def ? `default ${def}` : 'missing: QEMU needs one direction of every pair'}>
                    <CellInput
                      value={g?.val ?? ''}
                      placeholder={def || '?'}
                      label={`distance from node ${s.id} to node ${d.id}`}
                      testId={`dist-${s.id}-${d.id}`}
                      refused={(g !== undefined && g.index === refusedIndex) || refusedCell === `dist-${s.id}-${d.id}`}
                      onCommit={(v) => commit(setNumaDistance(doc, s.id, d.id, v), `dist-${s.id}-${d.id}`)}
                    />
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
