/**
 * The selected option's form: a memory device (id, backend size, node, addr, backend), a NUMA node, a backend,
 * or an address range picked in a table. Every field is checked before it is applied; each applied field is one
 * undo step. An edit QEMU would refuse is not applied (forms/edit-guard.ts): the field keeps what was typed, says
 * why, and offers "Apply anyway"; Esc goes back.
 */
import { useMemo, useState } from 'react';
import type { BackendObject, ConfigDocument, MemoryDeviceOption, NumaNodeOption } from '../../core/document/index.ts';
import { formatSize } from '../../core/base/index.ts';
import {
  backendIds,
  backendUsers,
  describeOption,
  deviceIds,
  numaNodeIds,
  patchOption,
  removeOption,
  setBackendSize,
  setDeviceAddr,
} from '../../state/doc-edits.ts';
import { useDesigner, useDesignerApi, type Selection } from '../../state/store.ts';
import { Field, SelectField } from '../forms/Field.tsx';
import { checkAddress, checkId, checkSize } from '../forms/validate.ts';
import { useDerivedView } from '../hooks/useDerived.ts';
import { hexAddr } from '../hex.ts';
import { useGuardedEdit } from '../forms/useGuardedEdit.ts';
import type { EditRefusal, GuardOutcome } from '../forms/edit-guard.ts';
import { refusedMarks } from '../forms/refused-marks.ts';
import { RefusalNote } from '../forms/RefusalNote.tsx';

export function Inspector() {
  const doc = useDesigner((s) => s.doc);
  const selection = useDesigner((s) => s.selection);
  return (
    <div className="inspector" data-testid="inspector">
      <InspectorBody doc={doc} selection={selection} />
    </div>
  );
}

function InspectorBody({ doc, selection }: { doc: ConfigDocument; selection: Selection }) {
  if (!selection) {
    return (
      <p className="muted empty-hint">
        Select a block on the map, an option in the list, a table row or a diagnostic to edit it here.
      </p>
    );
  }
  if (selection.kind === 'range') {
    return (
      <div>
        <h3>Address range</h3>
        <dl className="facts">
          <dt>start</dt>
          <dd className="mono">{hexAddr(selection.start)}</dd>
          <dt>end</dt>
          <dd className="mono">{hexAddr(selection.end - 1n)} (last byte)</dd>
          <dt>size</dt>
          <dd>{formatSize(selection.end - selection.start)}</dd>
          <dt>node</dt>
          <dd>{selection.node ?? '—'}</dd>
          <dt>from</dt>
          <dd>{selection.source === 'srat' ? `SRAT entry ${selection.row}` : `E820 entry ${selection.row}`}</dd>
        </dl>
      </div>
    );
  }
  const opt = doc.options[selection.index];
  if (!opt) return <p className="muted">Nothing selected.</p>;
  switch (opt.kind) {
    case 'device':
      return <DeviceForm key={selection.index} doc={doc} index={selection.index} device={opt} />;
    case 'numa-node':
      return <NodeForm key={selection.index} doc={doc} index={selection.index} node={opt} />;
    case 'object':
      return <BackendForm key={selection.index} doc={doc} index={selection.index} backend={opt} />;
    default:
      return (
        <p className="muted">
          <code>{describeOption(opt)}</code> is edited in the Machine form.
        </p>
      );
  }
}

/** An edit of option `index`, checked with QEMU's rules before it is committed (forms/edit-guard.ts). */
function useCommit(index: number) {
  const guarded = useGuardedEdit();
  return (edit: (doc: ConfigDocument) => ConfigDocument): Promise<GuardOutcome> => guarded(edit, { optionIndex: index });
}

/**
 * A button's guarded edit: its refusal shows under the form's buttons (plain words, QEMU's text, Apply anyway),
 * and the blocks concerned are marked, until it is applied, Esc or another edit.
 */
