/**
 * hw/core/machine.c `machine_run_board_init` for pc and q35: NUMA completed (numa.ts), the CPUs realized
 * (cpus.ts), then hw/i386/pc.c `pc_memory_init` — RAM below and above 4 GiB, the AMD HyperTransport hole, the
 * memory hotplug window (device memory) and the phys-bits check of the highest address used; under KVM, etc/e820
 * begins with the identity map's RESERVED entry (kvm_arch_init).
 */
import { QEMU_MESSAGES as M, U64_MAX, alignUp } from '../../base/index.ts';
import { E820_RAM, E820_RESERVED, type CpuTopology, type E820Entry, type NumaNode, type PossibleCpu } from '../results.ts';
import type { CpuIds } from '../cpu-topology.ts';
import { computeRamSplit, AMD_HT_END, AMD_HT_START, FOUR_GIB, type RamSplit } from '../ram-layout.ts';
import { computeMaxUsedGpa, computeWindowGeometry, MAX_RAM_SLOTS, type WindowGeometry } from '../hotplug-window.ts';
import type { MachineConfig } from './machine-options.ts';
import type { MemoryConfig } from './memory-options.ts';
import { x86CpusInit, type CpuConfig } from './cpus.ts';
import { numaCompleteConfiguration, numaFinishCpuInit, type NumaOptions } from './numa.ts';
import { qemuWarning, reject, type Ctx } from './context.ts';
import type { Accel } from './accel.ts';

/** KVM's identity map page and TSS (3 pages) at 0xfeffc000: one RESERVED etc/e820 entry of 16 KiB */
export const KVM_IDENTITY_MAP_ADDR = 0xfeffc000n;
export const KVM_IDENTITY_MAP_SIZE = 0x4000n;

export interface BoardInput {
  machine: MachineConfig;
  memory: MemoryConfig;
  cpu: CpuConfig;
  topology: CpuTopology;
  possible: readonly CpuIds[];
  numa: NumaOptions;
  /** the accelerator (accel.ts); TCG when omitted */
  accel?: Accel;
}

export interface Board {
  nodes: NumaNode[];
  possibleCpus: PossibleCpu[];
  memory: PcMemory;
}

export function machineRunBoardInit(ctx: Ctx, input: BoardInput): Board {
  const nodes = numaCompleteConfiguration(ctx, input.numa, input.memory, input.machine.compat);
  const possibleCpus = numaFinishCpuInit(ctx, nodes, input.possible, input.numa.cpuNode);
  // pc_init1 / pc_q35_init: the RAM split (and its warning) first, then the CPUs, then the memory map
  const split = ramSplit(ctx, input.machine, input.memory);
  x86CpusInit(ctx, input.cpu, input.topology, input.possible);
  const memory = pcMemoryInit(ctx, input.machine, input.memory, input.cpu, input.accel ?? 'tcg', split);
  return { nodes, possibleCpus, memory };
}

export interface PcMemory {
  split: RamSplit;
  /** 4 GiB, or 1 TiB after the AMD HT relocation */
  above4gStart: bigint;
  relocatedTo1T: boolean;
  amdHtHole: boolean;
  /** device memory, or null when the machine has none */
  window: WindowGeometry | null;
  maxUsedGpa: bigint;
  /** etc/e820 so far: the HT hole and the RAM */
  e820: E820Entry[];
}

/** How much RAM lies below 4 GiB, with QEMU's warning about it. */
function ramSplit(ctx: Ctx, machine: MachineConfig, memory: MemoryConfig): RamSplit {
  const split = computeRamSplit(machine.compat, memory.ramSize, machine.maxRamBelow4g);
  if (split.warning) qemuWarning(ctx, split.warning);
  return split;
}

export function pcMemoryInit(
  ctx: Ctx,
  machine: MachineConfig,
  memory: MemoryConfig,
  cpu: CpuConfig,
  accel: Accel = 'tcg',
  split: RamSplit = ramSplit(ctx, machine, memory),
): PcMemory {
  const { compat } = machine;
  const { ramSize, maxram, slots } = memory;
  const { physBits } = cpu;
  let above4gStart = FOUR_GIB;
  let window = computeWindowGeometry(compat, ramSize, maxram, slots, above4gStart + split.above4g);
  let relocatedTo1T = false;
  let amdHtHole = false;
  // pc_max_used_gpa: the highest address a 64-bit CPU may use; a 32-bit one's by the release's rule
  const maxUsedGpaOf = (w: typeof window, above4gEnd: bigint): bigint => {
    if (ctx.release.maxUsedGpa32 === 'phys-bits-32' ? physBits <= 32 : !cpu.longMode) {
      if (ctx.release.maxUsedGpa32 === 'long-mode' && compat.version[0] * 100 + compat.version[1] >= 802) {
        return (w ? w.base + w.size : above4gEnd) - 1n;
      }
      return (1n << BigInt(physBits)) - 1n;
    }
    return computeMaxUsedGpa(compat, w, above4gEnd);
  };
  if (cpu.vendor === 'AuthenticAMD' && compat.enforceAmd1tbHole) {
    if (maxUsedGpaOf(window, above4gStart + split.above4g) >= AMD_HT_START) {
      above4gStart = AMD_HT_END;
      relocatedTo1T = true;
      window = computeWindowGeometry(compat, ramSize, maxram, slots, above4gStart + split.above4g);
    }
    if (physBits >= 40) amdHtHole = true;
  }
  const maxUsedGpa = maxUsedGpaOf(window, above4gStart + split.above4g);
  // ((hwaddr)1 << phys_bits) - 1: x86 takes the shift count mod 64
  const physLimit = (1n << BigInt(physBits % 64)) - 1n;
  if (physLimit < maxUsedGpa) reject(ctx, 'memory/phys-bits', M.physBitsTooLow(physLimit, maxUsedGpa, physBits), null);
  const e820: E820Entry[] = [];
  // target/i386/kvm/kvm.c kvm_arch_init: the identity map and TSS pages, reserved before the board adds anything
  if (accel === 'kvm') e820.push({ address: KVM_IDENTITY_MAP_ADDR, length: KVM_IDENTITY_MAP_SIZE, type: E820_RESERVED });
  if (amdHtHole) e820.push({ address: AMD_HT_START, length: AMD_HT_END - AMD_HT_START, type: E820_RESERVED });
  e820.push({ address: 0n, length: split.below4g, type: E820_RAM });
  if (split.above4g > 0n) e820.push({ address: above4gStart, length: split.above4g, type: E820_RAM });
  if (!compat.hasReservedMemory && (slots > 0 || maxram > ramSize)) {
    reject(ctx, 'memory/slots', M.memoryHotplugUnsupported(machine.name), null);
  }
  if (window) {
    if (slots > MAX_RAM_SLOTS) reject(ctx, 'memory/slots', M.tooManySlots(slots), null, 'slots');
    if (alignUp(maxram, 4096n) !== maxram) reject(ctx, 'memory/maxmem', M.maxmemNotPageAligned(), null, 'maxmem');
    if (window.base + window.size > U64_MAX) reject(ctx, 'memory/maxmem', M.maxmemTooBig(maxram), null, 'maxmem');
  }
  return { split, above4gStart, relocatedTo1T, amdHtHole, window, maxUsedGpa, e820 };
}
