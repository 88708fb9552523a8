/**
 * Config document → the machine QEMU builds, or QEMU's error. The checks run in QEMU's own order: first what
 * QEMU checks while reading its arguments, then the machine, -smp and -m, the memory backends, -numa, the board
 * (NUMA completion, CPUs, RAM layout, hotplug window), then each memory device in -device order, then the ACPI
 * tables. QEMU stops at the first error; so does this.
 */
import {
  isWellFormedId,
  type BackendObject,
  type ConfigDocument,
  type CpuOption,
  type DocOption,
  type MachineOption,
  type MemoryDeviceOption,
  type MemoryOption,
  type NumaCpuOption,
  type NumaNodeOption,
  type SmpOption,
} from '../document/index.ts';
import type { CoreError, Diagnostic, ErrorKind } from '../base/index.ts';
import { optionRef } from '../syntax/index.ts';
import { resolveMachineType, type MachineCompat } from './machine-types.ts';
import { GiB, KiB, MiB, U64_MAX, alignUp, hex, parseQemuSize, parseQemuUint } from '../base/index.ts';
import { computeRamSplit, AMD_HT_END, AMD_HT_START, FOUR_GIB, RAM_SIZE_ALIGN } from './ram-layout.ts';
import { computeMaxUsedGpa, computeWindowGeometry, reservedMemoryEnd, MAX_RAM_SLOTS } from './hotplug-window.ts';
import { computeTopology, possibleCpuIds } from './cpu-topology.ts';
import { lookupCpuModel, vendorFromString } from './cpu-models.ts';
import { PlugIndex, placeMemoryDevice } from './placement.ts';
import { buildSrat, walkNodeRam } from '../tables/index.ts';
import { encodeE820 } from '../tables/index.ts';
import { gHashIterationOrder } from './glib-hash.ts';
import { splitOptValue } from '../syntax/index.ts';
import { buildMemoryDeviceInfo, formatInfoMemoryDevices } from './memory-devices.ts';
import {
  E820_RAM,
  E820_RESERVED,
  E820_SOFT_RESERVED,
  type E820Entry,
  type MachineLayout,
  type MachineResult,
  type NumaNode,
  type PlacedDevice,
  type PossibleCpu,
  type QemuVersion,
} from './results.ts';

export interface ComputeOptions {
  /** whose wording and machine types to follow; 11.1 by default */
  qemuVersion?: QemuVersion;
  /**
   * false: leave QEMU's device listings (`memoryDevices`, `infoMemoryDevices`) empty, for callers that do not
   * show them (the designer's live recompute); true by default
   */
  deviceListings?: boolean;
}

/** Properties of the pc and q35 machine types (QOM class properties of x86/pc machines) that may be kept. */
const MACHINE_PROPERTIES = new Set([
  'accel', 'kernel-irqchip', 'kernel_irqchip', 'smm', 'vmport', 'hmat', 'nvdimm-persistence', 'graphics', 'usb',
  'dump-guest-core', 'mem-merge', 'firmware', 'suppress-vmdesc', 'memory-encryption', 'confidential-guest-support',
  'memory-backend', 'append', 'dtb', 'initrd', 'kernel', 'dumpdtb', 'boot', 'pflash0', 'pflash1', 'acpi', 'pit',
  'hpet', 'sata', 'smbus', 'fd-bootchk', 'max-fw-size', 'sgx-epc', 'bus-lock-ratelimit', 'x-oem-id',
  'x-oem-table-id', 'i8042', 'default-bus-bypass-iommu', 'cxl', 'cxl-fmw', 'pcspk-audiodev', 'smbios-entry-point-type',
  'pic', 'pci', 'x-vmport', 'igd-passthru', 'xen-igd-passthru', 'phandle-start', 'dt-compatible', 'nvdimm',
  'max-ram-below-4g', 'type', 'spcr', 'fw_cfg', 'x-south-bridge', 'vmclock', 'smp-cache',
]);

/** QEMU's MAX_NODES */
export const MAX_NODES = 128;
/** TCG's default phys-bits (TCG_PHYS_ADDR_BITS) */
export const DEFAULT_PHYS_BITS = 40;
/** QEMU's default RAM size */
export const DEFAULT_RAM_SIZE = 128n * MiB;
/** pc-dimm/nvdimm `slot` default (PC_DIMM_UNASSIGNED_SLOT) */
const UNASSIGNED_SLOT = -1;

const SIZE_HINT =
  '\nOptional suffix k, M, G, T, P or E means kilo-, mega-, giga-, tera-, peta-\nand exabytes, respectively.';
const ID_HINT = "\nIdentifiers consist of letters, digits, '-', '.', '_', starting with a letter.";


class Rejected {
  constructor(readonly error: CoreError) {}
}

interface Ctx {
  doc: ConfigDocument;
  version: QemuVersion;
  diagnostics: Diagnostic[];
}

function reject(ctx: Ctx, kind: ErrorKind, message: string, index: number | null, field?: string): never {
  const error: CoreError = { kind, message, option: index === null ? null : optionRef(ctx.doc, index) };
  if (field !== undefined) error.field = field;
  throw new Rejected(error);
}

function qemuWarning(ctx: Ctx, message: string, index: number | null = null, field?: string): void {
  const d: Diagnostic = {
    kind: 'qemu/warning',
    severity: 'warning',
    source: 'qemu',
    message,
    option: index === null ? null : optionRef(ctx.doc, index),
  };
  if (field !== undefined) d.field = field;
  ctx.diagnostics.push(d);
}

/** qemu_strtou64-style (base 0, a leading '-' wraps) for uint64 device properties. */
function parseU64Prop(text: string): bigint | null {
  const neg = /^\s*-/.test(text);
  const v = parseQemuUint(neg ? text.replace(/^\s*-/, '') : text.trimStart());
  if (v === null) return null;
  return neg ? (v === 0n ? 0n : (1n << 64n) - v) : v;
}

