/**
 * The memory-hotplug window on its own: what occupies it (sp-mem, pc-dimm, nvdimm), what is free, the SRAT entries
 * covering each part, and figures that show how much an sp-mem placed in the middle costs (shared/docs/sp-mem.md,
 * "The price of partitioning"; seed 003). The largest DIMM that still fits is found with QEMU's own placement rules
 * (placement.ts `placeMemoryDevice`: capacity, size multiple, first fit), plus the slot check of pc-dimm.
 *
 * The advisor proposes a better order when an sp-mem splits the hotpluggable area: sp-mem devices first, DIMMs on
 * top, as the reviewer advised; the proposal is a new document that `computeMachine` accepts, with before/after
 * figures. Only hotpluggable ranges of at least one Linux memory block (128 MiB) count as split parts: a smaller gap,
 * such as the 2 MiB that keeps two sp-mem ranges from touching (and merging in the guest), cannot take hot-added
 * memory anyway.
 */
import { cloneDocument, type ConfigDocument, type MemoryDeviceOption } from '../document/index.ts';
import { SRAT_MEM_HOTPLUGGABLE, type MachineLayout, type PlacedDevice, type QemuVersion, type SratEntry } from '../machine/index.ts';
import { placeMemoryDevice } from '../machine/index.ts';
import { computeMachine } from '../machine/index.ts';
import { formatQemuArgs } from '../syntax/index.ts';
import { GiB, MiB, U64_MAX, alignUp } from '../base/index.ts';
import { SRC, type SourceRef } from '../guest/index.ts';
import { LINUX_MEMORY_BLOCK } from '../guest/index.ts';

export type WindowPartKind = 'sp-mem' | 'pc-dimm' | 'nvdimm' | 'virtio-mem-pci' | 'virtio-pmem-pci' | 'free';

export interface WindowSratRef {
  /** index in layout.srat.entries */
  index: number;
  pxm: number;
  base: bigint;
  length: bigint;
  flags: number;
  role: Extract<SratEntry, { type: 'memory' }>['role'];
}

export interface WindowPart {
  kind: WindowPartKind;
  start: bigint;
  /** exclusive */
  end: bigint;
  size: bigint;
  /** the device's -device option (not for free parts) */
  optionIndex?: number;
  id?: string | null;
  node?: number;
  /** covered by a HOTPLUGGABLE SRAT entry (free parts and DIMMs are; sp-mem is not) */
  hotpluggable: boolean;
  /** the SRAT memory entries overlapping the part */
  sratEntries: WindowSratRef[];
}

export interface DimmFit {
  /** the backend's region alignment: 2 MiB (memory-backend-ram) or 1 GiB (1 GiB huge pages) */
  backendAlign: bigint;
  label: string;
  /** the largest pc-dimm size QEMU would still accept (0 when none) */
  size: bigint;
  sizeHex: string;
  /** where QEMU's first fit would put it */
  addr: bigint | null;
  /** what limits it: the free space (and alignment), the maxmem capacity, or the slots */
  limitedBy: 'space' | 'capacity' | 'slots';
}

export interface Range {
  start: bigint;
  /** exclusive */
  end: bigint;
  size: bigint;
}

export interface WindowFigures {
  base: bigint;
  size: bigint;
  /** window end (exclusive) */
  end: bigint;
  /** maxmem − ram: what memory devices may use in total */
  capacity: bigint;
  /** sizes of all memory devices (sp-mem included: it counts against maxmem) */
  used: bigint;
  capacityLeft: bigint;
  slots: number;
  freeSlots: number;
  /** free space in the window (every free byte is inside a HOTPLUGGABLE SRAT entry) */
  hotpluggableFree: bigint;
  freeRanges: Range[];
  largestFree: Range | null;
  largestFreeHex: string;
  /** the window minus the sp-mem ranges: what the SRAT marks HOTPLUGGABLE (DIMMs included: they can be unplugged) */
  hotpluggableRanges: Range[];
  largestHotpluggable: Range | null;
  largestHotpluggableHex: string;
  /** 1 − largest free range / total free space (0 when nothing is free) */
  fragmentation: number;
  /** 1 − largest hotpluggable range / total hotpluggable space */
  hotplugFragmentation: number;
  /** how the two fragmentation figures are defined, for display */
  definitions: { fragmentation: string; hotplugFragmentation: string; sratEntries: string };
  /** SRAT memory entries the window costs: the umbrella, split into gaps and sp-mem entries */
  sratEntries: number;
  /** what stock QEMU would need for the same window: 1 umbrella entry */
  sratEntriesWithoutSpMem: number;
  /** NVDIMM entries inside the window (emitted separately, they overlap a gap entry) */
  nvdimmEntries: number;
  largestDimm: { ram2M: DimmFit; huge1G: DimmFit };
}

