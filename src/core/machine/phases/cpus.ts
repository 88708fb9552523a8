/**
 * The CPUs: target/i386/cpu.c `parse_cpu_option` (the -cpu model and the properties the memory map depends on:
 * vendor, phys-bits, x2apic), then what `x86_cpus_init` / `x86_cpu_realizefn` refuse on the board (phys-bits
 * bounds, APIC IDs that need x2APIC).
 */
import { DEFAULT_HOST_CPU, type CpuOption } from '../../document/index.ts';
import { QEMU_MESSAGES as M, parseQemuUint } from '../../base/index.ts';
import type { CpuTopology } from '../results.ts';
import type { CpuIds } from '../cpu-topology.ts';
import { lookupCpuModel, vendorFromString, type CpuVendor } from '../cpu-models.ts';
import { extraValue, parseBool, qemuWarning, reject, type Ctx, type Indexed } from './context.ts';
import type { Accel } from './accel.ts';

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

/** The last -cpu (qemu64 by default), under the accelerator given (readOptions) on the design's host CPU. */
export function parseCpuOption(ctx: Ctx, cpu: Indexed<CpuOption> | undefined, accel: Accel = 'tcg'): CpuConfig {
  const o = cpu?.option;
  const model = o?.model || 'qemu64';
  const kvm = accel === 'kvm';
  const host = ctx.doc.host ?? DEFAULT_HOST_CPU;
  // -cpu host exists under KVM only; it is max's host-passthrough twin as far as the memory map goes
  const info = kvm && model === 'host' ? lookupCpuModel('max') : lookupCpuModel(model);
  if (!info) {
    if (model === 'host') reject(ctx, 'cpu/property', M.cpuModelNeedsAccel(model), null, 'model');
    reject(ctx, 'cpu/property', M.cpuModelNotFound(model), null, 'model');
  }
  // the vendor string is CPUID's 12 bytes; QEMU refuses any other length (its 7.2 text differs)
  if (o?.vendor !== undefined && o.vendor.length !== 12) {
    reject(ctx, 'cpu/property', M.cpuVendorLength(model, o.vendor, ctx.release.vendorLengthText === 'doesnt-take-value'), null, 'vendor');
  }
  // under KVM every model takes the host's CPUID vendor unless vendor= says otherwise (x86_cpu_load_model)
  const vendor = o?.vendor !== undefined ? vendorFromString(o.vendor) : kvm ? host.vendor : info.vendor;
  let physBits = info.longMode ? DEFAULT_PHYS_BITS : PHYS_BITS_32BIT_CPU;
  let given = 0;
  if (o?.physBits !== undefined) {
    const pb = parseQemuUint(o.physBits, 0xffffffffn);
    if (pb === null) reject(ctx, 'cpu/property', M.parameterExpectsType('phys-bits', 'uint32_t'), null, 'physBits');
    given = Number(pb);
    if (pb !== 0n) physBits = given;
  }
  if (kvm && info.longMode) physBits = kvmPhysBits(ctx, o, model, host.physBits, given, physBits);
  const x2apicValue = extraValue(o?.extra, 'x2apic');
  const x2apic =
    extraValue(o?.extra, '+x2apic') !== undefined ||
    (x2apicValue !== undefined ? x2apicValue === null || parseBool(x2apicValue) === true : info.x2apic);
  return { model, vendor, longMode: info.longMode, physBits, x2apic };
}

/**
 * QEMU's warning (host-cpu.c); kept here until base/qemu-messages.ts (another change in flight) takes it in.
 * 11.1 prints it as 7.2 does.
 */
const hostPhysBitsMismatch = (host: number, given: number): string =>
  `Host physical bits (${host}) does not match phys-bits property (${given})`;

/**
 * target/i386/host-cpu.c `host_cpu_adjust_phys_bits` under KVM: a phys-bits= other than the host's is warned
 * about; with host-phys-bits (on by default for `host` and `max`) the host's bits are taken, capped by
 * host-phys-bits-limit. Measured with QEMU 7.2.22 and 11.1.3 on an AMD EPYC host of 48 bits (FINDINGS.md item 10).
 */
function kvmPhysBits(ctx: Ctx, o: CpuOption | undefined, model: string, hostBits: number, given: number, physBits: number): number {
  if (given !== 0 && given !== hostBits) qemuWarning(ctx, hostPhysBitsMismatch(hostBits, given));
  const hpb = extraValue(o?.extra, 'host-phys-bits');
  const hostPhysBits = hpb !== undefined ? hpb === null || parseBool(hpb) === true : model === 'host' || model === 'max';
  if (!hostPhysBits) return physBits;
  const limitText = extraValue(o?.extra, 'host-phys-bits-limit');
  const limit = typeof limitText === 'string' ? Number(parseQemuUint(limitText, 0xffn) ?? 0n) : 0;
  return limit !== 0 && hostBits > limit ? limit : hostBits;
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
