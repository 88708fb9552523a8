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
import { splitOptValue } from '../../syntax/index.ts';
import { catalogFor, extraValue, parseBool, qemuWarning, reject, type Ctx, type Indexed } from './context.ts';
import type { Accel } from './accel.ts';
import { createPciHost } from './globals.ts';
import { TCG_UNSUPPORTED } from './tcg-features.ts';

/** TCG's default phys-bits (TCG_PHYS_ADDR_BITS) */
export const DEFAULT_PHYS_BITS = 40;
/** the phys-bits of a CPU model without long mode */
const PHYS_BITS_32BIT_CPU = 36;

export interface CpuConfig {
  model: string;
  vendor: CpuVendor;
  longMode: boolean;
  physBits: number;
  /** phys-bits= as given (0: not given), which a CPU without long mode refuses */
  physBitsGiven?: number;
  x2apic: boolean;
  /** the -cpu option, whose properties are checked when the CPUs are made (x86CpusInit) */
  option?: CpuOption | undefined;
  kvm?: boolean;
}

/** The last -cpu (qemu64 by default), under the accelerator given (readOptions) on the design's host CPU. */
export function parseCpuOption(ctx: Ctx, cpu: Indexed<CpuOption> | undefined, accel: Accel = 'tcg'): CpuConfig {
  const o = cpu?.option;
  const model = o?.model || 'qemu64';
  const kvm = accel === 'kvm';
  const host = ctx.doc.host ?? DEFAULT_HOST_CPU;
  // cpu_class_by_name: a model the release has (from its own -cpu help, when the catalog is at hand)
  const catalog = o ? catalogFor(ctx) : null;
  if (catalog && !catalog.cpuModels.has(model)) reject(ctx, 'cpu/property', M.cpuModelNotFound(model), null, 'model');
  // -cpu host exists under KVM only (refused when the CPU is realized); it is max's host-passthrough twin as far
  // as the memory map goes
  const info = model === 'host' ? lookupCpuModel('max') : lookupCpuModel(model);
  if (!info) {
    if (catalog) reject(ctx, 'cmdline/unsupported', `CPU model '${model}' is not modelled by the designer`, null, 'model');
    reject(ctx, 'cpu/property', M.cpuModelNotFound(model), null, 'model');
  }
  // under KVM every model takes the host's CPUID vendor unless vendor= says otherwise (x86_cpu_load_model); a
  // vendor= QEMU refuses is refused when the CPU is made (cpuGlobals)
  const vendor = o?.vendor !== undefined ? vendorFromString(o.vendor) : kvm ? host.vendor : info.vendor;
  // x86_cpu_realizefn: a CPU without long mode has 36 phys-bits with PSE-36 (11.1: or PAE), else 32, whatever
  // is given
  const longMode = cpuFeature(o, LM, info.longMode);
  const pse36 = cpuFeature(o, PSE36, info.pse36 !== false);
  const physAddr36 = pse36 || (ctx.release.physBits36From === 'pae-or-pse36' && cpuFeature(o, PAE, info.pae !== false));
  let physBits = longMode ? DEFAULT_PHYS_BITS : physAddr36 ? PHYS_BITS_32BIT_CPU : 32;
  let given = 0;
  const pb = o?.physBits !== undefined ? parseQemuUint(o.physBits, 0xffffffffn) : null;
  if (pb !== null) {
    given = Number(pb);
    if (pb !== 0n && longMode) physBits = given;
  }
  if (kvm && longMode) physBits = kvmPhysBits(ctx, o, model, host.physBits, given, physBits);
  const x2apicValue = extraValue(o?.extra, 'x2apic');
  const x2apic =
    extraValue(o?.extra, '+x2apic') !== undefined ||
    (x2apicValue !== undefined ? x2apicValue === null || parseBool(x2apicValue) === true : info.x2apic);
  return { model, vendor, longMode, physBits, physBitsGiven: given, x2apic, option: o, kvm };
}

/** A CPUID feature's names: its property and the aliases QEMU registers for it (`i64` for `lm`). */
const LM = ['lm', 'i64'];
const PAE = ['pae'];
const PSE36 = ['pse36'];

/**
 * Whether a CPUID feature is on once the -cpu items are applied (x86_cpu_parse_featurestr, then
 * x86_cpu_expand_features): the model's value, the `name=value` items in the order written (a bare `name` is
 * on), then every `+name`, then every `-name` (so `-lm,+lm` is off and `lm=off,+lm` on; measured with 11.1.3).
 */
function cpuFeature(o: CpuOption | undefined, names: readonly string[], fromModel: boolean): boolean {
  let on = fromModel;
  const extra = o?.extra ?? [];
  for (const [k, v] of extra) {
    if (!names.includes(k.replace(/_/g, '-'))) continue;
    const b = v === null ? true : parseBool(v);
    if (b !== null) on = b;
  }
  if (extra.some(([k, v]) => v === null && k.startsWith('+') && names.includes(k.slice(1)))) on = true;
  if (extra.some(([k, v]) => v === null && k.startsWith('-') && names.includes(k.slice(1)))) on = false;
  return on;
}

