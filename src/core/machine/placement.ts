/**
 * Memory-device placement inside the hotplug window (QEMU hw/mem/memory-device.c, shared/docs/qemu-memory.md §3):
 * the alignment a device is placed with, the checks on an explicit `addr=`, and the first-fit walk over the
 * devices already plugged, sorted by address.
 */
import type { ErrorKind } from '../base/index.ts';
import type { QemuVersion } from './results.ts';
import { QEMU_MESSAGES as M, U64_MAX } from '../base/index.ts';
import { QEMU_RELEASES } from './qemu-versions.ts';

export interface PlacedRange {
  addr: bigint;
  size: bigint;
  /** QEMU's name for the device in messages: its id, or "(unnamed)" */
  label: string;
  /** addr + size, when the record carries it (PlugIndex's do) */
  end?: bigint;
}

/** The exclusive end of a range. */
function endOf(r: PlacedRange): bigint {
  return r.end ?? r.addr + r.size;
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
  return fail('placement/size-multiple', M.sizeNotMultiple(a), 'memdev');
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
  const { size, hint } = req;
  const align = placementAlign(req.regionAlign, req.minAlign, req.legacyAlign);
  const sizeFirst = QEMU_RELEASES[req.qemuVersion].sizeMultipleCheck === 'region-first';
  // addable: capacity
  const used = req.usedSize + size;
  if (used > req.capacity || used > U64_MAX) {
    return fail('placement/not-enough-space', M.notEnoughSpace(req.usedSize, req.capacity), 'memdev');
  }
  // newer releases check the size against the region alignment first; 7.2 checks it against the final
  // alignment after the address
  if (sizeFirst && size % req.regionAlign !== 0n) return sizeNotMultiple(req.regionAlign);
  const wStart = req.window.base;
  const warnings = wStart % align !== 0n ? [M.alignmentTooBig(align)] : NO_WARNINGS;
  if (hint !== null && hint % align !== 0n) return fail('placement/misaligned', M.addressMisaligned(align));
  if (!sizeFirst && size % align !== 0n) return sizeNotMultiple(align);
  const wEnd = wStart + req.window.size; // exclusive
  let start: bigint;
  let end: bigint; // exclusive
  if (hint !== null) {
    start = hint;
    end = hint + size;
    if (size === 0n || end > TWO_64 || hint < wStart || end > wEnd) {
      return fail('placement/out-of-range', M.addressOutOfRange(hint, size, wStart, req.window.size));
    }
    // plugged devices never overlap each other, so their ends are sorted too: the first one ending above the
    // hint is the only candidate for the first conflict in address order
    const d = req.plugged[firstEndingAbove(req.plugged, start)];
    if (d && d.addr < end) return fail('placement/overlap', M.addressConflict(d.label));
    return { ok: true, addr: start, align, warnings };
  }
  start = roundUp(wStart, align);
  end = start + size;
  if (size === 0n || end > TWO_64) return fail('placement/too-big', M.deviceTooBig(), 'memdev');
  // QEMU's walk moves the candidate past each device it overlaps, in address order; walking the union of the
  // plugged ranges gives the same address (adjacent devices merge, alignment rounding is monotonic)
  const runs = req.occupied ?? mergeRanges(req.plugged);
  for (let i = firstEndingAbove(runs, start); i < runs.length; i++) {
    const r = runs[i]!;
    if (r.addr >= end) break;
    const rEnd = endOf(r);
    if (start < rEnd) {
      const next = roundUp(rEnd, align);
      const nextEnd = next + size;
      if (next > U64_MAX || nextEnd > TWO_64) return fail('placement/fragmented', M.fragmented());
      start = next;
      end = nextEnd;
    }
  }
  if (start < wStart || end > wEnd) return fail('placement/fragmented', M.fragmented());
  return { ok: true, addr: start, align, warnings };
}

const NO_WARNINGS: string[] = Object.freeze([]) as unknown as string[];

/** 2^64: a range ending above it does not fit a 64-bit address space */
const TWO_64 = 1n << 64n;

/** alignUp, with one bigint operation when `v` is aligned already */
function roundUp(v: bigint, align: bigint): bigint {
  const rem = v % align;
  return rem === 0n ? v : v + (align - rem);
}

/** Index of the first range (sorted, non-overlapping) whose end lies above `addr`. */
function firstEndingAbove(ranges: readonly PlacedRange[], addr: bigint): number {
  let lo = 0;
  let hi = ranges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const r = ranges[mid]!;
    if (endOf(r) <= addr) lo = mid + 1;
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

/**
 * The plugged devices kept sorted by address, with their merged union, as devices are plugged one by one. Its
 * records carry their `end`.
 */
export class PlugIndex {
  readonly byAddr: PlacedRange[] = [];
  readonly occupied: PlacedRange[] = [];

  insert(device: PlacedRange): void {
    const r: PlacedRange = device.end === undefined ? { ...device, end: device.addr + device.size } : device;
    const list = this.byAddr;
    // devices placed automatically come in address order: appending is the common case
    const last = list[list.length - 1];
    if (last === undefined || last.addr <= r.addr) list.push(r);
    else list.splice(upperBound(list, r.addr), 0, r);
    const occ = this.occupied;
    const lastRun = occ[occ.length - 1];
    const i = lastRun === undefined || lastRun.addr <= r.addr ? occ.length : upperBound(occ, r.addr);
    const prev = occ[i - 1];
    const next = occ[i];
    let start = r.addr;
    let end = r.end!;
    if (prev && prev.end! >= start && next === undefined) {
      // the last run grows (the runs are this index's own records)
      if (prev.end! < end) {
        prev.size = end - prev.addr;
        prev.end = end;
      }
      return;
    }
    let from = i;
    let to = i;
    if (prev && prev.end! >= start) {
      start = prev.addr;
      if (prev.end! > end) end = prev.end!;
      from = i - 1;
    }
    if (next && next.addr <= end) {
      if (next.end! > end) end = next.end!;
      to = i + 1;
    }
    const run: PlacedRange = { addr: start, size: end - start, label: '', end };
    if (to - from === 1) occ[from] = run;
    else if (from === occ.length) occ.push(run);
    else occ.splice(from, to - from, run);
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
