/**
 * Memory-device placement inside the hotplug window (QEMU hw/mem/memory-device.c, shared/docs/qemu-memory.md §3):
 * the alignment a device is placed with, the checks on an explicit `addr=`, and the first-fit walk over the
 * devices already plugged, sorted by address.
 */
import type { ErrorKind } from '../base/index.ts';
import type { QemuVersion } from './results.ts';
import { U64_MAX, alignUp, hex } from '../base/index.ts';

export interface PlacedRange {
  addr: bigint;
  size: bigint;
  /** QEMU's name for the device in messages: its id, or "(unnamed)" */
  label: string;
}

export interface PlacementRequest {
  window: { base: bigint; size: bigint };
  /** the address asked for with addr=, or null for automatic placement */
  hint: bigint | null;
  size: bigint;
  /** region alignment of the backend */
  regionAlign: bigint;
  /** device minimum alignment (none for pc-dimm, nvdimm, sp-mem) */
  minAlign: bigint;
  /** space already used by plugged memory devices */
  usedSize: bigint;
  /** maxmem − ram */
  capacity: bigint;
  /** devices already plugged, sorted by address (QEMU walks them in address order) */
  plugged: readonly PlacedRange[];
  /** the union of the plugged ranges, sorted (computed from `plugged` when absent) */
  occupied?: readonly PlacedRange[];
  /** 7.2 legacy 4 KiB alignment on types without enforce_aligned_dimm */
  legacyAlign: bigint | null;
  qemuVersion: QemuVersion;
}

export type PlacementResult =
  | { ok: true; addr: bigint; align: bigint; warnings: string[] }
  | { ok: false; kind: ErrorKind; message: string; field: 'addr' | 'memdev' | 'size' };

function sizeNotMultiple(a: bigint): PlacementResult {
  return fail('placement/size-multiple', `backend memory size must be multiple of ${hex(a)}`, 'memdev');
}

function fail(kind: ErrorKind, message: string, field: 'addr' | 'memdev' | 'size' = 'addr'): PlacementResult {
  return { ok: false, kind, message, field };
}

/** The alignment QEMU places a device with. */
export function placementAlign(regionAlign: bigint, minAlign: bigint, legacyAlign: bigint | null): bigint {
  if (legacyAlign !== null) return legacyAlign;
  return regionAlign > minAlign ? regionAlign : minAlign;
}

/**
 * Place one device, in QEMU's order of checks (11.1 / 10.x; 7.2 checks the address alignment before the size
 * multiple). `window` must exist (the caller reports a missing window).
 */