/** One item of the -cpu feature string, as x86_cpu_parse_featurestr reads it. */
interface CpuFeature {
  /** `+name`, `-name`, or a property set as a global (`name=value`, a bare `name` being `name=on`) */
  kind: '+' | '-' | 'global';
  /** the property name (feat2prop: `_` as `-` for globals; `tsc-freq` is `tsc-frequency`) */
  name: string;
  /** the name as QEMU prints it in the global's message */
  printed: string;
  value: string;
  /** the document field it came from */
  field: string;
}

/** The -cpu feature items in the order written (the option's text, while it says what the fields say). */
function cpuFeatures(o: CpuOption): CpuFeature[] {
  const pairs: Array<[string, string | null, string]> = [];
  if (o.vendor !== undefined) pairs.push(['vendor', o.vendor, 'vendor']);
  if (o.physBits !== undefined) pairs.push(['phys-bits', o.physBits, 'physBits']);
  for (const [k, v] of o.extra ?? []) pairs.push([k, v, k]);
  if (o.text !== undefined) {
    const written = splitOptValue(o.text, 'model').slice(1);
    const key = (k: string, v: string | null) => `${k}\u0000${v ?? '\u0001'}`;
    const have = pairs.map(([k, v]) => key(k, v)).sort();
    const text = written.map(({ key: k, value: v }) => key(k, v)).sort();
    if (have.length === text.length && have.every((x, i) => x === text[i])) {
      const byKey = new Map(pairs.map((p) => [key(p[0], p[1]), p]));
      pairs.splice(0, pairs.length, ...written.map(({ key: k, value: v }) => byKey.get(key(k, v))!));
    }
  }
  return pairs.map(([k, v, field]) => {
    if (k.startsWith('+') || k.startsWith('-')) {
      const name = v === null ? k.slice(1) : `${k.slice(1)}=${v}`;
      return { kind: k[0] as '+' | '-', name, printed: name, value: '', field };
    }
    const printed = k.replace(/_/g, '-');
    return { kind: 'global', name: printed === 'tsc-freq' ? 'tsc-frequency' : printed, printed, value: v ?? 'on', field };
  });
}

/**
 * target/i386/host-cpu.c `host_cpu_adjust_phys_bits` under KVM: a phys-bits= other than the host's is warned
 * about; with host-phys-bits (on by default for `host` and `max`) the host's bits are taken, capped by
 * host-phys-bits-limit. Measured with QEMU 7.2.22 and 11.1.3 on an AMD EPYC host of 48 bits (FINDINGS.md item 10).
 */
function kvmPhysBits(ctx: Ctx, o: CpuOption | undefined, model: string, hostBits: number, given: number, physBits: number): number {
  if (given !== 0 && given !== hostBits) qemuWarning(ctx, M.hostPhysBitsMismatch(hostBits, given));
  const hpb = extraValue(o?.extra, 'host-phys-bits');
  const hostPhysBits = hpb !== undefined ? hpb === null || parseBool(hpb) === true : model === 'host' || model === 'max';
  if (!hostPhysBits) return physBits;
  const limitText = extraValue(o?.extra, 'host-phys-bits-limit');
  const limit = typeof limitText === 'string' ? Number(parseQemuUint(limitText, 0xffn) ?? 0n) : 0;
  return limit !== 0 && hostBits > limit ? limit : hostBits;
}

/**
 * Making the first CPU object: its -cpu properties, registered as globals of the CPU type, each applied in the
 * order written (a property the type lacks, a vendor of other than 12 characters, a phys-bits that is no
 * number); then the `+feature`/`-feature` items (all `+` first), then realize: -cpu host without KVM. (The order
 * measured with QEMU 7.2.22 and 11.1.3.)
 */