export interface WindowInspection {
  /** null when the machine has no hotplug window */
  figures: WindowFigures | null;
  parts: WindowPart[];
  /**
   * does an sp-mem split the hotpluggable area? True when at least two hotpluggable ranges are each as large as a
   * Linux memory block (128 MiB): smaller ones cannot take hot-added memory and do not count.
   */
  fragmentedBySpMem: boolean;
  notes: string[];
  sources: SourceRef[];
}

export const FRAGMENTATION_DEFINITION =
  '1 − (largest free range ÷ total free space in the window): 0 when all free space is one range, towards 1 as it splits into many pieces; 0 when nothing is free.';
export const HOTPLUG_FRAGMENTATION_DEFINITION =
  '1 − (largest hotpluggable range ÷ total hotpluggable space), where hotpluggable means the window minus the sp-mem ranges (the SRAT HOTPLUGGABLE entries; DIMMs count as hotpluggable since they can be unplugged): how much sp-mem splits the area memory can be hot-added into.';
export const SRAT_ENTRIES_DEFINITION =
  'Memory-affinity entries for the window: one HOTPLUGGABLE entry per gap between sp-mem ranges plus one ENABLED entry per sp-mem; stock QEMU uses 1 (the umbrella).';

const hex = (v: bigint) => '0x' + v.toString(16);
const cmp = (a: bigint, b: bigint) => (a < b ? -1 : a > b ? 1 : 0);

function range(start: bigint, end: bigint): Range {
  return { start, end, size: end - start };
}

function largest(rs: readonly Range[]): Range | null {
  let best: Range | null = null;
  for (const r of rs) if (!best || r.size > best.size) best = r;
  return best;
}

/** [start, end) minus the given ranges (sorted, non-overlapping within [start, end)). */
function subtract(start: bigint, end: bigint, taken: ReadonlyArray<{ start: bigint; end: bigint }>): Range[] {
  const out: Range[] = [];
  let cur = start;
  for (const t of [...taken].sort((a, b) => cmp(a.start, b.start))) {
    if (t.end <= cur) continue;
    if (t.start >= end) break;
    if (t.start > cur) out.push(range(cur, t.start));
    if (t.end > cur) cur = t.end;
  }
  if (cur < end) out.push(range(cur, end));
  return out;
}

function ratio(largestSize: bigint, total: bigint): number {
  if (total === 0n) return 0;
  // bigint → number safely: scale to parts per million
  const ppm = (largestSize * 1_000_000n) / total;
  return 1 - Number(ppm) / 1_000_000;
}

function sratRefs(layout: MachineLayout, start: bigint, end: bigint): WindowSratRef[] {
  const out: WindowSratRef[] = [];
  layout.srat?.entries.forEach((e, index) => {
    if (e.type !== 'memory' || e.length === 0n) return;
    if (e.role !== 'hotplug' && e.role !== 'sp-mem' && e.role !== 'nvdimm') return;
    if (e.baseAddress < end && start < e.baseAddress + e.length) {
      out.push({ index, pxm: e.proximityDomain, base: e.baseAddress, length: e.length, flags: e.flags, role: e.role });
    }
  });
  return out;
}

