/**
 * RAM split below/above 4 GiB and the AMD HyperTransport hole (shared/docs/qemu-memory.md §1.2–§1.4).
 */
import type { MachineCompat } from './machine-types.ts';
import { GiB, QEMU_MESSAGES as M, TiB } from '../base/index.ts';

/** QEMU's default max-ram-below-4g for pc: 3.5 GiB */
export const PC_DEFAULT_LOWMEM = 0xe000_0000n;
/** pc clamps low RAM to 3 GiB when RAM does not fit below the limit */
export const PC_GIGABYTE_LOWMEM = 0xc000_0000n;
/** q35: RAM ≥ 2.75 GiB puts 2 GiB below 4G */
export const Q35_LOWMEM_THRESHOLD = 0xb000_0000n;
export const Q35_BIG_LOWMEM = 0x8000_0000n;
export const FOUR_GIB = 4n * GiB;
/** AMD_HT_START: 1012 GiB */
export const AMD_HT_START = 0xfd_0000_0000n;
export const AMD_HT_END = TiB;
/** QEMU rounds -m up to 8 KiB */
export const RAM_SIZE_ALIGN = 8192n;

export interface RamSplit {
  below4g: bigint;
  above4g: bigint;
  /** QEMU's warning text, if it prints one */
  warning: string | null;
}

/** `pc_init1` (pc) / `pc_q35_init` (q35): how much RAM lies below 4 GiB. `mrb4g` 0 means unset. */
export function computeRamSplit(compat: MachineCompat, ram: bigint, mrb4g: bigint): RamSplit {
  let lowmem: bigint;
  let warning: string | null = null;
  if (compat.family === 'pc') {
    const limit = mrb4g === 0n ? PC_DEFAULT_LOWMEM : mrb4g;
    lowmem = limit;
    if (ram >= limit && compat.gigabyteAlign) {
      if (lowmem > PC_GIGABYTE_LOWMEM) lowmem = PC_GIGABYTE_LOWMEM;
      if (lowmem % GiB !== 0n) {
        warning = M.pcLowmemNotGigabyte(lowmem);
      }
    }
  } else {
    lowmem = ram >= Q35_LOWMEM_THRESHOLD ? Q35_BIG_LOWMEM : Q35_LOWMEM_THRESHOLD;
    const limit = mrb4g === 0n ? FOUR_GIB : mrb4g;
    if (lowmem > limit) {
      lowmem = limit;
      // (QEMU's ram_addr_t subtraction is unsigned: RAM below the limit wraps around, and it warns then too)
      if (BigInt.asUintN(64, ram - lowmem) > lowmem && lowmem % GiB !== 0n) {
        warning = M.q35LowmemPoorPerformance(ram, limit);
      }
    }
  }
  if (ram >= lowmem) return { below4g: lowmem, above4g: ram - lowmem, warning };
  return { below4g: ram, above4g: 0n, warning };
}