function makeCpu(ctx: Ctx, cpu: CpuConfig): void {
  const o = cpu.option;
  if (!o) return;
  const type = `${cpu.model}-x86_64-cpu`;
  const features = cpuFeatures(o);
  const props = features.length > 0 ? (catalogFor(ctx)?.cpuProperties(cpu.model) ?? null) : null;
  for (const f of features) {
    if (f.kind !== 'global') continue;
    if (props && !props.has(f.name)) {
      reject(ctx, 'cpu/property', M.cpuGlobalFailed(type, f.printed, f.value, M.propertyNotFound(type, f.name)), null, f.field);
    }
    if (f.name === 'vendor' && f.value.length !== 12) {
      reject(ctx, 'cpu/property', M.cpuVendorLength(cpu.model, f.value, ctx.release.vendorLengthText === 'doesnt-take-value'), null, f.field);
    }
    if (f.name === 'phys-bits' && parseQemuUint(f.value, 0xffffffffn) === null) {
      const why = M.parameterExpectsType('phys-bits', parseQemuUint(f.value) === null ? 'uint64' : 'uint32_t');
      reject(ctx, 'cpu/property', M.cpuGlobalFailed(type, f.printed, f.value, why), null, f.field);
    }
  }
  if (props) {
    for (const kind of ['+', '-'] as const) {
      for (const f of features) {
        if (f.kind === kind && !props.has(f.name)) reject(ctx, 'cpu/property', M.propertyNotFound(type, f.name), null, f.field);
      }
    }
  }
  if (cpu.model === 'host' && !cpu.kvm) reject(ctx, 'cpu/property', M.cpuModelNeedsAccel(cpu.model), null, 'model');
}

/** What realizing the CPUs refuses. */
export function x86CpusInit(ctx: Ctx, cpu: CpuConfig, topology: CpuTopology, possible: readonly CpuIds[]): void {
  // QEMU 7.2 checks the APIC ID limit before it makes any CPU
  if (ctx.release.x2apicCheck === 'kernel-irqchip') {
    const apicLimit = possible.reduce((m, c) => Math.max(m, c.apicId + 1), 0);
    if (apicLimit > 255) reject(ctx, 'smp/invalid', M.x2apicNeedsKernelIrqchip(), null);
  }
  makeCpu(ctx, cpu);
  // x86_cpu_filter_features, as each present CPU is realized: what TCG lacks of what the model asks
  const unsupported = tcgUnsupportedFeatures(ctx, cpu);
  for (const f of unsupported) qemuWarning(ctx, M.tcgFeatureUnsupported(f));
  const { min, max } = ctx.release.physBits;
  const { physBits } = cpu;
  if (!cpu.longMode) {
    if (cpu.physBitsGiven) reject(ctx, 'cpu/property', M.physBitsNotConfigurable32(), null, 'physBits');
  } else if (physBits < min || (max !== null && physBits > max)) {
    const message = max === null ? M.physBitsAtLeast(min, physBits) : M.physBitsBetween(min, max, physBits);
    reject(ctx, 'cpu/property', message, null, 'physBits');
  }
  // x86_cpu_realizefn, once: an AMD CPU without TOPOEXT (after the accelerator's filter: TCG has none) and more
  // than one thread per core
  if (cpu.vendor === 'AuthenticAMD' && topology.threads > 1 && !hasTopoext(cpu)) {
    qemuWarning(ctx, M[ctx.release.amdHyperthreadingWarning](topology.threads));
  }
  for (let i = 1; i < topology.cpus; i++) for (const f of unsupported) qemuWarning(ctx, M.tcgFeatureUnsupported(f));
  if (ctx.release.x2apicCheck !== 'kernel-irqchip') {
    const firstBig = possible.find((c) => c.index < topology.cpus && c.apicId >= 255);
    if (firstBig && !cpu.x2apic) reject(ctx, 'smp/invalid', M.apicIdNeedsX2apic(firstBig.apicId), null);
  }
  // pc_q35_init and pc_init1 make the PCI host right after the CPUs (its -global values are read then)
  createPciHost(ctx);
}

/**
 * TOPOEXT (CPUID 0x80000001 ECX bit 22) once the accelerator filtered the features: TCG does not offer it; under
 * KVM the EPYC models have it, and host/max take it from the design's host (an AMD host has it), unless -cpu
 * turns it off or on.
 */
function hasTopoext(cpu: CpuConfig): boolean {
  if (!cpu.kvm) return false;
  const fromModel = cpu.model.startsWith('EPYC') || cpu.model === 'host' || cpu.model === 'max';
  return cpuFeature(cpu.option, ['topoext'], fromModel);
}

/**
 * The features TCG does not offer of those the CPU asks for (tcg-features.ts: the model's, captured from real
 * QEMU), with the -cpu items applied: one turned off is not asked for, one of the known texts turned on is.
 */
function tcgUnsupportedFeatures(ctx: Ctx, cpu: CpuConfig): string[] {
  if (cpu.kvm) return [];
  const table = TCG_UNSUPPORTED[ctx.release.helpLists];
  const own = Object.hasOwn(table.models, cpu.model) ? table.models[cpu.model]!.split(',').map(Number) : [];
  const asked = new Set(own);
  const o = cpu.option;
  if (!o?.extra?.length) return own.map((i) => table.features[i]!);
  const out: string[] = [];
  table.features.forEach((text, i) => {
    const name = /\.([^.\s]+) \[bit \d+\]$/.exec(text)?.[1];
    const on = name === undefined ? asked.has(i) : cpuFeature(o, [name], asked.has(i));
    if (on) out.push(text);
  });
  return out;
}