/** The largest pc-dimm with backend alignment `align` that QEMU would still place (first fit), and where. */
export function largestDimmFit(layout: MachineLayout, align: bigint, label: string, qemuVersion: QemuVersion = '11.1'): DimmFit {
  const w = layout.window!;
  const used = layout.devices.reduce((s, d) => s + d.size, 0n);
  const capacity = layout.ram.maxmem - layout.ram.ramSize;
  const plugged = layout.devices.map((d) => ({ addr: d.addr, size: d.size, label: d.id ?? '(unnamed)' }));
  const freeSlots = layout.ram.slots - layout.devices.filter((d) => d.slot !== null).length;
  const empty = (limitedBy: DimmFit['limitedBy']): DimmFit => ({ backendAlign: align, label, size: 0n, sizeHex: '0x0', addr: null, limitedBy });
  if (freeSlots <= 0) return empty('slots');
  const fits = (size: bigint, cap: bigint) =>
    placeMemoryDevice({
      window: w,
      hint: null,
      size,
      regionAlign: align,
      minAlign: 0n,
      usedSize: used,
      capacity: cap,
      plugged,
      legacyAlign: null,
      qemuVersion,
    });
  // fitting is monotone in the size: binary search over multiples of align
  const search = (cap: bigint): { size: bigint; addr: bigint | null } => {
    let lo = 0n;
    let hi = w.size / align;
    let addr: bigint | null = null;
    while (lo < hi) {
      const mid = (lo + hi + 1n) / 2n;
      const r = fits(mid * align, cap);
      if (r.ok) {
        lo = mid;
        addr = r.addr;
      } else hi = mid - 1n;
    }
    if (lo > 0n && addr === null) {
      const r = fits(lo * align, cap);
      addr = r.ok ? r.addr : null;
    }
    return { size: lo * align, addr };
  };
  const real = search(capacity);
  const spaceOnly = search(U64_MAX);
  const limitedBy: DimmFit['limitedBy'] = real.size < spaceOnly.size ? 'capacity' : 'space';
  return { backendAlign: align, label, size: real.size, sizeHex: hex(real.size), addr: real.size > 0n ? real.addr : null, limitedBy };
}

