/**
 * `-global`: softmmu/vl.c `qemu_global_option` (read in the option loop), the global property list
 * (hw/core/qdev-properties.c `qdev_prop_register_global`), applied as each device object is made
 * (qom/object.c `object_apply_global_props`: in registration order, to every object of the driver's type or a
 * subtype, before the device's own properties), and `qdev_prop_check_globals` once the machine is made.
 *
 * The designer models the globals of the devices it models: pc-dimm (also nvdimm, its subtype), nvdimm, sp-mem and
 * the board's PCI host (q35-pcihost, i440FX-pcihost: its pci-hole64-size). A global for any other type is kept as
 * written; QEMU's warning for a type that is no device at all is given.
 */
import type { MemoryDeviceDriver, RawOption } from '../../document/index.ts';
import { GiB, MiB, QEMU_MESSAGES as M, U64_MAX, parseQemuSize } from '../../base/index.ts';
import type { MachineCompat } from '../machine-types.ts';
import type { MachineFamily } from '../results.ts';
import { catalogFor, parseBool, parseU64Prop, qemuWarning, reject, type Ctx } from './context.ts';
import type { Backend } from './backends.ts';

/** One -global, as registered. */
export interface GlobalProperty {
  /** the option's index in the document */
  index: number;
  driver: string;
  property: string;
  value: string;
  /** applied to some object (object_apply_global_props sets it before parsing the value) */
  used: boolean;
}

/** the -global options of a run, in argument order */
const GLOBALS_OF = new WeakMap<Ctx, GlobalProperty[]>();

function globalsOf(ctx: Ctx): GlobalProperty[] {
  let list = GLOBALS_OF.get(ctx);
  if (!list) GLOBALS_OF.set(ctx, (list = []));
  return list;
}

/** The flag of a raw option when it is -global, else null. */
export function isGlobalOption(o: RawOption): boolean {
  return o.args[0] === '-global' || o.args[0] === '--global';
}

/**
 * qemu_global_option: `DRIVER.PROPERTY=VALUE` (sscanf `%63[^.=].%63[^=]` then `=`), else the QemuOpts form
 * `driver=D,property=P,value=V`; a refusal stops QEMU where the option stands.
 */
export function readGlobalOption(ctx: Ctx, o: RawOption, index: number): void {
  const text = o.args[1] ?? '';
  const short = /^([^.=]{1,63})\.([^=]{1,63})=/.exec(text);
  if (short) {
    globalsOf(ctx).push({ index, driver: short[1]!, property: short[2]!, value: text.slice(short[0].length), used: false });
    return;
  }
  const opts = new Map<string, string>();
  for (const piece of splitQemuOpts(text)) {
    const eq = piece.indexOf('=');
    let key: string;
    let value: string;
    if (eq >= 0) {
      key = piece.slice(0, eq);
      value = piece.slice(eq + 1);
    } else {
      // a bare word is a flag: `foo` is foo=on, `nofoo` foo=off (deprecated, with QEMU's warning)
      const off = piece.startsWith('no');
      key = off ? piece.slice(2) : piece;
      value = off ? 'off' : 'on';
      qemuWarning(ctx, M.shortFormBooleanDeprecated(piece, key, value), index);
    }
    if (key !== 'driver' && key !== 'property' && key !== 'value') reject(ctx, 'cmdline/invalid-parameter', M.invalidParameter(key), index, key);
    opts.set(key, value);
  }
  const driver = opts.get('driver');
  const property = opts.get('property');
  const value = opts.get('value');
  if (driver === undefined || property === undefined || value === undefined) reject(ctx, 'cmdline/invalid-parameter', M.globalOptionsRequired(), index);
  globalsOf(ctx).push({ index, driver, property, value, used: false });
}

/** QemuOpts' split of `a=1,b=2`: `,,` is a comma inside a value. */
function splitQemuOpts(text: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c !== ',') cur += c;
    else if (text[i + 1] === ',') {
      cur += ',';
      i++;
    } else {
      out.push(cur);
      cur = '';
    }
  }
  if (cur !== '' || out.length === 0 || text.endsWith(',')) out.push(cur);
  // an empty text has no parameter at all
  return text === '' ? [] : out.filter((p, i) => p !== '' || i < out.length - 1);
}