function useButtonRefusal() {
  const [refused, setRefused] = useState<{ refusal: EditRefusal; applyAnyway: () => boolean; owner: object } | null>(null);
  const clear = () => {
    if (refused) refusedMarks.clear(refused.owner);
    setRefused(null);
  };
  const run = async (p: Promise<GuardOutcome>): Promise<GuardOutcome> => {
    const out = await p;
    if (refused) refusedMarks.clear(refused.owner);
    if (out.status === 'refused') {
      const owner = {};
      refusedMarks.set(owner, out.refusal.blocks);
      setRefused({ refusal: out.refusal, applyAnyway: out.applyAnyway, owner });
    } else setRefused(null);
    return out;
  };
  const note = (testId: string, onCommitted?: () => void) =>
    refused ? (
      <div
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            clear();
          }
        }}
      >
        <RefusalNote
          refusal={refused.refusal}
          testId={testId}
          onApplyAnyway={() => {
            const ok = refused.applyAnyway();
            clear();
            if (ok) onCommitted?.();
          }}
          onBack={clear}
        />
      </div>
    ) : null;
  return { run, note, clear };
}

function RemoveButton({ index, label }: { index: number; label: string }) {
  const store = useDesignerApi();
  const guarded = useGuardedEdit();
  const guard = useButtonRefusal();
  const removed = (name: string | null) => {
    if (name) store.getState().actions.notify('info', `Removed ${name} (Ctrl+Z brings it back)`);
  };
  return (
    <>
      <button
        type="button"
        className="danger"
        aria-label={`Remove ${label}`}
        data-testid="inspector-remove"
        onClick={() => {
          const s = store.getState();
          const opt = s.doc.options[index];
          const r = removeOption(s.doc, index);
          if (!r.ok) {
            s.actions.notify('error', `Not removed: ${r.message}`);
            return;
          }
          const name = opt ? describeOption(opt) : null;
          void guard.run(guarded(() => r.doc, { optionIndex: null, selection: null })).then((out) => {
            if (out.status === 'committed') removed(name);
          });
        }}
      >
        Remove
      </button>
      {guard.note('inspector-remove', () => removed(label))}
    </>
  );
}

function nodeOptions(doc: ConfigDocument, current: string | undefined) {
  const ids = numaNodeIds(doc).map((n) => String(n.id));
  if (ids.length === 0) ids.push('0');
  if (current !== undefined && !ids.includes(current)) ids.push(current);
  return ids.map((id) => ({ value: id, label: `node ${id}` }));
}

/** Designs with up to this many backends list every one in the memdev= choice; larger ones list the relevant few. */
export const MEMDEV_LIST_ALL = 200;
/** How many free (unused) backends a large design's memdev= choice lists. */
export const MEMDEV_FREE_SHOWN = 50;

/**
 * The memdev= choice of device `index`: the backends with whether another option uses them, found in one pass
 * over the options. A large design lists only the device's own backend and the first free ones, not thousands of
 * `<option>`s; `hidden` counts the backends left out (all used by other options).
 */
export function memdevOptions(
  doc: ConfigDocument,
  index: number,
  current: string | undefined,
): { options: Array<{ value: string; label: string }>; hidden: number } {
  const used = new Set<string>();
  doc.options.forEach((o, i) => {
    if (i !== index && (o.kind === 'device' || o.kind === 'numa-node') && o.memdev !== undefined) used.add(o.memdev);
  });
  const backends = [...backendIds(doc)];
  const head = current === undefined ? [{ value: '', label: '(none)' }] : [];
  const label = (b: string) => (used.has(b) ? `${b} (in use)` : b);
  if (backends.length <= MEMDEV_LIST_ALL) return { options: [...head, ...backends.map((b) => ({ value: b, label: label(b) }))], hidden: 0 };
  const shown: Array<{ value: string; label: string }> = [];
  let free = 0;
  for (const b of backends) {
    if (b === current) shown.push({ value: b, label: label(b) });
    else if (!used.has(b) && free < MEMDEV_FREE_SHOWN) {
      free++;
      shown.push({ value: b, label: b });
    }
  }
  const known = current !== undefined && shown.some((o) => o.value === current);
  if (current !== undefined && !known) shown.unshift({ value: current, label: current });
  return { options: [...head, ...shown], hidden: backends.length - free - (known ? 1 : 0) };
}