function parseBool(text: string): boolean | null {
  if (text === 'on' || text === 'yes' || text === 'true' || text === 'y') return true;
  if (text === 'off' || text === 'no' || text === 'false' || text === 'n') return false;
  return null;
}

function extraHas(extra: ReadonlyArray<[string, string | null]> | undefined, key: string): string | null | undefined {
  const hit = extra?.filter(([k]) => k === key).pop();
  return hit ? hit[1] : undefined;
}

interface Indexed<T> {
  index: number;
  option: T;
}

function collect(doc: ConfigDocument) {
  const machine: Indexed<MachineOption>[] = [];
  const cpu: Indexed<CpuOption>[] = [];
  const smp: Indexed<SmpOption>[] = [];
  const memory: Indexed<MemoryOption>[] = [];
  const objects: Indexed<BackendObject>[] = [];
  const numa: Indexed<DocOption>[] = [];
  const devices: Indexed<MemoryDeviceOption>[] = [];
  doc.options.forEach((option, index) => {
    switch (option.kind) {
      case 'machine':
        machine.push({ index, option });
        break;
      case 'cpu':
        cpu.push({ index, option });
        break;
      case 'smp':
        smp.push({ index, option });
        break;
      case 'memory':
        memory.push({ index, option });
        break;
      case 'object':
        objects.push({ index, option });
        break;
      case 'numa-node':
      case 'numa-cpu':
      case 'numa-dist':
        numa.push({ index, option });
        break;
      case 'device':
        devices.push({ index, option });
        break;
      case 'raw':
        break;
    }
  });
  return { machine, cpu, smp, memory, objects, numa, devices };
}

interface Backend {
  index: number;
  option: BackendObject;
  size: bigint;
  align: bigint;
  /** used by a NUMA node or a device */
  usedBy: 'numa' | 'device' | null;
}

/** Region alignment of a backend (QEMU_VMALLOC_ALIGN for anonymous RAM; fd page size or align= otherwise). */
function backendAlign(o: BackendObject, alignProp: bigint): bigint {
  if (o.qomType === 'memory-backend-ram') return 2n * MiB;
  let page = 4n * KiB;
  if (o.qomType === 'memory-backend-memfd') {
    if (o.hugetlb !== undefined && parseBool(o.hugetlb)) {
      page = (o.hugetlbsize !== undefined ? parseQemuSize(o.hugetlbsize) : null) ?? 2n * MiB;
    }
  } else if (o.memPath !== undefined) {
    const p = o.memPath.toLowerCase();
    if (p.includes('hugepages-1g') || p.includes('hugepages1g') || p.includes('1gb')) page = GiB;
    else if (p.includes('hugepages') || p.includes('hugetlb')) page = 2n * MiB;
    else if (p.startsWith('/dev/dax')) page = 2n * MiB;
  }
  return alignProp > page ? alignProp : page;
}

type Checked<T> = ({ ok: true } & T) | { ok: false; message: string; field: string; noPrefix?: true };

/** Options are never mutated in place, so what is derived from one option alone is cached per object. */
const backendCache = new WeakMap<BackendObject, Checked<{ size: bigint; align: bigint }>>();

/** A memory backend's own checks (QEMU's object creation), and its size and region alignment. */
function checkBackend(o: BackendObject): Checked<{ size: bigint; align: bigint }> {
  let r = backendCache.get(o);
  if (!r) {
    r = checkBackendUncached(o);
    backendCache.set(o, r);
  }
  return r;
}

function checkBackendUncached(o: BackendObject): Checked<{ size: bigint; align: bigint }> {
  const bad = (message: string, field: string) => ({ ok: false as const, message, field });
  if (o.size === undefined) return bad("Parameter 'size' is missing", 'size');
  const size = parseQemuSize(o.size);
  if (size === null) return bad("Parameter 'size' expects a size value", 'size');
  let alignProp = 0n;
  if (o.align !== undefined) {
    const a = parseQemuSize(o.align);
    if (a === null) return bad("Parameter 'align' expects a size value", 'align');
    alignProp = a;
  }
  for (const [key, val] of [
    ['share', o.share],
    ['prealloc', o.prealloc],
    ['hugetlb', o.hugetlb],
  ] as const) {
    if (val !== undefined && parseBool(val) === null) return bad(`Parameter '${key}' expects 'on' or 'off'`, key);
  }
  if (o.qomType === 'memory-backend-file' && o.memPath === undefined) return bad('mem-path property not set', 'memPath');
  if (size === 0n) return { ok: false, message: `property 'size' of ${o.qomType} doesn't take value '0'`, field: 'size', noPrefix: true };
  const align = backendAlign(o, alignProp);
  if (alignProp !== 0n && o.qomType !== 'memory-backend-ram') {
    const page = backendAlign({ ...o, align: undefined }, 0n);
    if (alignProp % page !== 0n) return bad(`alignment ${hex(alignProp)} must be multiples of page size ${hex(page)}`, 'align');
    if ((alignProp & (alignProp - 1n)) !== 0n) return bad(`alignment ${hex(alignProp)} must be a power of two`, 'align');
  }
  return { ok: true, size, align };
}

const deviceCache = new WeakMap<MemoryDeviceOption, Checked<{ node: number; addr: bigint; slot: number; labelSize: bigint }>>();

/** A memory device's property values as QEMU's property setters read them. */
function checkDeviceProps(d: MemoryDeviceOption): Checked<{ node: number; addr: bigint; slot: number; labelSize: bigint }> {
  let r = deviceCache.get(d);
  if (!r) {
    r = checkDevicePropsUncached(d);
    deviceCache.set(d, r);
  }
  return r;
}