// ---------------------------------------------------------------------------------------------------------------
// Property types, as the string input visitor reads a global's value
// ---------------------------------------------------------------------------------------------------------------

type PropType = 'u32' | 'u64' | 'i32' | 'size' | 'bool' | 'uuid' | 'link' | 'str' | 'read-only';

/** the modelled memory devices' properties (`-device pc-dimm,help`, `nvdimm,help`, `sp-mem,help`) */
const DIMM_PROPS: Record<string, PropType> = { addr: 'u64', memdev: 'link', node: 'u32', size: 'read-only', slot: 'i32' };
const DEVICE_PROPS: Record<MemoryDeviceDriver, Record<string, PropType>> = {
  'pc-dimm': DIMM_PROPS,
  nvdimm: { ...DIMM_PROPS, 'label-size': 'size', unarmed: 'bool', uuid: 'uuid' },
  'sp-mem': { addr: 'u64', memdev: 'link', node: 'u32' },
};

/**
 * The PCI hosts' properties per release: `-device q35-pcihost,help` and `-device i440FX-pcihost,help` of
 * QEMU 7.2.22 and 11.1.3; `read-only` are those QEMU says are not writable (getters, children).
 */
const HOST_COMMON: Record<string, PropType> = {
  'bypass-iommu': 'bool',
  'pci-conf-data[0]': 'read-only',
  'pci-conf-idx[0]': 'read-only',
  'pci-hole-end': 'read-only',
  'pci-hole-start': 'read-only',
  'pci-hole64-end': 'read-only',
  'pci-hole64-size': 'size',
  'pci-hole64-start': 'read-only',
  'x-config-reg-migration-enabled': 'bool',
  'x-pci-hole64-fix': 'bool',
};
const Q35_HOST: Record<string, PropType> = {
  ...HOST_COMMON,
  MCFG: 'u64',
  'above-4g-mem-size': 'size',
  'below-4g-mem-size': 'size',
  'io-mem': 'link',
  mcfg_size: 'read-only',
  mch: 'read-only',
  'pci-mem': 'link',
  'pcie-mmcfg-mmio[0]': 'read-only',
  'ram-mem': 'link',
  'system-mem': 'link',
};
const PCI_HOST_PROPS: Record<'7.2' | '11.1', Record<MachineFamily, Record<string, PropType>>> = {
  '7.2': {
    q35: { ...Q35_HOST, short_root_bus: 'u32' },
    pc: { ...HOST_COMMON, short_root_bus: 'u32' },
  },
  '11.1': {
    q35: { ...Q35_HOST, 'smm-ranges': 'bool' },
    pc: {
      ...HOST_COMMON,
      'above-4g-mem-size': 'size',
      'below-4g-mem-size': 'size',
      'io-mem': 'link',
      'pci-mem': 'link',
      'pci-type': 'str',
      'ram-mem': 'link',
      'system-mem': 'link',
    },
  },
};

/** the PCI host's QOM type per machine family */
const PCI_HOST_TYPE: Record<MachineFamily, string> = { q35: 'q35-pcihost', pc: 'i440FX-pcihost' };

/**
 * A global's value for a property of `type` (the object's QOM type), as the string input visitor reads it; a
 * refusal is QEMU's `can't apply global` error. Returns the value read (sizes and integers as bigint).
 */
