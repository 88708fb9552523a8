/**
 * softmmu/vl.c `select_machine` and `qemu_apply_machine_options`: the machine type, then the -machine
 * properties the memory map depends on (hw/i386/x86.c max-ram-below-4g, hw/i386/pc.c nvdimm). QEMU names no
 * option in these messages.
 */
import type { MachineOption } from '../../document/index.ts';
import { MiB, QEMU_MESSAGES as M, parseQemuSize } from '../../base/index.ts';
import { resolveMachineType, type MachineCompat } from '../machine-types.ts';
import { FOUR_GIB } from '../ram-layout.ts';
import { qdictOrder } from '../../syntax/index.ts';
import { registerBoard } from './globals.ts';
import { catalogFor, extraValue, parseBool, qemuWarning, reject, type Ctx, type Indexed } from './context.ts';

/**
 * Keys -machine takes that are no machine property: vl.c `qemu_apply_legacy_machine_options` hands them to the
 * accelerator (`accel`, `kernel-irqchip`, `kvm-shadow-mem`, Xen's `igd-passthru`) before the machine's own
 * properties are set. The machine properties themselves are the release's (catalog).
 */
const LEGACY_MACHINE_KEYS: ReadonlySet<string> = new Set(['accel', 'kernel-irqchip', 'kvm-shadow-mem', 'igd-passthru']);

export interface MachineConfig {
  /** the type as given (`pc` when none is) */
  type: string;
  compat: MachineCompat;
  /** the versioned type, as QEMU names the machine in messages */
  name: string;
  /** max-ram-below-4g; 0 when not given */
  maxRamBelow4g: bigint;
  nvdimm: boolean;
  /** `acpi=off`: QEMU builds no ACPI tables and refuses DIMMs (pc_memory_pre_plug) */
  acpi: boolean;
  /** `memory-backend=ID`: the backend that is the machine's RAM (memory-options.ts resolveMachineMemdev) */
  ramMemdev?: string;
}

/** The machine config of a run, for the phases that read it later (the RAM backend, the PCI host). */
const MACHINE_OF = new WeakMap<Ctx, MachineConfig>();

export function machineConfigOf(ctx: Ctx): MachineConfig | undefined {
  return MACHINE_OF.get(ctx);
}

/** The machine type of the last -machine (`pc` by default); QEMU stops when the release does not have it. */
export function selectMachine(ctx: Ctx, machine: Indexed<MachineOption> | undefined): { type: string; compat: MachineCompat } {
  const type = machine?.option.type || 'pc';
  const compat = resolveMachineType(type, ctx.version);
  if (!compat && ctx.release.otherMachineTypes.includes(type)) {
    // QEMU has it; the designer's model is of pc and q35 only (not QEMU's words)
    reject(ctx, 'cmdline/unsupported', `The machine type '${type}' is not modelled by the designer (it models pc and q35 machines).`, machine?.index ?? null, 'type');
  }
  if (!compat) reject(ctx, 'machine/unsupported-type', M[ctx.release.unsupportedMachineType](type), null);
  return { type, compat };
}

/**
 * The -machine properties, each checked as its setter runs. `noAcpiAt`: the option index of 7.2's `-no-acpi`,
 * which puts `acpi=off` into the -machine options where it stands (so a -machine written after it says more).
 */
export function applyMachineOptions(
  ctx: Ctx,
  machine: Indexed<MachineOption> | undefined,
  selected: { type: string; compat: MachineCompat },
  noAcpiAt: number | null = null,
): MachineConfig {
  const { type, compat } = selected;
  const config: MachineConfig = { type, compat, name: compat.canonicalType, maxRamBelow4g: 0n, nvdimm: false, acpi: noAcpiAt === null };
  registerBoard(ctx, config);
  MACHINE_OF.set(ctx, config);
  if (!machine) return config;
  const m = machine.option;
  const extra = m.extra ?? [];
  // QEMU's keyval refuses a key that does not start with a letter
  for (const [k] of extra) if (!/^[A-Za-z]/.test(k)) reject(ctx, 'cmdline/invalid-parameter', M.invalidParameter(k), machine.index, k);
  if (extra.length > 0) {
    const catalog = catalogFor(ctx);
    const known = catalog?.machineProperties[compat.family];
    if (known) {
      // keyval_dashify: '_' is '-'; a dotted key (`sgx-epc.0.memdev`) is a member of the property named by its
      // first part; the properties are set in QDict order, the first one missing stops QEMU
      const seen = new Set<string>();
      const names = extra
        .map(([k]) => ({ key: k.split('.')[0]!.replace(/_/g, '-'), k }))
        .filter(({ key }) => !seen.has(key) && (seen.add(key), true));
      const missing = qdictOrder(names).find(({ key }) => !LEGACY_MACHINE_KEYS.has(key) && !known.has(key));
      if (missing) reject(ctx, 'machine/property', M.propertyNotFound(`${compat.canonicalType}-machine`, missing.key), null, missing.k);
    }
  }
  if (m.maxRamBelow4g !== undefined) {
    const v = parseQemuSize(m.maxRamBelow4g);
    if (v === null) reject(ctx, 'machine/property', M.parameterExpectsSize('max-ram-below-4g'), null, 'maxRamBelow4g');
    if (v > FOUR_GIB) reject(ctx, 'machine/property', M.maxRamBelow4gTooBig(v), null, 'maxRamBelow4g');
    // QEMU names no option in front of this warning either
    if (v < MiB) qemuWarning(ctx, M.maxRamBelow4gTooSmall(v));
    config.maxRamBelow4g = v;
  }
  if (m.nvdimm !== undefined) {
    const b = parseBool(m.nvdimm);
    if (b === null) reject(ctx, 'machine/property', M.parameterExpectsBool('nvdimm'), null, 'nvdimm');
    config.nvdimm = b;
  }
  const ramMemdev = extraValue(m.extra, 'memory-backend');
  if (ramMemdev !== undefined) config.ramMemdev = ramMemdev ?? 'on';
  const acpi = extraValue(m.extra, 'acpi');
  if (acpi !== undefined && (noAcpiAt === null || machine.index > noAcpiAt)) config.acpi = acpi !== 'off';
  return config;
}