function checkDevicePropsUncached(d: MemoryDeviceOption): Checked<{ node: number; addr: bigint; slot: number; labelSize: bigint }> {
  const bad = (message: string, field: string) => ({ ok: false as const, message, field });
  let node = 0;
  let addr = 0n;
  let slot = UNASSIGNED_SLOT;
  let labelSize = 0n;
  for (const [k] of d.extra ?? []) return bad(`Property '${d.driver}.${k}' not found`, k);
  if (d.driver === 'sp-mem' && (d.slot !== undefined || d.labelSize !== undefined)) {
    const f = d.slot !== undefined ? 'slot' : 'labelSize';
    return bad(`Property 'sp-mem.${d.slot !== undefined ? 'slot' : 'label-size'}' not found`, f);
  }
  if (d.driver === 'pc-dimm' && d.labelSize !== undefined) return bad("Property 'pc-dimm.label-size' not found", 'labelSize');
  if (d.node !== undefined) {
    const n = parseU64Prop(d.node);
    if (n === null) return bad("Parameter 'node' expects integer", 'node');
    if (n > 0xffffffffn) return bad("Parameter 'node' expects uint32_t", 'node');
    node = Number(n);
  }
  if (d.addr !== undefined) {
    const a = parseU64Prop(d.addr);
    if (a === null) return bad("Parameter 'addr' expects integer", 'addr');
    addr = a;
  }
  if (d.slot !== undefined) {
    const neg = d.slot.trim().startsWith('-');
    const sv0 = parseQemuUint(neg ? d.slot.trim().slice(1) : d.slot);
    if (sv0 === null) return bad("Parameter 'slot' expects integer", 'slot');
    const sv = neg ? -Number(sv0) : Number(sv0);
    if (sv > 0x7fffffff || sv < -0x80000000) return bad("Parameter 'slot' expects int32_t", 'slot');
    slot = sv;
  }
  if (d.labelSize !== undefined) {
    const l = parseQemuSize(d.labelSize);
    if (l === null) return bad("Parameter 'label-size' expects a size value", 'labelSize');
    if (l < 128n * KiB) return bad(`Property 'nvdimm.label-size' (${hex(l)}) is required at least ${hex(128n * KiB)}`, 'labelSize');
    labelSize = l;
  }
  return { ok: true, node, addr, slot, labelSize };
}

/**
 * NVDIMMs in the order of QEMU's QOM child walk, which decides their SRAT order: devices with an id (children of
 * /machine/peripheral, keyed by id) before anonymous ones (/machine/peripheral-anon, keyed device[N]), each group
 * in GLib hash-table order of the keys of all -device options.
 */
function nvdimmWalkOrder(doc: ConfigDocument, placed: readonly PlacedDevice[]): PlacedDevice[] {
  const named: string[] = [];
  const anonKeyOf = new Map<number, string>();
  const anon: string[] = [];
  doc.options.forEach((o, index) => {
    let id: string | undefined;
    if (o.kind === 'device') id = o.id;
    else if (o.kind === 'raw' && /^--?device$/.test(o.args[0] ?? '') && o.args[1] !== undefined) {
      id = splitOptValue(o.args[1], 'driver').filter((p) => p.key === 'id').pop()?.value ?? undefined;
    } else return;
    if (id !== undefined) named.push(id);
    else {
      const key = `device[${anon.length}]`;
      anon.push(key);
      anonKeyOf.set(index, key);
    }
  });
  const nv = placed.filter((d) => d.driver === 'nvdimm');
  if (nv.length < 2) return nv;
  const rank = new Map<string, number>();
  gHashIterationOrder(named).forEach((k, i) => rank.set(`id:${k}`, i));
  gHashIterationOrder(anon).forEach((k, i) => rank.set(`anon:${k}`, named.length + i));
  const key = (d: PlacedDevice) => (d.id !== null ? `id:${d.id}` : `anon:${anonKeyOf.get(d.optionIndex)}`);
  return [...nv].sort((a, b) => rank.get(key(a))! - rank.get(key(b))!);
}

export function computeMachine(doc: ConfigDocument, opts: ComputeOptions = {}): MachineResult {
  const ctx: Ctx = { doc, version: opts.qemuVersion ?? '11.1', diagnostics: [] };
  try {
    const layout = run(ctx, opts);
    return { error: null, diagnostics: ctx.diagnostics, layout };
  } catch (e) {
    if (e instanceof Rejected) return { error: e.error, diagnostics: ctx.diagnostics, layout: null };
    // a broken invariant in the core: report it rather than crash the caller
    return {
      error: { kind: 'cmdline/unsupported', message: `internal error: ${(e as Error).message ?? String(e)}`, option: null },
      diagnostics: ctx.diagnostics,
      layout: null,
    };
  }
}