/**
 * The RAM backend (memdev=) choice of NUMA node `index`: "none" (a memory-less node), then the backends as the
 * device form lists them (memdevOptions): every one in a small design; in a large one the node's own backend and
 * the first free ones, not an `<option>` per backend of thousands of devices.
 */
export function nodeMemdevOptions(
  doc: ConfigDocument,
  index: number,
  current: string | undefined,
): { options: Array<{ value: string; label: string }>; hidden: number } {
  const r = memdevOptions(doc, index, current);
  return { options: [{ value: '', label: '(none: memory-less node)' }, ...r.options.filter((o) => o.value !== '')], hidden: r.hidden };
}

function DeviceForm({ doc, index, device }: { doc: ConfigDocument; index: number; device: MemoryDeviceOption }) {
  const commit = useCommit(index);
  const auto = useButtonRefusal();
  const { layout, layoutStale } = useDerivedView();
  // where the last design QEMU accepted put it (said so when the current design is refused)
  // (by id: the last accepted design may number its options otherwise)
  const placed = layout?.devices.find((d) => (device.id !== undefined ? d.id === device.id : d.optionIndex === index));
  // (each a pass over the options: once per document, not again when the result of the edit arrives)
  const backend = useMemo(() => doc.options.find((o): o is BackendObject => o.kind === 'object' && o.id === device.memdev), [doc, device.memdev]);
  const memdevChoice = useMemo(() => memdevOptions(doc, index, device.memdev), [doc, index, device.memdev]);
  // the other devices' ids, needed only to check a typed id
  const otherIds = () => {
    const ids = deviceIds(doc);
    if (device.id !== undefined) ids.delete(device.id);
    return ids;
  };
  const name = describeOption(device);
  return (
    <div className="form" role="group" aria-label={`Edit ${name}`}>
      <h3>
        <span className={`swatch swatch-${device.driver}`} aria-hidden="true" /> {name}
      </h3>
      {placed ? (
        <p className="placed" data-testid="inspector-placed">
          {layoutStale ? 'In the last design QEMU accepted: ' : ''}at <span className="mono">{hexAddr(placed.addr)}</span>, {formatSize(placed.size)}, align{' '}
          <span className="mono">{hexAddr(placed.align)}</span>
          {placed.explicitAddr ? ' (addr= fixed)' : ' (placed automatically)'}
        </p>
      ) : null}
      <Field
        label="Device id"
        value={device.id ?? ''}
        check={(t) => checkId('Device id', t, otherIds())}
        onApply={(v) => commit((d) => patchOption(d, index, { id: v }))}
        testId="inspector-id"
      />
      <Field
        label="Size (backend)"
        value={backend?.size ?? ''}
        check={(t) => checkSize('Size (backend)', t, { nonZero: true })}
        onApply={(v) => backend && v !== undefined && commit((d) => setBackendSize(d, backend.id, v))}
        disabled={!backend}
        mono
        testId="inspector-size"
        hint={backend ? `${backend.qomType} '${backend.id}'` : 'no backend selected'}
      />
      <SelectField
        label="NUMA node"
        value={device.node ?? '0'}
        options={nodeOptions(doc, device.node)}
        onChange={(v) => commit((d) => patchOption(d, index, { node: v }))}
        testId="inspector-node"
      />
      <Field
        label="Address (addr=)"
        value={device.addr ?? ''}
        placeholder={placed ? `automatic (${hexAddr(placed.addr)})` : 'automatic'}
        resultHint
        check={(t) => checkAddress('Address (addr=)', t)}
        onApply={(v) => commit((d) => patchOption(d, index, { addr: v }))}
        mono
        testId="inspector-addr"
        hint="empty: QEMU places it (first fit in the hotplug window)"
      />
      <SelectField
        label="Backend (memdev=)"
        value={device.memdev ?? ''}
        options={memdevChoice.options}
        onChange={(v) => commit((d) => patchOption(d, index, { memdev: v === '' ? undefined : v }))}
        testId="inspector-memdev"
        hint={memdevChoice.hidden ? `${memdevChoice.hidden} more backend${memdevChoice.hidden === 1 ? '' : 's'} in use by other options not listed` : undefined}
      />
      <div className="form-actions">
        <button
          type="button"
          disabled={device.addr === undefined}
          aria-label="Return to automatic placement (remove addr=)"
          data-testid="inspector-auto"
          onClick={() => void auto.run(commit((d) => setDeviceAddr(d, index, null)))}
        >
          Automatic placement
        </button>
        <RemoveButton index={index} label={name} />
      </div>
      {auto.note('inspector-auto')}
    </div>
  );
}