function parseGlobalValue(ctx: Ctx, g: GlobalProperty, objType: string, propType: PropType | undefined, index: number | null): bigint | boolean | string {
  const fail = (why: string): never => reject(ctx, 'device/invalid', M.globalFailed(g.driver, g.property, g.value, why), index, g.property);
  const name = g.property;
  const v = g.value;
  switch (propType) {
    case undefined:
      return fail(M.propertyNotFound(objType, name));
    case 'read-only':
      return fail(M.propertyNotWritable(objType, name));
    case 'u32':
    case 'u64': {
      const n = parseU64Prop(v);
      if (n === null) return fail(M.parameterExpectsType(name, 'uint64'));
      if (propType === 'u32' && n > 0xffffffffn) fail(M.parameterExpectsType(name, 'uint32_t'));
      return n;
    }
    case 'i32': {
      const n = parseI64Prop(v);
      if (n === null) return fail(M.parameterExpectsType(name, 'int64'));
      if (n > 0x7fffffffn || n < -0x80000000n) fail(M.parameterExpectsType(name, 'int32_t'));
      return n;
    }
    case 'size': {
      const s = parseQemuSize(v);
      if (s === null) return fail(sizeOutOfRange(ctx, v) ? M.valueOutOfRange(v, name) : M.parameterExpectsSize64(name));
      return s;
    }
    case 'bool': {
      const b = parseBool(v);
      if (b === null) return fail(M.parameterExpectsBool(name));
      return b;
    }
    case 'uuid':
      if (v !== 'auto' && !/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/.test(v)) {
        fail(M.propertyInvalidValue(objType, name));
      }
      return v;
    case 'link':
    case 'str':
      return v;
  }
}

/** qemu_strtoi64 (base 0, the whole text) */
function parseI64Prop(text: string): bigint | null {
  const neg = /^\s*-/.test(text);
  const body = neg ? text.replace(/^\s*-/, '') : text;
  if (neg && /^\s/.test(body)) return null;
  const v = parseU64Prop(body);
  if (v === null || /^\s*-/.test(body)) return null;
  const s = neg ? -v : v;
  return s > 0x7fffffffffffffffn || s < -0x8000000000000000n ? null : s;
}

const SIZE_SUFFIX: Record<string, bigint> = { '': 1n, B: 1n, K: 1024n, M: MiB, G: GiB, T: 1024n * GiB, P: 1024n * 1024n * GiB, E: 1024n * 1024n * 1024n * GiB };

/**
 * qemu_strtosz's ERANGE (parse_option_size then says "out of range" rather than "expects a non-negative
 * number"): a number of the right shape too large for 64 bits; on releases that say so, a leading minus.
 */
function sizeOutOfRange(ctx: Ctx, text: string): boolean {
  if (ctx.release.negativeSizeOutOfRange && /^\s*-/.test(text)) return true;
  const m = /^\s*\+?(\d+)(?:\.(\d*))?([bBkKmMgGtTpPeE]?)$/.exec(text);
  if (m) {
    const int = BigInt(m[1]!);
    if (int > U64_MAX) return true;
    const mul = SIZE_SUFFIX[m[3]!.toUpperCase()]!;
    const frac = m[2] ? Number('0.' + m[2]) : 0;
    return int * mul + BigInt(Math.floor(frac * Number(mul))) > U64_MAX;
  }
  const h = /^\s*0[xX]([0-9a-fA-F]+)$/.exec(text);
  return h !== null && BigInt('0x' + h[1]!) > U64_MAX;
}

// ---------------------------------------------------------------------------------------------------------------
// Applying the globals
// ---------------------------------------------------------------------------------------------------------------

/** What the globals set on a memory device before its own properties (undefined: left at the default). */
export interface DeviceGlobalDefaults {
  node?: number;
  addr?: bigint;
  slot?: number;
  labelSize?: bigint;
  /** the backend a `memdev` global links */
  memdev?: string;
}

/** the QOM types a device of the driver is, most derived first */
function typeChain(driver: MemoryDeviceDriver): string[] {
  return driver === 'nvdimm' ? ['nvdimm', 'pc-dimm'] : [driver];
}

/**
 * object_apply_global_props for a memory device being made: each global whose driver the device is, in the
 * order given; the first value QEMU refuses stops the device (`index`: its -device option). Later globals win.
 */
