/**
 * Config document → the machine QEMU builds, or QEMU's error. The phases run in QEMU's own order (phases/, each
 * named after the QEMU function it follows): what QEMU checks while reading its arguments, the machine, -smp and
 * -m, the CPU model, the memory backends, -numa, the board (NUMA completion, CPUs, RAM layout, hotplug window),
 * each memory device in -device order, then the firmware tables. QEMU stops at the first error; so does this.
 */
import type { ConfigDocument } from '../document/index.ts';
import type { Diagnostic } from '../base/index.ts';
import { encodeE820 } from '../tables/index.ts';
import { reservedMemoryEnd } from './hotplug-window.ts';
import { possibleCpuIds } from './cpu-topology.ts';
import { buildMemoryDeviceInfo, formatInfoMemoryDevices } from './memory-devices.ts';
import { qemuRelease } from './qemu-versions.ts';
import type { QemuCatalog } from './qemu-catalog.ts';
import type { MachineCompat } from './machine-types.ts';
import type { MachineLayout, MachineResult, QemuVersion } from './results.ts';
import { Rejected, newContext, type Ctx } from './phases/context.ts';
import { readOptions } from './phases/read-options.ts';
import { failObjectCreation, isLateObject } from './phases/names.ts';
import { applyMachineOptions, selectMachine } from './phases/machine-options.ts';
import { machineParseSmpConfig } from './phases/smp.ts';
import { setMemoryOptions } from './phases/memory-options.ts';
import { parseCpuOption } from './phases/cpus.ts';
import { createLateBackends } from './phases/backends.ts';
import { parseNumaOpts } from './phases/numa.ts';
import { machineRunBoardInit } from './phases/board.ts';
import { createCliDevices } from './phases/device-plug.ts';
import { addSpMemE820Entries, acpiBuildNumaTables } from './phases/acpi.ts';
import { checkConfidentialGuest } from './phases/confidential-guest.ts';

export { MAX_NODES } from './phases/numa.ts';
export { DEFAULT_PHYS_BITS } from './phases/cpus.ts';
export { DEFAULT_RAM_SIZE } from './phases/memory-options.ts';

export interface ComputeOptions {
  /** whose wording and machine types to follow; 11.1 by default */
  qemuVersion?: QemuVersion;
  /**
   * false: leave QEMU's device listings (`memoryDevices`, `infoMemoryDevices`) empty, for callers that do not
   * show them (the designer's live recompute); true by default
   */
  deviceListings?: boolean;
  /**
   * the release's lists of device models, object types, CPU models and properties (qemu-catalog.ts), for the
   * checks of names QEMU refuses; without it (or with another release's) those checks are not made and the
   * result says so (`catalogPending`)
   */
  catalog?: QemuCatalog | null;
}

export function computeMachine(doc: ConfigDocument, opts: ComputeOptions = {}): MachineResult {
  const version = opts.qemuVersion ?? '11.1';
  const ctx = newContext(doc, version, qemuRelease(version), opts.catalog ?? null);
  try {
    const layout = run(ctx, opts);
    return withPending(ctx, { error: null, diagnostics: ctx.diagnostics, layout });
  } catch (e) {
    if (e instanceof Rejected) return withPending(ctx, { error: e.error, diagnostics: ctx.diagnostics, layout: null });
    // a broken invariant in the core: report it rather than crash the caller
    return {
      error: { kind: 'cmdline/unsupported', message: `internal error: ${(e as Error).message ?? String(e)}`, option: null },
      diagnostics: ctx.diagnostics,
      layout: null,
    };
  }
}

/**
 * Without the catalog, a name QEMU may refuse was taken as given: the verdict is not QEMU's yet. The result says
 * so, and the designer's note says what is missing (not a QEMU message).
 */
