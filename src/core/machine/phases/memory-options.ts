/**
 * softmmu/vl.c `set_memory_options`: -m read as the machine sees it — the RAM size (a number without a unit
 * is MiB; rounded up to 8 KiB), slots and maxmem — and their checks.
 */
import type { MemoryOption } from '../../document/index.ts';
import { MiB, QEMU_MESSAGES as M, alignUp, parseQemuSize, parseQemuUint } from '../../base/index.ts';
import { RAM_SIZE_ALIGN } from '../ram-layout.ts';
import { reject, type Ctx, type Indexed } from './context.ts';

/** QEMU's default RAM size */
export const DEFAULT_RAM_SIZE = 128n * MiB;

export interface MemoryConfig {
  ramSize: bigint;
  slots: number;
  /** maxmem, or the RAM size when not given */
  maxram: bigint;
}

export function setMemoryOptions(ctx: Ctx, memory: Indexed<MemoryOption> | undefined): MemoryConfig {
  let ramSize = DEFAULT_RAM_SIZE;
  let slots = 0;
  let maxmem: bigint | null = null;
  if (memory) {
    const m = memory.option;
    if (m.size !== undefined) {
      const v = parseQemuSize(/[0-9]$/.test(m.size) ? m.size + 'M' : m.size);
      if (v === null) reject(ctx, 'memory/ram-size', M.parameterExpectsSize('memory.size'), null, 'size');
      ramSize = v;
    }
    if (m.slots !== undefined) {
      const s = parseQemuUint(m.slots)!;
      slots = Number(s > 0xffffffffn ? 0xffffffffn : s);
    }
    if (m.maxmem !== undefined) maxmem = parseQemuSize(m.maxmem)!;
  }
  ramSize = alignUp(ramSize, RAM_SIZE_ALIGN);
  if (maxmem !== null) {
    if (maxmem < ramSize) reject(ctx, 'memory/maxmem', M.maxmemBelowRam(maxmem, ramSize), null, 'maxmem');
    if (slots > 0 && maxmem === ramSize) reject(ctx, 'memory/maxmem', M.maxmemEqualsRamWithSlots(maxmem, ramSize), null, 'maxmem');
  } else if (memory?.option.slots !== undefined && slots > 0) {
    reject(ctx, 'memory/slots', M.slotsWithoutMaxmem(), null, 'slots');
  }
  return { ramSize, slots, maxram: maxmem ?? ramSize };
}
