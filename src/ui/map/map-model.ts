/**
 * What the map draws, derived from a machine layout: the machine-wide regions of the address space (low RAM, the
 * 640K hole, the 32-bit PCI hole, RAM above 4 GiB, the hotplug window, the 64-bit PCI hole, the AMD
 * HyperTransport hole, anything above 1 TiB), each node's RAM ranges, the memory devices, the free parts of the
 * hotplug window, and the break points of the piecewise axis.
 */
import type { MachineLayoutView as MachineLayout, PlacedDevice } from '../../core/machine/index.ts';
import { E820_RESERVED } from '../../core/machine/index.ts';
import { GiB, TiB } from '../../core/base/index.ts';

/** QEMU's HOLE_640K_START / HOLE_640K_END (hw/i386/acpi-build.c) */
export const HOLE_640K_START = 0xa0000n;
export const HOLE_640K_END = 0x100000n;
/** 4 GiB: the end of the 32-bit PCI hole */
export const FOUR_GIB = 4n * GiB;
/** AMD_HT_START / AMD_HT_END (hw/i386/pc.c): 1012 GiB to 1 TiB */
export const AMD_HT_START = 0xfd_0000_0000n;
export const AMD_HT_END = TiB;

export type RegionKind =
  | 'ram'
  | 'hole-640k'
  | 'pci-hole'
  | 'align-gap'
  | 'window'
  | 'pci-hole64'
  | 'amd-ht'
  | 'reserved'
  | 'unused';

export interface MapRegion {
  kind: RegionKind;
  start: bigint;
  /** exclusive */
  end: bigint;
  label: string;
  /** a short explanation for the tooltip */
  detail: string;
}

export type BlockKind = 'ram' | 'sp-mem' | 'pc-dimm' | 'nvdimm';

export interface RamBlock {
  node: number;
  start: bigint;
  end: bigint;
  /** index in layout.ramRanges */
  index: number;
}

export interface DeviceBlock {
  optionIndex: number;
  /** the device id, or null for an unnamed device */
  id: string | null;
  /** the block's test id and DOM key: the device id, or `#<option index>` */
  key: string;
  driver: PlacedDevice['driver'];
  node: number;
  start: bigint;
  end: bigint;
  size: bigint;
  backendSize: bigint;
  memdev: string;
  align: bigint;
  explicitAddr: boolean;
  slot: number | null;
}

export interface FreeRange {
  start: bigint;
  end: bigint;
}

export interface MapModel {
  domainStart: bigint;
  domainEnd: bigint;
  regions: MapRegion[];
  ram: RamBlock[];
  devices: DeviceBlock[];
  windowFree: FreeRange[];
  window: { start: bigint; end: bigint } | null;
  nodeIds: number[];
  breakpoints: bigint[];
}

function roundUp(v: bigint, a: bigint): bigint {
  return ((v + a - 1n) / a) * a;
}

const above1T = (start: bigint): string => (start >= TiB ? ' (above 1 TiB)' : '');

/** Key of a device block: its id, or `#<option index>` when it has none. */
export function deviceKey(d: Pick<PlacedDevice, 'id' | 'optionIndex'>): string {
  return d.id ?? `#${d.optionIndex}`;
}

/** Free parts of [start, end) after removing the used ranges. */
export function freeRanges(start: bigint, end: bigint, used: ReadonlyArray<{ start: bigint; end: bigint }>): FreeRange[] {
  const sorted = [...used].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  const out: FreeRange[] = [];
  let cursor = start;
  for (const u of sorted) {
    if (u.end <= cursor) continue;
    if (u.start >= end) break;
    if (u.start > cursor) out.push({ start: cursor, end: u.start });
    if (u.end > cursor) cursor = u.end;
  }
  if (cursor < end) out.push({ start: cursor, end });
  return out;
}

