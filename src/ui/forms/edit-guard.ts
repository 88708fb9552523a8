/**
 * One rule for every edit made with the designer's own controls (a drag, the palette's + buttons, an Inspector
 * field): it never turns a design QEMU accepts into one QEMU refuses unless the user chooses so. The edit is
 * checked first (the worker's `check`); when QEMU would refuse it, it is not committed, and the control says why —
 * in plain words first, QEMU's own text below — marks the blocks concerned, and offers "Apply anyway".
 * A design that is refused already (it arrived so: an import, an opened file, a link, an undo) is not guarded:
 * the edit is committed, it may be the one that fixes it.
 *
 * Here: the check itself (`guardEdit`) and the plain words of a refusal (`refusalWords`); the marks of the refusal
 * shown now are in refused-marks.ts. The controls reach this module through useGuardedEdit.ts, which loads it on
 * the first guarded edit (it is not in the page's first script).
 */
import { formatSize, parseQemuSize, type CoreError } from '../../core/base/index.ts';
import type { ConfigDocument } from '../../core/document/index.ts';
import type { DerivedLayout } from '../../worker/api.ts';
import { describeOption } from '../../state/doc-edits.ts';
import type { DesignerStore, Selection } from '../../state/store.ts';
import type { CoreClient } from '../../worker/client.ts';
// (the map's placement words load with the first refusal: the page's first chunk holds the controls, not them)
import type { explainRefusal as ExplainRefusal, PlacedRange } from '../map/placement.ts';
import { hexAddr } from '../hex.ts';

/** A refused edit: what it would do wrong in plain words, QEMU's own line, and the blocks concerned (map keys). */
export interface EditRefusal {
  words: string;
  /** QEMU's stderr line, without the program name */
  qemu: string;
  /** the keys of the blocks to mark: the device edited and those it would collide with */
  blocks: string[];
}

export type GuardOutcome =
  | { status: 'committed' }
  | { status: 'unchanged' }
  /** not committed: QEMU would refuse it; `applyAnyway` commits it all the same (if the design is still `base`) */
  | { status: 'refused'; refusal: EditRefusal; applyAnyway: () => boolean }
  /** the design changed while the edit was checked: nothing was committed */
  | { status: 'superseded' };

export interface GuardOptions {
  /** the option the edit is about (its index in the edited document), for the words and the marks */
  optionIndex?: number | null;
  /** the selection to set when committed */
  selection?: Selection;
  /** whether the design the edit starts from is refused already (null: unknown, it is checked too) */
  baseRefused?: boolean | null;
  /** the layout of the design the edit starts from (an accepted design's), for the words */
  layout?: DerivedLayout | null;
  /** what is being added, when the edit adds a device (the words name it so) */
  adding?: string;
}

/**
 * Check `edit` of the store's design with QEMU's rules and commit it when QEMU accepts it (or when the design is
 * refused already). Otherwise nothing changes, and the outcome carries the refusal and the "Apply anyway" commit.
 */
export async function guardEdit(
  client: Pick<CoreClient, 'check'>,
  store: DesignerStore,
  edit: (doc: ConfigDocument) => ConfigDocument,
  opts: GuardOptions = {},
): Promise<GuardOutcome> {
  const base = store.getState().doc;
  const next = edit(base);
  if (next === base) return { status: 'unchanged' };
  const commit = () => {
    const s = store.getState();
    if (s.doc !== base) return false;
    s.actions.commit(next, opts.selection !== undefined ? { selection: opts.selection } : {});
    return store.getState().doc === next;
  };
  const [verdict, baseVerdict] = await Promise.all([
    client.check(next),
    opts.baseRefused === true || opts.baseRefused === false ? Promise.resolve(null) : client.check(base),
  ]);
  if (store.getState().doc !== base) return { status: 'superseded' };
  const baseRefused = opts.baseRefused ?? Boolean(baseVerdict?.error);
  if (!verdict.error || baseRefused) return commit() ? { status: 'committed' } : { status: 'superseded' };
  const { explainRefusal } = await import('../map/placement.ts');
  const refusal = describeEditRefusal(verdict.error, verdict.message ?? verdict.error.message, next, opts, explainRefusal);
  return { status: 'refused', refusal, applyAnyway: commit };
}

const range = (start: bigint, end: bigint): string => `[${hexAddr(start)}–${hexAddr(end - 1n)}]`;

/** The map key of the device option `index` of `doc` (its id, else `#index`), or null when it is no device. */
function blockKeyOf(doc: ConfigDocument, index: number | null | undefined): string | null {
  if (index === null || index === undefined) return null;
  const o = doc.options[index];
  if (!o || o.kind !== 'device') return null;
  return o.id ?? `#${index}`;
}

/** The refusal of `next` in plain words, with the blocks concerned. */
export function describeEditRefusal(
  error: CoreError,
  qemu: string,
  next: ConfigDocument,
  opts: GuardOptions,
  explain: typeof ExplainRefusal | null,
): EditRefusal {
  const edited = blockKeyOf(next, opts.optionIndex);
  const named = blockKeyOf(next, error.option?.index);
  const words = refusalWords(error, next, opts, explain);
  const blocks = [...new Set([edited, named, ...words.conflicts].filter((k): k is string => k !== null))];
  return { words: words.text, qemu, blocks };
}

/**
 * What QEMU's refusal of `next` means, in plain words: from the layout of the design the edit started from where
 * the geometry says it (an overlap, a range outside the window, a missed alignment, no room left), else from the
 * kind of QEMU's error. QEMU's own text is always shown beside these words.
 */