export function placeMemoryDevice(req: PlacementRequest): PlacementResult {
  const warnings: string[] = [];
  const align = placementAlign(req.regionAlign, req.minAlign, req.legacyAlign);
  const old = req.qemuVersion === '7.2';
  // addable: capacity
  if (req.usedSize + req.size > req.capacity || req.usedSize + req.size > U64_MAX) {
    return fail(
      'placement/not-enough-space',
      `not enough space, currently ${hex(req.usedSize)} in use of total space for memory devices ${hex(req.capacity)}`,
      'memdev',
    );
  }
  // 11.1 checks the size against the region alignment first; 7.2 checks it against the final alignment after
  // the address
  if (!old && req.size % req.regionAlign !== 0n) return sizeNotMultiple(req.regionAlign);
  if (req.window.base % align !== 0n) {
    warnings.push(
      `the alignment (${hex(align)}) exceeds the expected maximum alignment, memory will get fragmented and not all 'maxmem' might be usable for memory devices.`,
    );
  }
  if (req.hint !== null && req.hint % align !== 0n) {
    return fail('placement/misaligned', `address must be aligned to ${hex(align)} bytes`);
  }
  if (old && req.size % align !== 0n) return sizeNotMultiple(align);
  const wStart = req.window.base;
  const wEnd = req.window.base + req.window.size; // exclusive
  let start: bigint;
  if (req.hint !== null) {
    const end = req.hint + req.size;
    if (req.size === 0n || end - 1n > U64_MAX || req.hint < wStart || end > wEnd) {
      return fail(
        'placement/out-of-range',
        `can't add memory device [${hex(req.hint)}:${hex(req.size)}], usable range for memory devices [${hex(wStart)}:${hex(req.window.size)}]`,
      );
    }
    start = req.hint;
  } else {
    start = alignUp(wStart, align);
    if (req.size === 0n || start + req.size - 1n > U64_MAX) return fail('placement/too-big', "can't add memory device, device too big", 'memdev');
  }
  let empty = false;
  if (req.hint !== null) {
    // plugged devices never overlap each other, so their ends are sorted too: the first one ending above the
    // hint is the only candidate for the first conflict in address order
    const i = firstEndingAbove(req.plugged, start);
    const d = req.plugged[i];
    if (d && d.addr < start + req.size) {
      return fail('placement/overlap', `address range conflicts with memory device id='${d.label}'`);
    }
  } else {
    // QEMU's walk moves the candidate past each device it overlaps, in address order; walking the union of the
    // plugged ranges gives the same address (adjacent devices merge, alignment rounding is monotonic)
    const runs = req.occupied ?? mergeRanges(req.plugged);
    for (let i = firstEndingAbove(runs, start); i < runs.length; i++) {
      const r = runs[i]!;
      const rEnd = r.addr + r.size;
      if (r.addr < start + req.size && start < rEnd) {
        const next = alignUp(rEnd, align);
        if (next > U64_MAX || next + req.size - 1n > U64_MAX) {
          empty = true;
          break;
        }
        start = next;
      } else if (r.addr >= start + req.size) {
        break;
      }
    }
  }
  if (empty || start < wStart || start + req.size > wEnd) {
    return fail(
      'placement/fragmented',
      'could not find position in guest address space for memory device - memory fragmented due to alignments',
    );
  }
  return { ok: true, addr: start, align, warnings };
}

/** Index of the first range (sorted, non-overlapping) whose end lies above `addr`. */
function firstEndingAbove(ranges: readonly PlacedRange[], addr: bigint): number {
  let lo = 0;
  let hi = ranges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const r = ranges[mid]!;
    if (r.addr + r.size <= addr) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Sorted, non-overlapping ranges merged where they touch. */
export function mergeRanges(sorted: readonly PlacedRange[]): PlacedRange[] {
  const out: PlacedRange[] = [];
  for (const r of sorted) {
    const last = out.at(-1);
    if (last && last.addr + last.size >= r.addr) {
      const end = r.addr + r.size > last.addr + last.size ? r.addr + r.size : last.addr + last.size;
      out[out.length - 1] = { addr: last.addr, size: end - last.addr, label: '' };
    } else out.push({ ...r });
  }
  return out;
}

/** The plugged devices kept sorted by address, with their merged union, as devices are plugged one by one. */
export class PlugIndex {
  readonly byAddr: PlacedRange[] = [];
  readonly occupied: PlacedRange[] = [];

  insert(r: PlacedRange): void {
    this.byAddr.splice(upperBound(this.byAddr, r.addr), 0, r);
    const i = upperBound(this.occupied, r.addr);
    const prev = this.occupied[i - 1];
    const next = this.occupied[i];
    let start = r.addr;
    let end = r.addr + r.size;
    let from = i;
    let to = i;
    if (prev && prev.addr + prev.size >= start) {
      start = prev.addr;
      if (prev.addr + prev.size > end) end = prev.addr + prev.size;
      from = i - 1;
    }
    if (next && next.addr <= end) {
      if (next.addr + next.size > end) end = next.addr + next.size;
      to = i + 1;
    }
    this.occupied.splice(from, to - from, { addr: start, size: end - start, label: '' });
  }
}

function upperBound(list: readonly PlacedRange[], addr: bigint): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]!.addr <= addr) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