/** The machine-wide regions, in address order, without overlaps, gaps filled with `unused`. */
export function computeRegions(layout: MachineLayout): MapRegion[] {
  const { ram, window, machine } = layout;
  const wanted: MapRegion[] = [];
  const below = ram.below4g;
  if (below > 0n) {
    wanted.push({
      kind: 'ram',
      start: 0n,
      end: below < HOLE_640K_START ? below : HOLE_640K_START,
      label: 'Low RAM',
      detail: 'RAM below 640 KiB (conventional memory)',
    });
  }
  wanted.push({
    kind: 'hole-640k',
    start: HOLE_640K_START,
    end: HOLE_640K_END,
    label: '640K hole',
    detail: 'VGA window and option ROMs: left out of the SRAT node ranges; in etc/e820 it is part of the first RAM entry',
  });
  if (below > HOLE_640K_END) {
    wanted.push({ kind: 'ram', start: HOLE_640K_END, end: below, label: 'Low RAM', detail: 'RAM below 4 GiB' });
  }
  wanted.push({
    kind: 'pci-hole',
    start: below > HOLE_640K_END ? below : HOLE_640K_END,
    end: FOUR_GIB,
    label: '32-bit PCI hole',
    detail: 'MMIO below 4 GiB (PCI BARs, MMCONFIG, LAPIC, IOAPIC, BIOS ROM)',
  });
  const aboveStart = ram.above4gStart;
  const aboveEnd = aboveStart + ram.above4g;
  if (ram.above4g > 0n) {
    wanted.push({
      kind: 'ram',
      start: aboveStart,
      end: aboveEnd,
      label: ram.relocatedTo1T ? 'RAM above 1 TiB' : 'RAM above 4 GiB',
      detail: ram.relocatedTo1T
        ? 'RAM above 4 GiB, moved to 1 TiB because the machine reached the AMD HyperTransport hole'
        : 'RAM above 4 GiB',
    });
  }
  let last = aboveEnd;
  if (window) {
    const wEnd = window.base + window.size;
    if (window.base > aboveEnd) {
      wanted.push({
        kind: 'align-gap',
        start: aboveEnd,
        end: window.base,
        label: 'alignment gap',
        detail: 'the hotplug window starts at the end of RAM rounded up to 1 GiB',
      });
    }
    wanted.push({
      kind: 'window',
      start: window.base,
      end: wEnd,
      label: 'Hotplug window' + above1T(window.base),
      detail: 'device_memory: (maxmem − RAM) + 1 GiB per slot; pc-dimm, nvdimm and sp-mem live here',
    });
    last = wEnd;
  }
  // the 64-bit PCI hole: from the end of RAM or device memory rounded to 1 GiB, pci-hole64-size long
  const hole64Start = roundUp(last, GiB);
  const size64 = machine.pciHole64Size;
  if (size64 > 0n && layout.maxUsedGpa + 1n === hole64Start + size64) {
    wanted.push({
      kind: 'pci-hole64',
      start: hole64Start,
      end: hole64Start + size64,
      label: '64-bit PCI hole' + above1T(hole64Start),
      detail: `MMIO above RAM and device memory (pci-hole64-size ${size64 / GiB} GiB); its end is the max used GPA checked against phys-bits`,
    });
  }
  if (ram.amdHtHole) {
    wanted.push({
      kind: 'amd-ht',
      start: AMD_HT_START,
      end: AMD_HT_END,
      label: 'AMD HT hole',
      detail: 'AMD HyperTransport reserved range 1012 GiB – 1 TiB (etc/e820 RESERVED)',
    });
  }
  for (const e of layout.e820) {
    if (e.type !== E820_RESERVED) continue;
    if (ram.amdHtHole && e.address === AMD_HT_START) continue;
    wanted.push({
      kind: 'reserved',
      start: e.address,
      end: e.address + e.length,
      label: 'reserved',
      detail: 'etc/e820 RESERVED',
    });
  }
  wanted.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  const out: MapRegion[] = [];
  let cursor = 0n;
  for (const r of wanted) {
    if (r.end <= r.start) continue;
    if (r.start < cursor) continue; // overlapping: the earlier one wins
    if (r.start > cursor) {
      out.push({ kind: 'unused', start: cursor, end: r.start, label: 'unused' + above1T(cursor), detail: 'nothing is mapped here' });
    }
    out.push(r);
    cursor = r.end;
  }
  return out;
}

/**
 * The block of a placed device. The client keeps the objects of unchanged devices from one result to the next
 * (worker/result-transfer.ts), so the block of an unchanged device is the very same object as before, and the
 * map redraws only the blocks that changed.
 */
const blocks = new WeakMap<PlacedDevice, DeviceBlock>();

function deviceBlock(d: PlacedDevice): DeviceBlock {
  let b = blocks.get(d);
  if (!b) {
    b = {
      optionIndex: d.optionIndex,
      id: d.id,
      key: deviceKey(d),
      driver: d.driver,
      node: d.node,
      start: d.addr,
      end: d.addr + d.size,
      size: d.size,
      backendSize: d.backendSize,
      memdev: d.memdev,
      align: d.align,
      explicitAddr: d.explicitAddr,
      slot: d.slot,
    };
    blocks.set(d, b);
  }
  return b;
}

type Span = { start: bigint; end: bigint };

/** whether two lists of ranges cover the same addresses, range by range */
function sameSpans(a: readonly Span[], b: readonly Span[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x !== y && (x.start !== y.start || x.end !== y.end)) return false;
  }
  return true;
}

/**
 * The last model computed. An edit that moves no address (a node, an id, a backend of the same size) leaves the
 * break points and the window's free ranges as they were: they are taken from it instead of sorting every
 * address again (a large design has ten thousand).
 */
let previous: MapModel | null = null;

export function computeMapModel(layout: MachineLayout): MapModel {
  const regions = computeRegions(layout);
  const ram: RamBlock[] = layout.ramRanges.map((r, index) => ({ node: r.node, start: r.base, end: r.base + r.size, index }));
  const devices: DeviceBlock[] = layout.devices.map(deviceBlock);
  const window = layout.window ? { start: layout.window.base, end: layout.window.base + layout.window.size } : null;
  const nodeIds = layout.nodes.map((n) => n.id);
  const p = previous;
  if (
    p &&
    (p.window === null ? window === null : window !== null && p.window.start === window.start && p.window.end === window.end) &&
    sameSpans(p.devices, devices) &&
    sameSpans(p.regions, regions) &&
    sameSpans(p.ram, ram)
  ) {
    return (previous = { domainStart: 0n, domainEnd: p.domainEnd, regions, ram, devices, windowFree: p.windowFree, window, nodeIds, breakpoints: p.breakpoints });
  }
  const windowFree = window ? freeRanges(window.start, window.end, devices) : [];
  let domainEnd = 0n;
  for (const r of regions) if (r.end > domainEnd) domainEnd = r.end;
  for (const d of devices) if (d.end > domainEnd) domainEnd = d.end;
  const points = new Set<bigint>([0n, domainEnd]);
  for (const r of regions) {
    points.add(r.start);
    points.add(r.end);
  }
  for (const r of ram) {
    points.add(r.start);
    points.add(r.end);
  }
  for (const d of devices) {
    points.add(d.start);
    points.add(d.end);
  }
  const breakpoints = [...points].filter((q) => q >= 0n && q <= domainEnd).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return (previous = { domainStart: 0n, domainEnd, regions, ram, devices, windowFree, window, nodeIds, breakpoints });
}