function NodeForm({ doc, index, node }: { doc: ConfigDocument; index: number; node: NumaNodeOption }) {
  const commit = useCommit(index);
  const { layout, layoutStale } = useDerivedView();
  const id = numaNodeIds(doc).find((n) => n.index === index)?.id;
  const info = layout?.nodes.find((n) => n.id === id);
  const memdevChoice = useMemo(() => nodeMemdevOptions(doc, index, node.memdev), [doc, index, node.memdev]);
  return (
    <div className="form" role="group" aria-label={`Edit NUMA node ${id ?? ''}`}>
      <h3>NUMA node {id}</h3>
      {info ? (
        <p className="placed">
          {layoutStale ? 'In the last design QEMU accepted: ' : ''}
          {formatSize(info.size)} RAM, {info.cpus.length} CPU{info.cpus.length === 1 ? '' : 's'}
        </p>
      ) : null}
      <SelectField
        label="RAM backend (memdev=)"
        value={node.memdev ?? ''}
        options={memdevChoice.options}
        onChange={(v) => commit((d) => patchOption(d, index, { memdev: v === '' ? undefined : v }))}
        testId="inspector-node-memdev"
        hint={
          memdevChoice.hidden
            ? `the node RAM of all nodes must add up to -m; ${memdevChoice.hidden} more backend${memdevChoice.hidden === 1 ? '' : 's'} in use by other options not listed`
            : 'the node RAM of all nodes must add up to -m'
        }
      />
      <div className="form-actions">
        <RemoveButton index={index} label={`NUMA node ${id ?? ''}`} />
      </div>
    </div>
  );
}

function BackendForm({ doc, index, backend }: { doc: ConfigDocument; index: number; backend: BackendObject }) {
  const commit = useCommit(index);
  const others = backendIds(doc);
  others.delete(backend.id);
  const users = backendUsers(doc, backend.id).map((i) => describeOption(doc.options[i]!));
  return (
    <div className="form" role="group" aria-label={`Edit backend ${backend.id}`}>
      <h3>
        <span className="swatch swatch-backend" aria-hidden="true" /> {backend.qomType} '{backend.id}'
      </h3>
      <p className="placed">{users.length ? `used by ${users.join(', ')}` : 'not used yet'}</p>
      <Field
        label="Backend id"
        value={backend.id}
        check={(t) => checkId('Backend id', t, others)}
        onApply={(v) => {
          if (v === undefined) return;
          return commit((d) => {
            let next = patchOption(d, index, { id: v });
            next.options.forEach((o, i) => {
              if ((o.kind === 'device' || o.kind === 'numa-node') && o.memdev === backend.id) next = patchOption(next, i, { memdev: v });
            });
            return next;
          });
        }}
        testId="inspector-backend-id"
      />
      <Field
        label="Size"
        value={backend.size ?? ''}
        check={(t) => checkSize('Size', t, { nonZero: true })}
        onApply={(v) => commit((d) => patchOption(d, index, { size: v }))}
        mono
        testId="inspector-backend-size"
      />
      {backend.qomType === 'memory-backend-file' ? (
        <Field
          label="mem-path"
          value={backend.memPath ?? ''}
          check={(t) => (t.trim() === '' ? { ok: false, message: 'mem-path is required for memory-backend-file' } : { ok: true, value: t.trim() })}
          onApply={(v) => commit((d) => patchOption(d, index, { memPath: v }))}
          mono
        />
      ) : null}
      <div className="form-actions">
        <RemoveButton index={index} label={`backend ${backend.id}`} />
      </div>
    </div>
  );
}