export function inspectWindow(layout: MachineLayout, qemuVersion: QemuVersion = '11.1'): WindowInspection {
  const sources = [SRC.qemuSpMemE820, SRC.seedFragment, SRC.qemuPlacement, SRC.qemuSlots, SRC.qemuUmbrella];
  const w = layout.window;
  if (!w) {
    return {
      figures: null,
      parts: [],
      fragmentedBySpMem: false,
      notes: ['The machine has no hotplug window (maxmem is not above the RAM size): no memory devices, no umbrella.'],
      sources,
    };
  }
  const end = w.base + w.size;
  const devices = [...layout.devices].sort((a, b) => cmp(a.addr, b.addr));
  const parts: WindowPart[] = [];
  const freeRanges = subtract(
    w.base,
    end,
    devices.map((d) => ({ start: d.addr, end: d.addr + d.size })),
  );
  const deviceParts: WindowPart[] = devices.map((d: PlacedDevice) => ({
    kind: d.driver,
    start: d.addr,
    end: d.addr + d.size,
    size: d.size,
    optionIndex: d.optionIndex,
    id: d.id,
    node: d.node,
    hotpluggable: false,
    sratEntries: sratRefs(layout, d.addr, d.addr + d.size),
  }));
  const freeParts: WindowPart[] = freeRanges.map((r) => ({
    kind: 'free',
    start: r.start,
    end: r.end,
    size: r.size,
    hotpluggable: false,
    sratEntries: sratRefs(layout, r.start, r.end),
  }));
  parts.push(...deviceParts, ...freeParts);
  parts.sort((a, b) => cmp(a.start, b.start));
  for (const p of parts) p.hotpluggable = p.sratEntries.some((e) => e.role === 'hotplug' && (e.flags & SRAT_MEM_HOTPLUGGABLE) !== 0);

  const spm = devices.filter((d) => d.driver === 'sp-mem');
  const hotpluggableRanges = subtract(
    w.base,
    end,
    spm.map((d) => ({ start: d.addr, end: d.addr + d.size })),
  );
  const freeTotal = freeRanges.reduce((s, r) => s + r.size, 0n);
  const hpTotal = hotpluggableRanges.reduce((s, r) => s + r.size, 0n);
  const lf = largest(freeRanges);
  const lh = largest(hotpluggableRanges);
  const used = layout.devices.reduce((s, d) => s + d.size, 0n);
  const capacity = layout.ram.maxmem - layout.ram.ramSize;
  const windowEntries = (layout.srat?.entries ?? []).filter(
    (e) => e.type === 'memory' && (e.role === 'hotplug' || e.role === 'sp-mem'),
  ).length;
  const nvdimmEntries = (layout.srat?.entries ?? []).filter((e) => e.type === 'memory' && e.role === 'nvdimm').length;
  const figures: WindowFigures = {
    base: w.base,
    size: w.size,
    end,
    capacity,
    used,
    capacityLeft: capacity > used ? capacity - used : 0n,
    slots: layout.ram.slots,
    freeSlots: layout.ram.slots - layout.devices.filter((d) => d.slot !== null).length,
    hotpluggableFree: freeTotal,
    freeRanges,
    largestFree: lf,
    largestFreeHex: hex(lf?.size ?? 0n),
    hotpluggableRanges,
    largestHotpluggable: lh,
    largestHotpluggableHex: hex(lh?.size ?? 0n),
    fragmentation: ratio(lf?.size ?? 0n, freeTotal),
    hotplugFragmentation: ratio(lh?.size ?? 0n, hpTotal),
    definitions: {
      fragmentation: FRAGMENTATION_DEFINITION,
      hotplugFragmentation: HOTPLUG_FRAGMENTATION_DEFINITION,
      sratEntries: SRAT_ENTRIES_DEFINITION,
    },
    sratEntries: layout.srat ? windowEntries : 0,
    sratEntriesWithoutSpMem: layout.srat ? 1 : 0,
    nvdimmEntries,
    largestDimm: {
      ram2M: largestDimmFit(layout, 2n * MiB, '2 MiB alignment (memory-backend-ram)', qemuVersion),
      huge1G: largestDimmFit(layout, GiB, '1 GiB alignment (1 GiB huge pages)', qemuVersion),
    },
  };
  const notes: string[] = [];
  if (!layout.srat) notes.push('The machine has no SRAT (no NUMA node), so the window costs no SRAT entries.');
  if (figures.freeSlots <= 0 && layout.ram.slots > 0) notes.push('All DIMM slots are taken: no further pc-dimm fits, whatever the free space.');
  if (layout.ram.slots === 0) notes.push('slots=0: pc-dimm and nvdimm need a slot; only sp-mem (which takes none) can be added.');
  const usable = hotpluggableRanges.filter((r) => r.size >= LINUX_MEMORY_BLOCK);
  return { figures, parts, fragmentedBySpMem: usable.length > 1, notes, sources };
}

// ---------------------------------------------------------------------------------------------------------------
// the advisor

export interface ProposalChange {
  optionIndex: number;
  what: 'move' | 'drop-addr' | 'set-addr';
  text: string;
}

export interface AddressMove {
  id: string | null;
  driver: PlacedDevice['driver'];
  from: bigint;
  to: bigint;
}

export interface LayoutProposal {
  /** does an sp-mem split the hotpluggable area? */
  needed: boolean;
  reason: string;
  /** the proposed document (accepted by computeMachine), or null */
  doc: ConfigDocument | null;
  /** its QEMU arguments */
  args: string[] | null;
  changes: ProposalChange[];
  /** devices whose guest-physical address changes */
  moves: AddressMove[];
  before: WindowFigures | null;
  after: WindowFigures | null;
  warnings: string[];
  sources: SourceRef[];
}

function label(o: MemoryDeviceOption): string {
  return `${o.driver}${o.id !== undefined ? ` ${o.id}` : ''}`;
}

