/**
 * NUMA distances and the HMAT, designed in place: `-machine hmat=on`, the distance matrix (SLIT), the
 * initiator × target latency/bandwidth grid and each node's `initiator=`, QEMU's refusal when it refuses, the
 * HBM accelerator example, and the SLIT and HMAT QEMU builds (decoded and as bytes).
 */
import { useMemo, useRef, useState } from 'react';
import { formatQemuError } from '../../core/base/index.ts';
import type { ConfigDocument } from '../../core/document/index.ts';
import { numaNodeIds, setMachineHmat } from '../../state/doc-edits.ts';
import { useDesigner, useDesignerApi } from '../../state/store.ts';
import { useCoreClient } from '../core-client-context.ts';
import { QEMU_PROGRAM } from '../format.ts';
import { useDerivedView } from '../hooks/useDerived.ts';
import { markPresetDocument, PRESET_LIST } from '../preset-docs.ts';
import { HmatTable } from '../tables/HmatTable.tsx';
import { SlitTable } from '../tables/SlitTable.tsx';
import { HmatGrid } from './HmatGrid.tsx';
import { NumaDistances, type NumaNodeFacts } from './NumaDistances.tsx';
import { useGuardedEdit } from '../forms/useGuardedEdit.ts';
import { RefusalNote } from '../forms/RefusalNote.tsx';
import type { EditRefusal } from '../forms/edit-guard.ts';

const HBM_PRESET = 'hbm-hmat';

function nodeFacts(doc: ConfigDocument, cpusOf: (id: number) => number): NumaNodeFacts[] {
  return numaNodeIds(doc).map(({ index, id }) => {
    const o = doc.options[index]!;
    const n = o.kind === 'numa-node' ? o : null;
    const gi = doc.options.flatMap((g) => (g.kind === 'generic-affinity' && g.qomType === 'acpi-generic-initiator' && g.node === String(id) ? [g.id] : []));
    return { id, index, cpus: cpusOf(id), memory: n?.memdev !== undefined || n?.mem !== undefined, gi, initiator: n?.initiator };
  });
}

export default function NumaPanel() {
  const store = useDesignerApi();
  const client = useCoreClient();
  const doc = useDesigner((s) => s.doc);
  const { result, layout, layoutStale } = useDerivedView();
  const nodes = useMemo(() => nodeFacts(doc, (id) => layout?.nodes.find((n) => n.id === id)?.cpus.length ?? 0), [doc, layout]);
  // every cell, choice and switch here is checked first (forms/edit-guard.ts): an edit QEMU would refuse is held,
  // its cell outlined and the reason shown, until fixed, taken back or applied anyway
  const guarded = useGuardedEdit();
  const [held, setHeld] = useState<{ refusal: EditRefusal; applyAnyway: () => boolean; cell: string } | null>(null);
  const [resets, setResets] = useState(0);
  const commit = (d: ConfigDocument, cell: string) => {
    void guarded(() => d, { optionIndex: null }).then((out) => {
      setHeld(out.status === 'refused' ? { refusal: out.refusal, applyAnyway: out.applyAnyway, cell } : null);
    });
  };
  const back = () => {
    setHeld(null);
    // the cells show the design's values again
    setResets((n) => n + 1);
  };
  const machine = doc.options.find((o) => o.kind === 'machine');
  const hmatOn = machine?.kind === 'machine' && machine.hmat === 'on';
  const error = result?.error ?? null;
  const refusedIndex = error?.option?.index ?? null;
  const preset = PRESET_LIST.find((p) => p.id === HBM_PRESET);
  const loads = useRef(0);
  const loadPreset = async () => {
    const seq = ++loads.current;
    const next = await client.presetDocument(HBM_PRESET);
    if (!next || seq !== loads.current) return;
    const a = store.getState().actions;
    if (a.replaceDocument(markPresetDocument(next, HBM_PRESET), { recordHistory: true, replacedBy: `the example “${preset?.title}”` })) {
      a.setViewport({ k: 1, x: 0 });
      a.notify('info', `Loaded “${preset?.title}”`);
    }
  };

  return (
    <div className="numa-panel" data-testid="numa-panel">
      <div className="deck-head">
        <div>
          <h3>NUMA distances and memory performance</h3>
          <p className="muted deck-sub">What the guest reads from the SLIT and the HMAT; each cell is one -numa option.</p>
        </div>
        <div className="deck-actions">
          <label className="check">
            <input type="checkbox" data-testid="hmat-on" checked={hmatOn} onChange={(e) => commit(setMachineHmat(doc, e.target.checked), 'hmat-on')} /> -machine hmat=on
          </label>
          {preset ? (
            <button type="button" data-testid="load-hbm-preset" title={preset.description} onClick={() => void loadPreset()}>
              Load “{preset.title}”
            </button>
          ) : null}
        </div>
      </div>
      {held ? (
        <RefusalNote
          refusal={held.refusal}
          testId="numa-edit"
          onApplyAnyway={() => {
            held.applyAnyway();
            setHeld(null);
          }}
          onBack={back}
        />
      ) : null}
      {error ? (
        <div className="callout error mono" role="alert" data-testid="numa-refusal">
          {QEMU_PROGRAM}: {formatQemuError(error)}
        </div>
      ) : null}
      {nodes.length === 0 ? (
        <p className="muted">No -numa node: QEMU builds neither a SLIT nor an HMAT. Add NUMA nodes first.</p>
      ) : (
        <div
          className="numa-editors"
          key={resets}
          onKeyDown={(e) => {
            if (e.key === 'Escape' && held) back();
          }}
        >
          <NumaDistances doc={doc} nodes={nodes} refusedIndex={refusedIndex} refusedCell={held?.cell ?? null} commit={commit} />
          <HmatGrid doc={doc} nodes={nodes} refusedIndex={refusedIndex} refusedCell={held?.cell ?? null} commit={commit} />
        </div>
      )}
      <div className="numa-tables">
        <SlitTable slit={layout?.slit ?? null} stale={layoutStale} />
        <HmatTable hmat={layout?.hmat ?? null} stale={layoutStale} />
      </div>
    </div>
  );
}