export function refusalWords(
  error: CoreError,
  next: ConfigDocument,
  opts: GuardOptions = {},
  /** the map's geometric words (map/placement.ts); null: the kind of QEMU's error only */
  explain: typeof ExplainRefusal | null = null,
): { text: string; conflicts: string[] } {
  const layout = opts.layout ?? null;
  const index = opts.optionIndex ?? error.option?.index ?? null;
  const opt = index !== null ? next.options[index] : undefined;
  const device = opt?.kind === 'device' ? opt : undefined;
  const name = opts.adding ?? (device ? (device.id ?? describeOption(device)) : opt ? describeOption(opt) : 'the design');
  const backendSize = (() => {
    if (!device?.memdev) return null;
    const b = next.options.find((o) => o.kind === 'object' && o.id === device.memdev);
    return b?.kind === 'object' && b.size ? parseQemuSize(b.size) : null;
  })();
  // a conflict QEMU names: the device already placed there
  const conflictId = /conflicts with memory device id='([^']*)'/.exec(error.message)?.[1];
  const window = layout?.window ? { start: layout.window.base, end: layout.window.base + layout.window.size } : null;

  if (error.kind.startsWith('placement/') && layout && window && device) {
    const placed = layout.devices.find((d) => (d.id !== null && d.id === device.id) || (d.id === null && d.optionIndex === index));
    const addr = device.addr !== undefined ? parseQemuSize(device.addr) : (placed?.addr ?? null);
    const size = backendSize ?? placed?.size ?? null;
    const others: PlacedRange[] = layout.devices
      .filter((d) => d !== placed)
      .map((d) => ({ key: d.id ?? `#${d.optionIndex}`, driver: d.driver, start: d.addr, end: d.addr + d.size }));
    if (error.kind === 'placement/not-enough-space' || error.kind === 'placement/too-big' || error.kind === 'placement/fragmented') {
      // QEMU's capacity for memory devices: maxmem less the RAM (the window itself may be larger)
      const used = others.reduce((a, o) => a + (o.end - o.start), 0n);
      const total = layout.ram.maxmem - layout.ram.ramSize;
      const free = total > used ? total - used : 0n;
      const what = opts.adding ?? (size !== null ? `${name} (${formatSize(size)})` : name);
      if (error.kind === 'placement/fragmented') {
        return { text: `no free part of the hotplug window is large enough and aligned for ${what}`, conflicts: [] };
      }
      return {
        text: `${what} does not fit: memory devices get ${formatSize(total)} (maxmem less the RAM), of which ${formatSize(free)} is free`,
        conflicts: [],
      };
    }
    if (explain && addr !== null && size !== null) {
      const w = explain(
        name,
        { start: addr, end: addr + size, node: placed?.node ?? 0, addrChanged: device.addr !== undefined },
        { window, others, align: placed?.align ?? 1n },
      );
      // (the words say where the device would be: its range moved or grew with the edit)
      const prefix = `${name} would overlap `;
      if (w.text.startsWith(prefix)) return { text: `${name} ${range(addr, addr + size)} would overlap ${w.text.slice(prefix.length)}`, conflicts: w.conflicts };
      if (!w.text.startsWith('QEMU refuses')) return w;
    }
  }
  if (conflictId !== undefined) {
    const other = layout?.devices.find((d) => d.id === conflictId);
    return {
      text: `${name} would overlap ${conflictId}${other ? ` ${range(other.addr, other.addr + other.size)}` : ''}`,
      conflicts: [conflictId],
    };
  }
  switch (error.kind) {
    case 'placement/no-window':
      return { text: `the machine has no hotplug window for ${name}: -m needs maxmem= above the RAM size`, conflicts: [] };
    case 'placement/not-enough-space':
    case 'placement/too-big':
      return { text: `${name} does not fit in what is left of the hotplug window`, conflicts: [] };
    case 'placement/fragmented':
      return { text: `no free part of the hotplug window is large enough and aligned for ${name}`, conflicts: [] };
    case 'placement/misaligned':
      return { text: `${name}'s address is not a multiple of its alignment`, conflicts: [] };
    case 'placement/size-multiple':
      return { text: `${name}'s backend size is not a multiple of its page size`, conflicts: [] };
    case 'placement/out-of-range':
      return { text: `${name} would not lie inside the hotplug window${window ? ` ${range(window.start, window.end)}` : ''}`, conflicts: [] };
    case 'placement/overlap':
      return { text: `${name} would overlap another memory device`, conflicts: [] };
    case 'device/slot':
      return { text: `no DIMM slot is left for ${name} (-m slots= counts them)`, conflicts: [] };
    case 'device/node':
      return { text: `${name} would be on a NUMA node that does not exist`, conflicts: [] };
    case 'device/memdev':
      return { text: `${name} needs a memory backend of its own (memdev=), not one another option uses`, conflicts: [] };
    case 'numa/size-mismatch':
      return { text: 'the RAM of the NUMA nodes would no longer add up to the RAM size (-m)', conflicts: [] };
    case 'numa/memdev':
    case 'numa/invalid':
      return { text: `the NUMA nodes would no longer be valid (${name})`, conflicts: [] };
    case 'object/duplicate-id':
      return { text: 'two options would have the same id', conflicts: [] };
    case 'object/invalid':
      return { text: `${name}: QEMU refuses this backend`, conflicts: [] };
    case 'memory/maxmem':
    case 'memory/ram-size':
    case 'memory/slots':
      return { text: 'the memory options (-m) would not be valid any more', conflicts: [] };
    default:
      return { text: `QEMU refuses the design this change makes (${name})`, conflicts: [] };
  }
}