/** Build one variant: sp-mem devices before the first memory device, without addr=; optionally DIMMs without addr= too. */
function variant(doc: ConfigDocument, dropDimmAddr: boolean): { doc: ConfigDocument; changes: ProposalChange[] } {
  const next = cloneDocument(doc);
  const changes: ProposalChange[] = [];
  const devIdx = next.options.map((o, i) => (o.kind === 'device' ? i : -1)).filter((i) => i >= 0);
  const spIdx = devIdx.filter((i) => (next.options[i] as MemoryDeviceOption).driver === 'sp-mem');
  const strip = (o: MemoryDeviceOption) => {
    delete o.addr;
    delete o.text;
  };
  for (const i of devIdx) {
    const o = next.options[i] as MemoryDeviceOption;
    if (o.addr !== undefined && (o.driver === 'sp-mem' || dropDimmAddr)) {
      changes.push({ optionIndex: i, what: 'drop-addr', text: `drop addr=${o.addr} from -device ${label(o)}` });
      strip(o);
    }
  }
  const firstNonSp = devIdx.find((i) => !spIdx.includes(i));
  if (firstNonSp !== undefined) {
    for (const i of spIdx.filter((i) => i > firstNonSp)) {
      changes.push({ optionIndex: i, what: 'move', text: `move -device ${label(next.options[i] as MemoryDeviceOption)} before the DIMMs (sp-mem first, DIMMs on top)` });
    }
    // an sp-mem moves together with its backend when that -object sits right before it; the group goes before the
    // first other memory device (and before that device's own -object when it sits right before it)
    const backendBefore = (i: number): number | null => {
      const d = next.options[i] as MemoryDeviceOption;
      const prev = next.options[i - 1];
      return prev && prev.kind === 'object' && prev.id === d.memdev ? i - 1 : null;
    };
    const moved: number[] = [];
    for (const j of spIdx) {
      const b = backendBefore(j);
      if (b !== null && !devIdx.includes(b)) moved.push(b);
      moved.push(j);
    }
    const anchorObj = backendBefore(firstNonSp);
    const anchor = anchorObj !== null && !moved.includes(anchorObj) ? anchorObj : firstNonSp;
    const reordered: typeof next.options = [];
    next.options.forEach((o, i) => {
      if (i === anchor) reordered.push(...moved.map((j) => next.options[j]!));
      if (!moved.includes(i)) reordered.push(o);
    });
    next.options = reordered;
  }
  return { doc: next, changes };
}

/**
 * Packing sp-mem first can make ranges on different nodes touch, which Linux merges into one dax device on the
 * first node. Give every sp-mem after such a neighbour an explicit address one alignment step further. Returns
 * whether the variant changed.
 */
function separateTouchingSpMem(v: { doc: ConfigDocument; changes: ProposalChange[] }, layout: MachineLayout): boolean {
  const sp = layout.devices.filter((d) => d.driver === 'sp-mem').sort((a, b) => (a.addr < b.addr ? -1 : a.addr > b.addr ? 1 : 0));
  let changed = false;
  let prevEnd: bigint | null = null;
  let prevNode: number | null = null;
  let shift = 0n;
  for (const d of sp) {
    let addr = d.addr + shift;
    if (prevEnd !== null && addr <= prevEnd && prevNode !== d.node) {
      const next = alignUp(prevEnd, d.align) + d.align;
      shift += next - addr;
      addr = next;
    }
    if (addr !== d.addr) {
      const i = v.doc.options.findIndex((o) => o.kind === 'device' && o.driver === 'sp-mem' && (d.id !== null ? o.id === d.id : o.memdev === d.memdev));
      const o = v.doc.options[i] as MemoryDeviceOption | undefined;
      if (o) {
        // options are values: replace, never mutate one the core has already seen (it caches per option object)
        const { text: _text, ...rest } = o;
        v.doc.options[i] = { ...rest, addr: hex(addr) };
        v.changes.push({ optionIndex: i, what: 'set-addr', text: `set addr=${hex(addr)} on -device ${label(o)} so that it does not touch the sp-mem below it (Linux would merge them)` });
        changed = true;
      }
    }
    prevEnd = addr + d.size;
    prevNode = d.node;
  }
  return changed;
}

function score(f: WindowFigures): [bigint, bigint] {
  return [f.largestHotpluggable?.size ?? 0n, f.largestFree?.size ?? 0n];
}

function better(a: WindowFigures, b: WindowFigures): boolean {
  const [a1, a2] = score(a);
  const [b1, b2] = score(b);
  return a1 > b1 || (a1 === b1 && a2 > b2);
}

