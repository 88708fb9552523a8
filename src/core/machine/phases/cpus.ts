/**
 * The CPUs: target/i386/cpu.c `parse_cpu_option` (the -cpu model and the properties the memory map depends on:
 * vendor, phys-bits, x2apic), then what `x86_cpus_init` / `x86_cpu_realizefn` refuse on the board (phys-bits
 * bounds, APIC IDs that need x2APIC).
 */
import type { CpuOption } from '../../document/index.ts';
import { QEMU_MESSAGES as M, parseQemuUint } from '../../base/index.ts';
import type { CpuTopology } from '../results.ts';
import type { CpuIds } from '../cpu-topology.ts';
import { lookupCpuModel, vendorFromString, type CpuVendor } from '../cpu-models.ts';
import { extraValue, parseBool, reject, type Ctx, type Indexed } from './context.ts';

/** TCG's default phys-bits (TCG_PHYS_ADDR_BITS) */
export const DEFAULT_PHYS_BITS = 40;
/** the phys-bits of a CPU model without long mode */
const PHYS_BITS_32BIT_CPU = 36;

export interface CpuConfig {
  model: string;
  vendor: CpuVendor;
  longMode: boolean;
  physBits: number;
  x2apic: boolean;
}

/** The last -cpu (qemu64 by default). */
export function parseCpuOption(ctx: Ctx, cpu: Indexed<CpuOption> | undefined): CpuConfig {
  const o = cpu?.option;
  const model = o?.model || 'qemu64';
  const info = lookupCpuModel(model);
  if (!info) {
    if (model === 'host') reject(ctx, 'cpu/property', M.cpuModelNeedsAccel(model), null, 'model');
    reject(ctx, 'cpu/property', M.cpuModelNotFound(model), null, 'model');
  }
  const vendor = o?.vendor !== undefined ? vendorFromString(o.vendor) : info.vendor;
  let physBits = info.longMode ? DEFAULT_PHYS_BITS : PHYS_BITS_32BIT_CPU;
  if (o?.physBits !== undefined) {
    const pb = parseQemuUint(o.physBits, 0xffffffffn);
    if (pb === null) reject(ctx, 'cpu/property', M.parameterExpectsType('phys-bits', 'uint32_t'), null, 'physBits');
    if (pb !== 0n) physBits = Number(pb);
  }
  const x2apicValue = extraValue(o?.extra, 'x2apic');
  const x2apic =
    extraValue(o?.extra, '+x2apic') !== undefined ||
    (x2apicValue !== undefined ? x2apicValue === null || parseBool(x2apicValue) === true : info.x2apic);
  return { model, vendor, longMode: info.longMode, physBits, x2apic };
}

/** What realizing the CPUs refuses. */
export function x86CpusInit(ctx: Ctx, cpu: CpuConfig, topology: CpuTopology, possible: readonly CpuIds[]): void {
  const { min, max } = ctx.release.physBits;
  const { physBits } = cpu;
  if (physBits < min || (max !== null && physBits > max)) {
    const message = max === null ? M.physBitsAtLeast(min, physBits) : M.physBitsBetween(min, max, physBits);
    reject(ctx, 'cpu/property', message, null, 'physBits');
  }
  if (ctx.release.x2apicCheck === 'kernel-irqchip') {
    const apicLimit = possible.reduce((m, c) => Math.max(m, c.apicId + 1), 0);
    if (apicLimit > 255) reject(ctx, 'smp/invalid', M.x2apicNeedsKernelIrqchip(), null);
  } else {
    const firstBig = possible.find((c) => c.index < topology.cpus && c.apicId >= 255);
    if (firstBig && !cpu.x2apic) reject(ctx, 'smp/invalid', M.apicIdNeedsX2apic(firstBig.apicId), null);
  }
}