function withPending(ctx: Ctx, r: MachineResult): MachineResult {
  if (!ctx.catalogNeeded) return r;
  const note: Diagnostic = {
    kind: 'designer/unmodelled',
    severity: 'info',
    source: 'designer',
    message: `Checking names against QEMU ${ctx.release.helpLists}'s lists of devices, objects, CPU models and properties…`,
    option: null,
  };
  return { ...r, diagnostics: [...r.diagnostics, note], catalogPending: true };
}

function run(ctx: Ctx, opts: ComputeOptions): MachineLayout {
  // softmmu/vl.c qemu_init: the arguments, the machine and its -smp, -m, -cpu, the backends, -numa
  const options = readOptions(ctx);
  const selected = selectMachine(ctx, options.machine);
  // qemu_create_early_backends: an early object the binary cannot create fails here
  const early = options.uncreatable.find((o) => !isLateObject(o.type));
  if (early) failObjectCreation(ctx, early);
  const machine = applyMachineOptions(ctx, options.machine, selected, options.noAcpiAt);
  const topology = machineParseSmpConfig(ctx, options.smp, machine);
  const memory = setMemoryOptions(ctx, options.memory);
  // qemu_create_late_backends, then parse_cpu_option (the model; its properties are checked as the CPUs are made)
  const { backends } = options;
  createLateBackends(ctx, backends, options.uncreatable);
  const cpu = parseCpuOption(ctx, options.cpu, options.accel);
  const possible = possibleCpuIds(topology); // x86_possible_cpu_arch_ids
  const numa = parseNumaOpts(ctx, options.numa, { compat: machine.compat, topology, possible, backends });
  // qmp_x_exit_preconfig: the board, then the -device options
  const board = machineRunBoardInit(ctx, { machine, memory, cpu, topology, possible, numa, accel: options.accel });
  const { nodes, possibleCpus } = board;
  const { split, window, e820 } = board.memory;
  const placed = createCliDevices(ctx, options.devices, { machine, memory, numNodes: nodes.length, window, backends });
  // qemu_machine_creation_done
  checkConfidentialGuest(ctx, options.machine, options.accel);
  // the firmware tables
  addSpMemE820Entries(e820, placed);
  const hotplugWindow = window ? { base: window.base, size: window.size, reservedMemoryEnd: reservedMemoryEnd(machine.compat, window) } : null;
  const tables = acpiBuildNumaTables(ctx, {
    family: machine.compat.family,
    doc: ctx.doc,
    possibleCpus,
    nodes,
    below4g: split.below4g,
    above4gStart: board.memory.above4gStart,
    window: hotplugWindow,
    placed,
  });
  // acpi=off: QEMU builds no ACPI table at all (its checks above still ran)
  const { ramRanges, srat, slit, hmat } = machine.acpi ? tables : { ...tables, srat: null, slit: null, hmat: null };
  const memoryDevices = opts.deviceListings === false ? [] : buildMemoryDeviceInfo(placed);
  return {
    machine: {
      type: machine.type,
      family: machine.compat.family,
      canonicalType: machine.compat.canonicalType,
      typeVersion: machine.compat.version,
      nvdimm: machine.nvdimm,
      pciHole64Size: machine.compat.pciHole64Size,
    },
    cpu: { model: cpu.model, vendor: cpu.vendor === 'AuthenticAMD' ? 'AuthenticAMD' : 'GenuineIntel', physBits: cpu.physBits },
    topology,
    possibleCpus,
    ram: {
      ramSize: memory.ramSize,
      maxmem: memory.maxram,
      slots: memory.slots,
      below4g: split.below4g,
      above4g: split.above4g,
      above4gStart: board.memory.above4gStart,
      amdHtHole: board.memory.amdHtHole,
      relocatedTo1T: board.memory.relocatedTo1T,
    },
    window: hotplugWindow,
    maxUsedGpa: board.memory.maxUsedGpa,
    nodes,
    ramRanges,
    devices: placed,
    srat,
    slit,
    hmat,
    e820,
    e820Bytes: encodeE820(e820),
    memoryDevices,
    infoMemoryDevices: formatInfoMemoryDevices(memoryDevices),
  };
}

export type { MachineCompat };