/**
 * Propose a layout with the sp-mem devices first and the DIMMs on top. The proposal reorders the -device options
 * (sp-mem before the first other memory device) and drops addr= from sp-mem devices; when that is not enough (a
 * DIMM pinned with addr= still splits the space, or conflicts) it also drops addr= from the DIMMs. Returns the
 * variant with the largest hotpluggable range (then the largest free range) that computeMachine accepts.
 */
export function proposeWindowLayout(doc: ConfigDocument, qemuVersion: QemuVersion = '11.1'): LayoutProposal {
  const sources = [SRC.seedFragment, SRC.qemuUmbrella, SRC.qemuPlacement];
  const base = computeMachine(doc, { qemuVersion });
  const none = (needed: boolean, reason: string, before: WindowFigures | null): LayoutProposal => ({
    needed,
    reason,
    doc: null,
    args: null,
    changes: [],
    moves: [],
    before,
    after: null,
    warnings: [],
    sources,
  });
  if (!base.layout) return none(false, `QEMU rejects the configuration: ${base.error?.message ?? ''}`, null);
  const insp = inspectWindow(base.layout, qemuVersion);
  if (!insp.figures) return none(false, 'No hotplug window.', null);
  if (!insp.fragmentedBySpMem) {
    const small = insp.figures.hotpluggableRanges.filter((r) => r.size < LINUX_MEMORY_BLOCK).length;
    return none(
      false,
      small > 0
        ? `No sp-mem sits between hotpluggable ranges of at least one Linux memory block (128 MiB); ${small === 1 ? 'the 1 range' : `the ${small} ranges`} smaller than that cannot take hot-added memory and do not count.`
        : 'No sp-mem sits between hotpluggable ranges: the hotpluggable area is one range.',
      insp.figures,
    );
  }
  let best: { doc: ConfigDocument; changes: ProposalChange[]; figures: WindowFigures; layout: NonNullable<typeof base.layout> } | null = null;
  for (const dropDimmAddr of [false, true]) {
    const v = variant(doc, dropDimmAddr);
    let r = computeMachine(v.doc, { qemuVersion });
    if (!r.layout) continue;
    if (separateTouchingSpMem(v, r.layout)) r = computeMachine(v.doc, { qemuVersion });
    if (!r.layout) continue;
    const f = inspectWindow(r.layout, qemuVersion).figures!;
    if (!better(f, insp.figures)) continue;
    if (!best || better(f, best.figures)) best = { doc: v.doc, changes: v.changes, figures: f, layout: r.layout };
  }
  if (!best) {
    return none(true, 'An sp-mem splits the hotpluggable area, but no reordering QEMU accepts improves it (check addr= and backend alignments by hand).', insp.figures);
  }
  const moves: AddressMove[] = [];
  for (const d of base.layout.devices) {
    const key = d.id ?? null;
    const after = best.layout.devices.find((x) => (key !== null ? x.id === key : x.memdev === d.memdev));
    if (after && after.addr !== d.addr) moves.push({ id: d.id, driver: d.driver, from: d.addr, to: after.addr });
  }
  const warnings: string[] = [];
  if (moves.length) {
    warnings.push(
      'Guest-physical addresses change (' +
        moves.map((m) => `${m.driver} ${m.id ?? '(unnamed)'}: ${hex(m.from)} → ${hex(m.to)}`).join(', ') +
        '): a migration target must use the same command line, and a guest driver that hard-codes an address must follow.',
    );
  }
  const lhBefore = insp.figures.largestHotpluggable?.size ?? 0n;
  const lhAfter = best.figures.largestHotpluggable?.size ?? 0n;
  return {
    needed: true,
    reason: `An sp-mem splits the hotpluggable area into ${insp.figures.hotpluggableRanges.length} ranges; with sp-mem first and the DIMMs on top the largest hotpluggable range grows from ${hex(lhBefore)} to ${hex(lhAfter)}.`,
    doc: best.doc,
    args: formatQemuArgs(best.doc),
    changes: best.changes,
    moves,
    before: insp.figures,
    after: best.figures,
    warnings,
    sources,
  };
}
