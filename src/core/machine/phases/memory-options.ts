/**
 * softmmu/vl.c `set_memory_options`: -m read as the machine sees it — the RAM size (a number without a unit
 * is MiB; rounded up to 8 KiB), slots and maxmem — and their checks.
 */
import type { MemoryOption } from '../../document/index.ts';
import { MiB, QEMU_MESSAGES as M, alignUp, parseQemuSize, parseQemuUint } from '../../base/index.ts';
import { RAM_SIZE_ALIGN } from '../ram-layout.ts';
import { qemuWarning, reject, type Ctx, type Indexed } from './context.ts';
import { machineConfigOf } from './machine-options.ts';
import type { Backend } from './backends.ts';

/** QEMU's default RAM size */
export const DEFAULT_RAM_SIZE = 128n * MiB;

export interface MemoryConfig {
  ramSize: bigint;
  slots: number;
  /** maxmem, or the RAM size when not given */
  maxram: bigint;
  /** -m gave the size (vl.c have_custom_ram_size); else a `-machine memory-backend` gives it */
  sizeGiven?: boolean;
  /** the backend `-machine memory-backend` names, once resolved */
  ramBackend?: Backend;
}

/** the memory config of a run: qemu_resolve_machine_memdev and the board read it back */
const MEMORY_OF = new WeakMap<Ctx, MemoryConfig>();

export function setMemoryOptions(ctx: Ctx, memory: Indexed<MemoryOption> | undefined): MemoryConfig {
  let ramSize = DEFAULT_RAM_SIZE;
  let slots = 0;
  let maxmem: bigint | null = null;
  if (memory) {
    const m = memory.option;
    if (m.size !== undefined) {
      const v = parseQemuSize(/[0-9]$/.test(m.size) ? m.size + 'M' : m.size);
      if (v === null) reject(ctx, 'memory/ram-size', M.parameterExpectsSize('memory.size'), null, 'size');
      // a size of 0 is the default size
      ramSize = v === 0n ? DEFAULT_RAM_SIZE : v;
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
  const config: MemoryConfig = { ramSize, slots, maxram: maxmem ?? ramSize, sizeGiven: memory?.option.size !== undefined };
  MEMORY_OF.set(ctx, config);
  warnDeprecatedMachine(ctx);
  return config;
}

/** vl.c, after the machine's options and -m are read: the warning for a deprecated machine type. */
function warnDeprecatedMachine(ctx: Ctx): void {
  const compat = machineConfigOf(ctx)?.compat;
  if (!compat) return;
  const { below, families, reason } = ctx.release.deprecatedMachines;
  const [maj, min] = compat.version;
  if (!families.includes(compat.family) || maj > below[0] || (maj === below[0] && min >= below[1])) return;
  qemuWarning(ctx, M.machineTypeDeprecated(compat.canonicalType, M[reason]()));
}

/**
 * softmmu/vl.c `qemu_resolve_machine_memdev` (after the late backends and the CPU model, before -numa): the
 * backend `-machine memory-backend` names; without a size from -m, the RAM is that backend's size (maxmem stays
 * as -m left it). The backend is then the machine's: no device may map it.
 */
export function resolveMachineMemdev(ctx: Ctx, backends: Map<string, Backend>): void {
  const machine = machineConfigOf(ctx);
  const memory = MEMORY_OF.get(ctx);
  const id = machine?.ramMemdev;
  if (!memory || id === undefined) return;
  // object_resolve_path_type: a partial path; an empty one is the one memory backend there is, if only one
  const unmodelled = unmodelledObjectIds(ctx);
  const b = id === '' ? (backends.size === 1 && unmodelled.size === 0 ? [...backends.values()][0] : undefined) : backends.get(id);
  if (!b) {
    if (id === '' ? unmodelled.size > 0 && backends.size === 0 : unmodelled.has(id)) {
      reject(ctx, 'cmdline/unsupported', `The designer does not model the memory backend '${id}' as the machine's RAM (its type is not one the designer reads).`, null, 'memory-backend');
    }
    reject(ctx, 'machine/property', M.machineMemdevNotFound(id), null, 'memory-backend');
  }
  if (!memory.sizeGiven) memory.ramSize = b.size;
  b.usedBy = 'machine';
  memory.ramBackend = b;
}

/**
 * machine_run_board_init, first: the RAM backend is as large as the RAM (a size from -m must match it); with
 * NUMA nodes, numa.ts refuses the RAM backend beside their memdevs.
 */
export function checkMachineMemdev(ctx: Ctx, memory: MemoryConfig): void {
  const b = memory.ramBackend;
  if (b && b.size !== memory.ramSize) reject(ctx, 'memory/ram-size', M.machineMemdevSizeMismatch(), null, 'size');
}

/** the ids of the memory backends among the -object options the designer keeps verbatim */
function unmodelledObjectIds(ctx: Ctx): Set<string> {
  const ids = new Set<string>();
  for (const o of ctx.doc.options) {
    if (o.kind !== 'raw' || (o.args[0] !== '-object' && o.args[0] !== '--object')) continue;
    if (!/^memory-backend-|(?:^|,)qom-type=memory-backend-|"qom-type"\s*:\s*"memory-backend-/.test(o.args[1] ?? '')) continue;
    const m = /(?:^|,)id=([^,]*)/.exec(o.args[1] ?? '') ?? /"id"\s*:\s*"([^"]*)"/.exec(o.args[1] ?? '');
    if (m) ids.add(m[1]!);
  }
  return ids;
}
