/**
 * The memory hotplug window (`device_memory`): where it starts, how big it is, `etc/reserved-memory-end`, and the
 * max-used-GPA figure QEMU checks against phys-bits (shared/docs/qemu-memory.md §2).
 */
import type { MachineCompat } from './machine-types.ts';
import { GiB, U64_MAX, alignUp } from '../base/index.ts';

/** ACPI_MAX_RAM_SLOTS */
export const MAX_RAM_SLOTS = 256;

export interface WindowGeometry {
  base: bigint;
  size: bigint;
}

/** Base and size of the window for RAM ending at `above4gEnd`; null when QEMU makes none. */
export function computeWindowGeometry(
  compat: MachineCompat,
  ram: bigint,
  maxmem: bigint,
  slots: number,
  above4gEnd: bigint,
): WindowGeometry | null {
  if (!compat.hasReservedMemory || !(ram < maxmem)) return null;
  const base = alignUp(above4gEnd, GiB);
  let size = maxmem - ram;
  if (compat.enforceAlignedDimm) size += BigInt(slots) * GiB;
  return { base, size };
}

/** `etc/reserved-memory-end`: the window's end rounded up to 1 GiB (the base only on broken-reserved-end types). */
export function reservedMemoryEnd(compat: MachineCompat, w: WindowGeometry): bigint {
  return alignUp(compat.brokenReservedEnd ? w.base : w.base + w.size, GiB);
}

/** max used GPA (inclusive) for a 64-bit CPU: round_up(window end or RAM end, 1 GiB) + pci-hole64-size − 1. */
export function computeMaxUsedGpa(
  compat: MachineCompat,
  window: WindowGeometry | null,
  above4gEnd: bigint,
): bigint {
  let x: bigint;
  if (window) x = compat.brokenReservedEnd ? window.base : window.base + window.size;
  else x = above4gEnd;
  const v = alignUp(x, GiB) + compat.pciHole64Size - 1n;
  return v > U64_MAX ? U64_MAX : v;
}