function run(ctx: Ctx, opts: ComputeOptions): MachineLayout {
  const { doc, version } = ctx;
  const v72 = version === '7.2';
  const all = collect(doc);

  // ---- Phase 1: what QEMU checks while reading its arguments, in argument order
  const objectIds = new Set<string>();
  const deviceIds = new Set<string>();
  for (let index = 0; index < doc.options.length; index++) {
    const o = doc.options[index]!;
    if (o.kind === 'memory') {
      for (const [k, val] of o.extra ?? []) {
        void val;
        reject(ctx, 'cmdline/invalid-parameter', `Invalid parameter '${k}'`, index, k);
      }
      if (o.size !== undefined && parseQemuSize(o.size) === null) {
        reject(ctx, 'memory/ram-size', `Parameter 'size' expects a non-negative number below 2^64${SIZE_HINT}`, index, 'size');
      }
      if (o.slots !== undefined && parseQemuUint(o.slots) === null) {
        reject(ctx, 'memory/slots', "Parameter 'slots' expects a number", index, 'slots');
      }
      if (o.maxmem !== undefined && parseQemuSize(o.maxmem) === null) {
        reject(ctx, 'memory/maxmem', `Parameter 'maxmem' expects a non-negative number below 2^64${SIZE_HINT}`, index, 'maxmem');
      }
    } else if (o.kind === 'smp') {
      for (const [k] of o.extra ?? []) {
        if (!['drawers', 'books', 'clusters'].includes(k)) reject(ctx, 'cmdline/invalid-parameter', `Invalid parameter '${k}'`, index, k);
      }
      for (const key of ['cpus', 'maxcpus', 'sockets', 'dies', 'modules', 'cores', 'threads'] as const) {
        const val = o[key];
        if (val !== undefined && parseQemuUint(val) === null) {
          reject(ctx, 'smp/invalid', `Parameter '${key}' expects a number`, index, key);
        }
      }
    } else if (o.kind === 'object') {
      if (o.id === '') reject(ctx, 'object/invalid', "Parameter 'id' is missing", index, 'id');
      if (!isWellFormedId(o.id)) reject(ctx, 'object/invalid', `Parameter 'id' expects an identifier${ID_HINT}`, index, 'id');
      if (objectIds.has(o.id)) reject(ctx, 'object/duplicate-id', `Duplicate ID '${o.id}' for object`, index, 'id');
      objectIds.add(o.id);
    } else if (o.kind === 'device') {
      if (o.id !== undefined) {
        if (!isWellFormedId(o.id)) reject(ctx, 'device/invalid', `Parameter 'id' expects an identifier${ID_HINT}`, index, 'id');
        if (deviceIds.has(o.id)) reject(ctx, 'device/invalid', `Duplicate ID '${o.id}' for device`, index, 'id');
        deviceIds.add(o.id);
      }
    }
  }

  // ---- Phase 2: the machine
  const machineOpt = all.machine.at(-1);
  const machineType = machineOpt?.option.type || 'pc';
  const compat = resolveMachineType(machineType, version);
  if (!compat) {
    reject(
      ctx,
      'machine/unsupported-type',
      v72 ? 'unsupported machine type\nUse -machine help to list supported machines' : `unsupported machine type: "${machineType}"\nUse -machine help to list supported machines`,
      null,
    );
  }
  let mrb4g = 0n;
  let nvdimmEnabled = false;
  if (machineOpt) {
    const m = machineOpt.option;
    for (const [k] of m.extra ?? []) {
      if (!MACHINE_PROPERTIES.has(k)) {
        reject(ctx, 'machine/property', `Property '${compat.canonicalType}-machine.${k}' not found`, null, k);
      }
    }
    if (m.maxRamBelow4g !== undefined) {
      const v = parseQemuSize(m.maxRamBelow4g);
      if (v === null) reject(ctx, 'machine/property', "Parameter 'max-ram-below-4g' expects size", null, 'maxRamBelow4g');
      if (v > FOUR_GIB) {
        reject(ctx, 'machine/property', `Machine option 'max-ram-below-4g=${v}' expects size less than or equal to 4G`, null, 'maxRamBelow4g');
      }
      if (v < MiB) {
        qemuWarning(ctx, `Only ${v} bytes of RAM below the 4GiB boundary,BIOS may not work with less than 1MiB`, machineOpt.index, 'maxRamBelow4g');
      }
      mrb4g = v;
    }
    if (m.nvdimm !== undefined) {
      const b = parseBool(m.nvdimm);
      if (b === null) reject(ctx, 'machine/property', "Parameter 'nvdimm' expects 'on' or 'off'", null, 'nvdimm');
      nvdimmEnabled = b;
    }
  }
  const machineName = compat.canonicalType;

  // ---- Phase 3: -smp
  const smpOpt = all.smp.at(-1);
  const smpNum = (key: keyof SmpOption): number => {
    const t = smpOpt?.option[key];
    return typeof t === 'string' ? Number(parseQemuUint(t) ?? 0n) : 0;
  };
  if (smpOpt) {
    const given = (['cpus', 'maxcpus', 'sockets', 'dies', 'modules', 'cores', 'threads'] as const).filter(
      (k) => smpOpt.option[k] !== undefined,
    );
    if (v72 && smpOpt.option.modules !== undefined) {
      reject(ctx, 'cmdline/invalid-parameter', "Parameter 'smp.modules' is unexpected", null, 'modules');
    }
    if (given.some((k) => smpNum(k) === 0)) {
      // 7.2 still reads a zero as "not given", with a deprecation warning
      if (v72) qemuWarning(ctx, 'Deprecated CPU topology (considered invalid): CPU topology parameters must be greater than zero');
      else reject(ctx, 'smp/invalid', 'Invalid CPU topology: CPU topology parameters must be greater than zero', null);
    }
  }
  const maxCpusOfMachine = compat.family === 'pc' ? 255 : v72 ? 288 : 4096;
  const topo = computeTopology(
    {
      cpus: smpNum('cpus'),
      maxcpus: smpNum('maxcpus'),
      sockets: smpNum('sockets'),
      dies: smpNum('dies'),
      modules: smpNum('modules'),
      cores: smpNum('cores'),
      threads: smpNum('threads'),
    },
    compat.smpPreferCores,
    maxCpusOfMachine,
    machineName,
    version,
  );
  if (!topo.ok) reject(ctx, 'smp/invalid', topo.message, null);
  const topology = topo.topology;

  // ---- Phase 4: -m
  const memOpt = all.memory.at(-1);
  let ramSize = DEFAULT_RAM_SIZE;
  let slots = 0;
  let maxmem: bigint | null = null;
  if (memOpt) {
    const m = memOpt.option;
    if (m.size !== undefined) {
      // QEMU reads a size without a unit as MiB
      const text = /[0-9]$/.test(m.size) ? m.size + 'M' : m.size;
      const v = parseQemuSize(text);
      if (v === null) reject(ctx, 'memory/ram-size', "Parameter 'memory.size' expects size", null, 'size');
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
    if (maxmem < ramSize) {
      reject(
        ctx,
        'memory/maxmem',
        `invalid value of maxmem: maximum memory size (${hex(maxmem)}) must be at least the initial memory size (${hex(ramSize)})`,
        null,
        'maxmem',
      );
    }
    if (slots > 0 && maxmem === ramSize) {
      reject(
        ctx,
        'memory/maxmem',
        `invalid value of maxmem: memory slots were specified but maximum memory size (${hex(maxmem)}) is equal to the initial memory size (${hex(ramSize)})`,
        null,
        'maxmem',
      );
    }
  } else if (memOpt?.option.slots !== undefined && slots > 0) {
    reject(ctx, 'memory/slots', 'slots specified but no max-size', null, 'slots');
  }
  const maxram = maxmem ?? ramSize;

  // ---- Phase 5: the CPU model (vendor and phys-bits)
  const cpuOpt = all.cpu.at(-1);
  const model = cpuOpt?.option.model || 'qemu64';
  const info = lookupCpuModel(model);
  if (!info) {
    if (model === 'host') reject(ctx, 'cpu/property', "CPU model 'host' requires KVM or HVF", null, 'model');
    reject(ctx, 'cpu/property', `unable to find CPU model '${model}'`, null, 'model');
  }
  let vendor = info.vendor;
  if (cpuOpt?.option.vendor !== undefined) vendor = vendorFromString(cpuOpt.option.vendor);
  let physBits = info.longMode ? DEFAULT_PHYS_BITS : 36;
  if (cpuOpt?.option.physBits !== undefined) {
    const pb = parseQemuUint(cpuOpt.option.physBits, 0xffffffffn);
    if (pb === null) reject(ctx, 'cpu/property', "Parameter 'phys-bits' expects uint32_t", null, 'physBits');
    if (pb !== 0n) physBits = Number(pb);
  }
  const x2apicExtra = extraHas(cpuOpt?.option.extra, 'x2apic');
  const hasX2apic =
    extraHas(cpuOpt?.option.extra, '+x2apic') !== undefined || (x2apicExtra !== undefined ? x2apicExtra === null || parseBool(x2apicExtra) === true : info.x2apic);

  // ---- Phase 6: memory backends (created after the machine, in argument order)
  const backends = new Map<string, Backend>();
  for (const { index, option: o } of all.objects) {
    const b = checkBackend(o);
    if (!b.ok) reject(ctx, 'object/invalid', b.message, b.noPrefix ? null : index, b.field);
    backends.set(o.id, { index, option: o, size: b.size, align: b.align, usedBy: null });
  }

  // ---- Phase 7: -numa
  interface NodeDef {
    id: number;
    memdev: string | null;
    size: bigint;
    index: number;
  }
  const nodeDefs = new Map<number, NodeDef>();
  const cpuNode = new Map<number, number>(); // cpu index -> node
  const distances = new Map<string, number>(); // "src,dst" -> value
  let nextNodeId = 0;
  const possible = possibleCpuIds(topology);
  for (const { index, option } of all.numa) {
    if (option.kind === 'numa-node') {
      const o = option as NumaNodeOption;
      for (const [k] of o.extra ?? []) reject(ctx, 'cmdline/invalid-parameter', `Invalid parameter '${k}'`, index, k);
      let id = nextNodeId;
      if (o.nodeid !== undefined) {
        const n = parseQemuUint(o.nodeid, 0xffffn);
        if (n === null) reject(ctx, 'numa/invalid', "Parameter 'nodeid' expects uint16_t", index, 'nodeid');
        id = Number(n);
      }
      if (id >= MAX_NODES) reject(ctx, 'numa/invalid', `Max number of NUMA nodes reached: ${id}`, index, 'nodeid');
      if (nodeDefs.has(id)) reject(ctx, 'numa/invalid', `Duplicate NUMA nodeid: ${id}`, index, 'nodeid');
      for (const spec of o.cpus ?? []) {
        const m = /^(\d+)(?:-(\d+))?$/.exec(spec);
        if (!m) reject(ctx, 'numa/invalid', "Parameter 'cpus' expects uint16_t", index, 'cpus');
        const first = Number(m[1]);
        const last = m[2] !== undefined ? Number(m[2]) : first;
        if (last < first) reject(ctx, 'numa/invalid', "Parameter 'cpus' expects uint16_t", index, 'cpus');
        if (last >= topology.maxcpus) {
          reject(ctx, 'numa/invalid', `CPU index (${last}) should be smaller than maxcpus (${topology.maxcpus})`, index, 'cpus');
        }
        for (let c = first; c <= last; c++) cpuNode.set(c, id);
      }
      if (o.mem !== undefined && o.memdev !== undefined) {
        reject(ctx, 'numa/invalid', 'cannot specify both mem= and memdev=', index, 'mem');
      }
      if (o.mem !== undefined && compat.numaMemUnsupported) {
        reject(ctx, 'numa/invalid', 'Parameter -numa node,mem is not supported by this machine type\nUse -numa node,memdev instead', index, 'mem');
      }
      let size = 0n;
      let memdev: string | null = null;
      if (o.mem !== undefined) {
        const s = parseQemuSize(/[0-9]$/.test(o.mem) ? o.mem + 'M' : o.mem);
        if (s === null) reject(ctx, 'numa/invalid', "Parameter 'mem' expects a size value", index, 'mem');
        size = s;
      }
      if (o.memdev !== undefined) {
        const b = backends.get(o.memdev);
        if (!b) reject(ctx, 'numa/memdev', `memdev=${o.memdev} is ambiguous`, index, 'memdev');
        size = b.size;
        memdev = o.memdev;
        b.usedBy = 'numa';
      }
      if (o.initiator !== undefined && parseQemuUint(o.initiator, 0xffffn) === null) {
        reject(ctx, 'numa/invalid', "Parameter 'initiator' expects uint16_t", index, 'initiator');
      }
      nodeDefs.set(id, { id, memdev, size, index });
      nextNodeId = id + 1 > nextNodeId ? id + 1 : nextNodeId;
      nextNodeId = Math.max(nextNodeId, nodeDefs.size);
    } else if (option.kind === 'numa-cpu') {
      const o = option as NumaCpuOption;
      if (o.nodeId === undefined) reject(ctx, 'numa/invalid', "Parameter 'node-id' is missing", index, 'nodeId');
      const nid = parseQemuUint(o.nodeId, 0xffffn);
      if (nid === null) reject(ctx, 'numa/invalid', "Parameter 'node-id' expects uint16_t", index, 'nodeId');
      if (!nodeDefs.has(Number(nid))) {
        reject(
          ctx,
          'numa/invalid',
          `Invalid node-id=${nid}, NUMA node must be defined with -numa node,nodeid=ID before it's used with -numa cpu,node-id=ID`,
          index,
          'nodeId',
        );
      }
      const want = {
        socket: o.socketId !== undefined ? Number(parseQemuUint(o.socketId) ?? -1n) : null,
        die: o.dieId !== undefined ? Number(parseQemuUint(o.dieId) ?? -1n) : null,
        module: o.moduleId !== undefined ? Number(parseQemuUint(o.moduleId) ?? -1n) : null,
        core: o.coreId !== undefined ? Number(parseQemuUint(o.coreId) ?? -1n) : null,
        thread: o.threadId !== undefined ? Number(parseQemuUint(o.threadId) ?? -1n) : null,
      };
      let matched = false;
      for (const c of possible) {
        if (want.socket !== null && c.socket !== want.socket) continue;
        if (want.die !== null && c.die !== want.die) continue;
        if (want.module !== null && c.module !== want.module) continue;
        if (want.core !== null && c.core !== want.core) continue;
        if (want.thread !== null && c.thread !== want.thread) continue;
        cpuNode.set(c.index, Number(nid));
        matched = true;
      }
      if (!matched) reject(ctx, 'numa/invalid', 'no match found', index);
    } else if (option.kind === 'numa-dist') {
      const o = option;
      for (const key of ['src', 'dst', 'val'] as const) {
        if (o[key] === undefined) reject(ctx, 'numa/invalid', `Parameter '${key}' is missing`, index, key);
      }
      const src = Number(parseQemuUint(o.src!, 0xffffn) ?? -1n);
      const dst = Number(parseQemuUint(o.dst!, 0xffffn) ?? -1n);
      const val = Number(parseQemuUint(o.val!, 0xffn) ?? -1n);
      if (src < 0 || dst < 0 || val < 0) reject(ctx, 'numa/invalid', 'Invalid NUMA distance', index);
      if (src >= MAX_NODES || dst >= MAX_NODES) {
        reject(ctx, 'numa/invalid', `Parameter '${src >= MAX_NODES ? 'src' : 'dst'}' expects an integer less than ${MAX_NODES}`, index);
      }
      if (!nodeDefs.has(src) || !nodeDefs.has(dst)) {
        reject(ctx, 'numa/invalid', "Source/Destination NUMA node is missing. Please use '-numa node' option to declare it first.", index);
      }
      if (val < 10) reject(ctx, 'numa/invalid', `NUMA distance (${val}) is invalid, it shouldn't be less than 10.`, index, 'val');
      if (src === dst && val !== 10) reject(ctx, 'numa/invalid', `Local distance of node ${src} should be 10.`, index, 'val');
      distances.set(`${src},${dst}`, val);
    }
  }

  // ---- Phase 8: board init — NUMA completion
  let numNodes = nodeDefs.size;
  let implicitNode = false;
  if (numNodes === 0) {
    if ((slots > 0 && compat.autoNumaWithMemhp) || (maxram > ramSize && compat.autoNumaWithMemdev)) {
      implicitNode = true;
      numNodes = 1;
    }
  } else {
    for (let i = 0; i < numNodes; i++) {
      if (!nodeDefs.has(i)) reject(ctx, 'numa/invalid', `numa: Node ID missing: ${i}`, null);
    }
    let total = 0n;
    for (const n of nodeDefs.values()) total += n.size;
    if (total !== ramSize) {
      reject(ctx, 'numa/size-mismatch', `total memory for NUMA nodes (${hex(total)}) should equal RAM size (${hex(ramSize)})`, null);
    }
  }
  if (distances.size > 0) {
    // validate_numa_distance: every pair needs a distance in at least one direction; asymmetric tables need all
    const dist = (a: number, b: number) => distances.get(`${a},${b}`) ?? 0;
    let asymmetric = false;
    for (let a = 0; a < numNodes; a++) {
      for (let b = a; b < numNodes; b++) {
        if (dist(a, b) === 0 && dist(b, a) === 0 && a !== b) {
          reject(
            ctx,
            'numa/invalid',
            `The distance between node ${a} and ${b} is missing, at least one distance value between each nodes should be provided.`,
            null,
          );
        }
        if (dist(a, b) !== 0 && dist(b, a) !== 0 && dist(a, b) !== dist(b, a)) asymmetric = true;
      }
    }
    if (asymmetric) {
      for (let a = 0; a < numNodes; a++) {
        if (dist(a, a) !== 10) {
          reject(
            ctx,
            'numa/invalid',
            'At least one asymmetrical pair of distances is given, please provide distances for both directions of all node pairs.',
            null,
          );
        }
      }
    }
  }
  const nodes: NumaNode[] = [];
  for (let i = 0; i < numNodes; i++) {
    const d = nodeDefs.get(i);
    nodes.push({ id: i, memdev: d?.memdev ?? null, size: implicitNode ? ramSize : (d?.size ?? 0n), cpus: [], implicit: implicitNode });
  }
  const possibleCpus: PossibleCpu[] = possible.map((c) => ({ ...c, node: 0 }));
  if (numNodes > 0) {
    const anyMapped = cpuNode.size > 0;
    const unmapped: number[] = [];
    for (const c of possibleCpus) {
      const n = cpuNode.get(c.index);
      if (n !== undefined) c.node = n;
      else if (!anyMapped) c.node = c.socket % numNodes;
      else {
        c.node = 0;
        unmapped.push(c.index);
      }
      nodes[c.node]!.cpus.push(c.index);
    }
    if (unmapped.length) {
      qemuWarning(
        ctx,
        `CPU(s) not present in any NUMA nodes: ${unmapped
          .map((i) => {
            const c = possibleCpus[i]!;
            return `CPU ${i} [socket-id: ${c.socket}, die-id: ${c.die}, ${v72 ? '' : `module-id: ${c.module}, `}core-id: ${c.core}, thread-id: ${c.thread}]`;
          })
          .join(', ')}`,
      );
      qemuWarning(
        ctx,
        'All CPU(s) up to maxcpus should be described in NUMA config, ability to start up with partial NUMA mappings is obsoleted and will be removed in future',
      );
    }
  }

  // ---- Phase 9: CPUs
  if (physBits < 32) reject(ctx, 'cpu/property', v72 ? `phys-bits should be between 32 and 52  (but is ${physBits})` : `phys-bits should be at least 32 (but is ${physBits})`, null, 'physBits');
  // 11.1 has no upper bound (TCG); 7.2 refuses above 52
  if (v72 && physBits > 52) reject(ctx, 'cpu/property', `phys-bits should be between 32 and 52  (but is ${physBits})`, null, 'physBits');
  const apicLimit = possible.reduce((m, c) => Math.max(m, c.apicId + 1), 0);
  if (v72) {
    if (apicLimit > 255) reject(ctx, 'smp/invalid', 'current -smp configuration requires kernel irqchip and X2APIC API support.', null);
  } else {
    const firstBig = possible.find((c) => c.index < topology.cpus && c.apicId >= 255);
    if (firstBig && !hasX2apic) {
      reject(ctx, 'smp/invalid', `APIC ID ${firstBig.apicId} requires x2APIC feature in CPU\nTry x2apic=on in -cpu.`, null);
    }
  }

  // ---- Phase 10: RAM layout, AMD HT hole, hotplug window
  const split = computeRamSplit(compat, ramSize, mrb4g);
  if (split.warning) qemuWarning(ctx, split.warning);
  const isAmd = vendor === 'AuthenticAMD';
  let above4gStart = FOUR_GIB;
  let window = computeWindowGeometry(compat, ramSize, maxram, slots, above4gStart + split.above4g);
  let maxUsedGpa = computeMaxUsedGpa(compat, window, above4gStart + split.above4g);
  let relocated = false;
  let amdHtHole = false;
  if (isAmd && compat.enforceAmd1tbHole) {
    if (maxUsedGpa >= AMD_HT_START) {
      above4gStart = AMD_HT_END;
      relocated = true;
      window = computeWindowGeometry(compat, ramSize, maxram, slots, above4gStart + split.above4g);
    }
    if (physBits >= 40) amdHtHole = true;
  }
  maxUsedGpa = computeMaxUsedGpa(compat, window, above4gStart + split.above4g);
  if (!info.longMode && compat.version[0] * 100 + compat.version[1] >= 802) {
    maxUsedGpa = (window ? window.base + window.size : above4gStart + split.above4g) - 1n;
  } else if (!info.longMode) {
    maxUsedGpa = (1n << BigInt(physBits)) - 1n;
  }
  // ((hwaddr)1 << phys_bits) - 1: x86 takes the shift count mod 64
  const physLimit = (1n << BigInt(physBits % 64)) - 1n;
  if (physLimit < maxUsedGpa) {
    reject(ctx, 'memory/phys-bits', `Address space limit ${hex(physLimit)} < ${hex(maxUsedGpa)} phys-bits too low (${physBits})`, null);
  }
  const e820: E820Entry[] = [];
  if (amdHtHole) e820.push({ address: AMD_HT_START, length: AMD_HT_END - AMD_HT_START, type: E820_RESERVED });
  e820.push({ address: 0n, length: split.below4g, type: E820_RAM });
  if (split.above4g > 0n) e820.push({ address: above4gStart, length: split.above4g, type: E820_RAM });
  if (!compat.hasReservedMemory && (slots > 0 || maxram > ramSize)) {
    reject(ctx, 'memory/slots', `"-memory 'slots|maxmem'" is not supported by: ${machineName}`, null);
  }
  if (window) {
    if (slots > MAX_RAM_SLOTS) reject(ctx, 'memory/slots', `unsupported amount of memory slots: ${slots}`, null, 'slots');
    if (alignUp(maxram, 4096n) !== maxram) {
      reject(ctx, 'memory/maxmem', 'maximum memory size must by aligned to multiple of 4096 bytes', null, 'maxmem');
    }
    if (window.base + window.size > U64_MAX) {
      reject(ctx, 'memory/maxmem', `unsupported amount of maximum memory: ${hex(maxram)}`, null, 'maxmem');
    }
  }

  // ---- Phase 11: memory devices, in -device order
  const placed: PlacedDevice[] = [];
  /** the plugged devices, kept sorted by address for the first-fit walk */
  const plugIndex = new PlugIndex();
  const usedSlots = new Set<number>();
  let lowestFreeSlot = 0;
  let usedSize = 0n;
  for (const { index, option: d } of all.devices) {
    // properties are set in the order given; a bad one stops the device
    const props = checkDeviceProps(d);
    if (!props.ok) reject(ctx, 'device/invalid', props.message, index, props.field);
    const { node, addr, slot, labelSize } = props;
    let backend: Backend | null = null;
    if (d.memdev !== undefined) {
      backend = backends.get(d.memdev) ?? null;
      if (!backend) reject(ctx, 'device/memdev', `Device '${d.memdev}' not found`, index, 'memdev');
    }
    // machine pre-plug
    let assignedSlot: number | null = null;
    if (d.driver === 'sp-mem') {
      if (node >= numNodes) {
        reject(ctx, 'device/node', `'node' property value ${node} exceeds the number of NUMA nodes (${numNodes})`, index, 'node');
      }
    } else {
      if (d.driver === 'nvdimm' && !nvdimmEnabled) {
        reject(ctx, 'device/invalid', "nvdimm is not enabled: missing 'nvdimm' in '-M'", index);
      }
      if (slot !== UNASSIGNED_SLOT && (slot < 0 || slot >= slots)) {
        reject(ctx, 'device/slot', `invalid slot number ${slot}, valid range is [0-${(slots - 1) >>> 0}]`, index, 'slot');
      }
      if (slots === 0) reject(ctx, 'device/slot', "no slots where allocated, please specify the 'slots' option", index, 'slot');
      if (slot !== UNASSIGNED_SLOT) {
        if (usedSlots.has(slot)) reject(ctx, 'device/slot', `slot ${slot} is busy`, index, 'slot');
        assignedSlot = slot;
      } else {
        // the lowest free slot; slots are only ever taken, so the lowest free one never moves down
        while (lowestFreeSlot < slots && usedSlots.has(lowestFreeSlot)) lowestFreeSlot++;
        if (lowestFreeSlot < slots) assignedSlot = lowestFreeSlot;
        if (assignedSlot === null) reject(ctx, 'device/slot', 'no free slots available', index, 'slot');
      }
    }
    // generic memory-device pre-plug
    if (!window) {
      if (v72 && !compat.hasReservedMemory) {
        reject(ctx, 'placement/no-window', 'memory devices (e.g. for memory hotplug) are not supported by the machine', index);
      }
      reject(
        ctx,
        'placement/no-window',
        v72
          ? 'memory devices (e.g. for memory hotplug) are not enabled, please specify the maxmem option'
          : 'the configuration is not prepared for memory devices (e.g., for memory hotplug), consider specifying the maxmem option',
        index,
      );
    }
    if (!backend) reject(ctx, 'device/memdev', "'memdev' property must be set", index, 'memdev');
    let regionSize = backend.size;
    if (d.driver === 'nvdimm') {
      const pmem = ((backend.size - labelSize) / backend.align) * backend.align;
      if (backend.size <= labelSize || pmem === 0n) {
        reject(
          ctx,
          'device/memdev',
          `the size of memdev ${backend.option.id} (${hex(backend.size)}) is too small to contain nvdimm label (${hex(labelSize)}) and aligned PMEM (${hex(backend.align)})`,
          index,
          'memdev',
        );
      }
      regionSize = backend.size - labelSize > pmem ? pmem : backend.size - labelSize;
    }
    const res = placeMemoryDevice({
      window: window!,
      hint: addr === 0n ? null : addr,
      size: regionSize,
      regionAlign: backend.align,
      minAlign: 0n,
      usedSize,
      capacity: maxram - ramSize,
      plugged: plugIndex.byAddr,
      occupied: plugIndex.occupied,
      legacyAlign: compat.enforceAlignedDimm || d.driver === 'sp-mem' ? null : 4096n,
      qemuVersion: version,
    });
    if (!res.ok) reject(ctx, res.kind, res.message, index, res.field);
    for (const w of res.warnings) qemuWarning(ctx, w, index);
    // realize
    if (d.driver !== 'sp-mem') {
      if (numNodes > 0 ? node >= numNodes : node !== 0) {
        reject(
          ctx,
          'device/node',
          `'DIMM property node has value ${node}' which exceeds the number of numa nodes: ${numNodes || 1}`,
          index,
          'node',
        );
      }
      if (backend.usedBy) reject(ctx, 'device/memdev', `can't use already busy memdev: ${backend.option.id}`, index, 'memdev');
    } else if (backend.usedBy) {
      reject(ctx, 'device/memdev', `memory backend '${backend.option.id}' is already in use`, index, 'memdev');
    }
    backend.usedBy = 'device';
    plugIndex.insert({ addr: res.addr, size: regionSize, label: d.id ?? '(unnamed)' });
    if (assignedSlot !== null) usedSlots.add(assignedSlot);
    usedSize += regionSize;
    placed.push({
      optionIndex: index,
      driver: d.driver,
      id: d.id ?? null,
      memdev: backend.option.id,
      backendType: backend.option.qomType,
      addr: res.addr,
      size: regionSize,
      backendSize: backend.size,
      node,
      slot: assignedSlot,
      align: res.align,
      explicitAddr: addr !== 0n,
    });
  }

  // ---- Phase 12: the tables
  for (const d of placed) {
    if (d.driver === 'sp-mem') e820.push({ address: d.addr, length: d.size, type: E820_SOFT_RESERVED, optionIndex: d.optionIndex });
  }
  const hotplugWindow = window ? { base: window.base, size: window.size, reservedMemoryEnd: reservedMemoryEnd(compat, window) } : null;
  const ramRanges = numNodes > 0 ? walkNodeRam(nodes.map((n) => n.size), split.below4g, above4gStart) : [];
  const srat =
    numNodes > 0
      ? buildSrat({
          possibleCpus,
          numNodes,
          ramRanges,
          nvdimms: nvdimmWalkOrder(doc, placed).map((d) => ({ addr: d.addr, size: d.size, node: d.node, optionIndex: d.optionIndex })),
          window: hotplugWindow,
          spMems: placed
            .filter((d) => d.driver === 'sp-mem')
            .map((d) => ({ addr: d.addr, size: d.size, node: d.node, optionIndex: d.optionIndex })),
        })
      : null;
  const memoryDevices = opts.deviceListings === false ? [] : buildMemoryDeviceInfo(placed);
  return {
    machine: {
      type: machineType,
      family: compat.family,
      canonicalType: compat.canonicalType,
      typeVersion: compat.version,
      nvdimm: nvdimmEnabled,
      pciHole64Size: compat.pciHole64Size,
    },
    cpu: { model, vendor: vendor === 'AuthenticAMD' ? 'AuthenticAMD' : 'GenuineIntel', physBits },
    topology,
    possibleCpus,
    ram: {
      ramSize,
      maxmem: maxram,
      slots,
      below4g: split.below4g,
      above4g: split.above4g,
      above4gStart,
      amdHtHole,
      relocatedTo1T: relocated,
    },
    window: hotplugWindow,
    maxUsedGpa,
    nodes,
    ramRanges,
    devices: placed,
    srat,
    e820,
    e820Bytes: encodeE820(e820),
    memoryDevices,
    infoMemoryDevices: formatInfoMemoryDevices(memoryDevices),
  };
}

export type { MachineCompat };