export function applyDeviceGlobals(ctx: Ctx, driver: MemoryDeviceDriver, index: number, backends: ReadonlyMap<string, Backend>): DeviceGlobalDefaults {
  const out: DeviceGlobalDefaults = {};
  const list = GLOBALS_OF.get(ctx);
  if (!list) return out;
  const chain = typeChain(driver);
  const props = DEVICE_PROPS[driver];
  for (const g of list) {
    if (!chain.includes(g.driver)) continue;
    g.used = true;
    const v = parseGlobalValue(ctx, g, driver, Object.hasOwn(props, g.property) ? props[g.property] : undefined, index);
    switch (g.property) {
      case 'node':
        out.node = Number(v as bigint);
        break;
      case 'addr':
        out.addr = v as bigint;
        break;
      case 'slot':
        out.slot = Number(v as bigint);
        break;
      case 'label-size': {
        const l = v as bigint;
        if (l < LABEL_SIZE_MIN) reject(ctx, 'device/invalid', M.globalFailed(g.driver, g.property, g.value, M.nvdimmLabelSizeTooSmall(l, LABEL_SIZE_MIN)), index, g.property);
        out.labelSize = l;
        break;
      }
      case 'memdev':
        if (!backends.has(g.value)) reject(ctx, 'device/memdev', M.globalFailed(g.driver, g.property, g.value, M.deviceNotFound(g.value)), index, 'memdev');
        out.memdev = g.value;
        break;
    }
  }
  return out;
}

/** MIN_NAMESPACE_LABEL_SIZE */
const LABEL_SIZE_MIN = 128n * 1024n;

/** the machine whose PCI host the board makes (applyMachineOptions registers it) */
const BOARD_OF = new WeakMap<Ctx, { compat: MachineCompat }>();

/** The machine the board will make the PCI host of (its compat is replaced when a global sets pci-hole64-size). */
export function registerBoard(ctx: Ctx, machine: { compat: MachineCompat }): void {
  BOARD_OF.set(ctx, machine);
}

/**
 * The board's PCI host made (pc_q35_init, pc_init1: right after the CPUs, before pc_memory_init): the globals of
 * its type applied in order, the first value QEMU refuses stopping it (QEMU names no option); a pci-hole64-size
 * set so is the one the machine then has.
 */
export function createPciHost(ctx: Ctx): void {
  const machine = BOARD_OF.get(ctx);
  const list = GLOBALS_OF.get(ctx);
  if (!machine || !list) return;
  const { family } = machine.compat;
  let hole64 = machine.compat.pciHole64Size;
  const type = PCI_HOST_TYPE[family];
  const props = PCI_HOST_PROPS[ctx.release.helpLists][family];
  for (const g of list) {
    if (g.driver !== type) continue;
    g.used = true;
    const v = parseGlobalValue(ctx, g, type, Object.hasOwn(props, g.property) ? props[g.property] : undefined, null);
    if (g.property === 'pci-hole64-size') hole64 = v as bigint;
  }
  if (hole64 !== machine.compat.pciHole64Size) machine.compat = { ...machine.compat, pciHole64Size: hole64 };
}

/** the devices the designer models that QEMU does not hotplug: a global for one that is never made is "not used" */
const NOT_HOTPLUGGABLE: ReadonlySet<string> = new Set(['sp-mem']);

/**
 * qdev_prop_check_globals, once the devices are made: a global no object took warns when its driver is no device
 * type of the release, or names a device QEMU never hotplugs.
 */
export function checkGlobals(ctx: Ctx): void {
  const list = GLOBALS_OF.get(ctx);
  if (!list) return;
  for (const g of list) {
    if (g.used) continue;
    const catalog = catalogFor(ctx);
    if (!catalog) continue;
    const isDevice = catalog.device(g.driver)?.model === g.driver || catalog.deviceType(g.driver) !== null;
    if (!isDevice) qemuWarning(ctx, M.globalInvalidClass(g.driver, g.property));
    else if (NOT_HOTPLUGGABLE.has(g.driver)) qemuWarning(ctx, M.globalNotUsed(g.driver, g.property, g.value));
  }
}
