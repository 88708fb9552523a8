/**
 * Memory-device placement inside the hotplug window (QEMU hw/mem/memory-device.c, shared/docs/qemu-memory.md §3):
 * the alignment a device is placed with, the checks on an explicit `addr=`, and the first-fit walk over the
 * devices already plugged, sorted by address.
 */
import type { ErrorKind } from './diagnostics.ts';
import type { QemuVersion } from './results.ts';
import { U64_MAX, alignUp, hex } from './qemu-numbers.ts';

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
  /** devices already plugged */
  plugged: readonly PlacedRange[];
  /** 7.2 legacy 4 KiB alignment on types without enforce_aligned_dimm */
  legacyAlign: bigint | null;
  qemuVersion: QemuVersion;
}

export type PlacementResult =
  | { ok: true; addr: bigint; align: bigint; warnings: string[] }
  | { ok: false; kind: ErrorKind; message: string; field: 'addr' | 'memdev' | 'size' };

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
  const sizeCheck = (): PlacementResult | null => {
    const a = old ? align : req.regionAlign;
    return req.size % a !== 0n ? fail('placement/size-multiple', `backend memory size must be multiple of ${hex(a)}`, 'memdev') : null;
  };
  if (!old) {
    const e = sizeCheck();
    if (e) return e;
  }
  if (req.window.base % align !== 0n) {
    warnings.push(
      `the alignment (${hex(align)}) exceeds the expected maximum alignment, memory will get fragmented and not all 'maxmem' might be usable for memory devices.`,
    );
  }
  if (req.hint !== null && req.hint % align !== 0n) {
    return fail('placement/misaligned', `address must be aligned to ${hex(align)} bytes`);
  }
  if (old) {
    const e = sizeCheck();
    if (e) return e;
  }
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
  const sorted = [...req.plugged].sort((a, b) => (a.addr < b.addr ? -1 : a.addr > b.addr ? 1 : 0));
  let empty = false;
  for (const d of sorted) {
    const dEnd = d.addr + d.size; // exclusive
    const cEnd = start + req.size;
    if (d.addr < cEnd && start < dEnd) {
      if (req.hint !== null) {
        return fail('placement/overlap', `address range conflicts with memory device id='${d.label}'`);
      }
      const next = alignUp(dEnd, align);
      if (next > U64_MAX || next + req.size - 1n > U64_MAX) {
        empty = true;
        break;
      }
      start = next;
    } else if (d.addr > cEnd - 1n) {
      break;
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
