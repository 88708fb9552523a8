/**
 * softmmu/vl.c `qemu_create_cli_devices`: the memory devices (pc-dimm, nvdimm, sp-mem, and the virtio-mem-pci /
 * virtio-pmem-pci kept as raw options: virtio-mem.ts) in -device order, each
 * as qdev does it — its properties set in the order given, then the machine's pre-plug (hw/i386/pc.c
 * `pc_memory_pre_plug`: the nvdimm switch, `pc_dimm_pre_plug`'s slot; sp-mem's node), the generic
 * `memory_device_pre_plug` (hw/mem/memory-device.c: device memory, the memdev, the address), realize (the
 * node, a busy memdev) and plug.
 */
import { virtioDeviceDriver, type MemoryDeviceOption, type RawOption, type VirtioMemoryDriver } from '../../document/index.ts';
import { PROPERTY_TABLES } from '../../syntax/index.ts';
import { createUnmodelledDevice, deviceClass, unknownDeviceProperty, warnUnpeeredNics, type UnmodelledNic } from './names.ts';
import { KiB, QEMU_MESSAGES as M, parseQemuUint } from '../../base/index.ts';
import type { PlacedDevice } from '../results.ts';
import type { WindowGeometry } from '../hotplug-window.ts';
import type { MachineConfig } from './machine-options.ts';
import type { MemoryConfig } from './memory-options.ts';
import { shmBackendsOf, type Backend } from './backends.ts';
import { PlugIndex, placeMemoryDevice, type PlacementRequest } from '../placement.ts';
import { plainDecimal, qemuWarning, readSize, readU64, reject, type Ctx, type Indexed } from './context.ts';
import { readVirtioProps, realizeVirtio, virtioMinAlign } from '../virtio-mem.ts';
import { applyDeviceGlobals, checkGlobals, type DeviceGlobalDefaults } from './globals.ts';

/** pc-dimm/nvdimm `slot` default (PC_DIMM_UNASSIGNED_SLOT) */
const UNASSIGNED_SLOT = -1;
/** the DIMM alignment on machine types before 2.2 (without enforce_aligned_dimm) */
const LEGACY_DIMM_ALIGN = 4096n;
/** MIN_NAMESPACE_LABEL_SIZE */
const MIN_LABEL_SIZE = 128n * KiB;

export interface DevicePlugEnv {
  machine: MachineConfig;
  memory: MemoryConfig;
  numNodes: number;
  window: WindowGeometry | null;
  backends: Map<string, Backend>;
}

/** The devices plugged so far. */
interface Plugged {
  /** sorted by address, for the first-fit walk */
  plugIndex: PlugIndex;
  usedSlots: Set<number>;
  /** slots are only ever taken, so the lowest free one never moves down */
  lowestFreeSlot: number;
  usedSize: bigint;
  /** what placing the next device asks (placement.ts) */
  request: PlacementRequest;
}

/** The placed memory devices, in -device order. */
export function createCliDevices(ctx: Ctx, devices: readonly Indexed<MemoryDeviceOption | RawOption>[], env: DevicePlugEnv): PlacedDevice[] {
  const placed: PlacedDevice[] = [];
  const plugIndex = new PlugIndex();
  const plugged: Plugged = {
    plugIndex,
    usedSlots: new Set(),
    lowestFreeSlot: 0,
    usedSize: 0n,
    request: {
      window: env.window ?? { base: 0n, size: 0n },
      hint: null,
      size: 0n,
      regionAlign: 0n,
      minAlign: 0n,
      usedSize: 0n,
      capacity: env.memory.maxram - env.memory.ramSize,
      plugged: plugIndex.byAddr,
      occupied: plugIndex.occupied,
      legacyAlign: null,
      qemuVersion: ctx.version,
    },
  };
  // the properties of the device at hand (one record for all: nothing keeps it)
  const props: DeviceProps = { node: 0, addr: 0n, slot: UNASSIGNED_SLOT, labelSize: 0n };
  const nics: UnmodelledNic[] = [];
  for (const { index, option: d } of devices) {
    if (d.kind === 'raw') {
      const nic = createUnmodelledDevice(ctx, index, d);
      if (nic) nics.push(nic);
      const virtio = virtioDeviceDriver(d);
      if (virtio !== null) placed.push(plugVirtioDevice(ctx, index, d, virtio, env, plugged));
      continue;
    }
    const globals = checkDeviceNames(ctx, d, index, env.backends);
    setDeviceProperties(ctx, d, index, props, globals);
    let backend: Backend | null = null;
    if (d.memdev !== undefined) {
      backend = memdevBackend(ctx, env, d.memdev, index);
    } else if (globals.memdev !== undefined) backend = env.backends.get(globals.memdev) ?? null;
    const slot = pcMemoryPrePlug(ctx, d, index, props, env, plugged);
    checkDeviceMemory(ctx, index, env);
    if (!backend) reject(ctx, 'device/memdev', M.memdevNotSet(), index, 'memdev');
    const size = memoryRegionSize(ctx, d, index, props.labelSize, backend);
    const { addr, align } = memoryDevicePrePlug(ctx, d, index, props.addr, backend, size, env, plugged);
    realize(ctx, d, index, props.node, backend, env.numNodes);
    // plug
    backend.usedBy = 'device';
    plugged.plugIndex.insert({ addr, size, label: d.id ?? M.unnamedDevice(), end: addr + size });
    if (slot !== null) plugged.usedSlots.add(slot);
    plugged.usedSize += size;
    placed.push({
      optionIndex: index,
      driver: d.driver,
      id: d.id ?? null,
      memdev: backend.option.id,
      backendType: backend.option.qomType,
      addr,
      size,
      backendSize: backend.size,
      node: props.node,
      slot,
      align,
      explicitAddr: props.addr !== 0n,
    });
  }
  // qemu_machine_creation_done: network cards without a peer (the -nic and -net options, which make cards and
  // hubs of their own, are not modelled: with one of them the cards' names and QEMU's hub warnings are unknown),
  // then the globals no object took
  if (!ctx.doc.options.some((o) => o.kind === 'raw' && /^--?(nic|net)$/.test(o.args[0] ?? ''))) warnUnpeeredNics(ctx, nics);
  checkGlobals(ctx);
  return placed;
}

interface DeviceProps {
  node: number;
  /** 0: not given */
  addr: bigint;
  slot: number;
  labelSize: bigint;
}

/** The property names of a device option: the modelled fields' QEMU names, then the others. */
function propertyKeys(d: MemoryDeviceOption): string[] {
  const keys: string[] = [];
  for (const [prop, field] of Object.entries(PROPERTY_TABLES.device)) if (d[field] !== undefined) keys.push(prop);
  for (const [k] of d.extra ?? []) keys.push(k);
  return keys;
}

/**
 * With the release's catalog: the model exists in the release (sp-mem is 11.1's), and every property given is
 * one it has — the first, in the order QEMU sets them, that it lacks stops it.
 */
function checkDeviceNames(ctx: Ctx, d: MemoryDeviceOption, index: number, backends: Map<string, Backend>): DeviceGlobalDefaults {
  const c = deviceClass(ctx, index, d.driver);
  // the object made: the -global defaults (globals.ts), before the device's own properties
  const globals = applyDeviceGlobals(ctx, d.driver, index, backends);
  if (!c) return globals;
  const unknown = unknownDeviceProperty(propertyKeys(d), c.properties);
  if (unknown === undefined) return globals;
  const field = Object.entries(PROPERTY_TABLES.device).find(([prop]) => prop === unknown)?.[1] ?? unknown;
  reject(ctx, 'device/invalid', M.propertyNotFound(c.model, unknown), index, field);
}

/** The property values as QEMU's setters read them, in the order given; a bad one stops the device. */
function setDeviceProperties(ctx: Ctx, d: MemoryDeviceOption, index: number, props: DeviceProps, globals: DeviceGlobalDefaults): void {
  const K = 'device/invalid';
  if (d.extra !== undefined && d.extra.length > 0) {
    const [k] = d.extra[0]!;
    reject(ctx, K, M.propertyNotFound(d.driver, k), index, k);
  }
  if (d.driver === 'sp-mem' && d.slot !== undefined) reject(ctx, K, M.propertyNotFound('sp-mem', 'slot'), index, 'slot');
  if (d.driver === 'sp-mem' && d.labelSize !== undefined) reject(ctx, K, M.propertyNotFound('sp-mem', 'label-size'), index, 'labelSize');
  if (d.driver === 'pc-dimm' && d.labelSize !== undefined) reject(ctx, K, M.propertyNotFound('pc-dimm', 'label-size'), index, 'labelSize');
  let node = globals.node ?? 0;
  if (d.node !== undefined) {
    const plain = plainDecimal(d.node);
    if (plain !== null) node = plain;
    else {
      const n = readU64(ctx, d.node);
      if (n === null) reject(ctx, K, M.parameterExpectsInteger('node'), index, 'node');
      if (n > 0xffffffffn) reject(ctx, K, M.parameterExpectsType('node', 'uint32_t'), index, 'node');
      node = Number(n);
    }
  }
  let addr = globals.addr ?? 0n;
  if (d.addr !== undefined) {
    const a = readU64(ctx, d.addr);
    if (a === null) reject(ctx, K, M.parameterExpectsInteger('addr'), index, 'addr');
    addr = a;
  }
  let slot = globals.slot ?? UNASSIGNED_SLOT;
  if (d.slot !== undefined) {
    const neg = d.slot.trim().startsWith('-');
    const sv0 = parseQemuUint(neg ? d.slot.trim().slice(1) : d.slot);
    if (sv0 === null) reject(ctx, K, M.parameterExpectsInteger('slot'), index, 'slot');
    const sv = neg ? -Number(sv0) : Number(sv0);
    if (sv > 0x7fffffff || sv < -0x80000000) reject(ctx, K, M.parameterExpectsType('slot', 'int32_t'), index, 'slot');
    slot = sv;
  }
  let labelSize = globals.labelSize ?? 0n;
  if (d.labelSize !== undefined) {
    const l = readSize(ctx, d.labelSize);
    if (l === null) reject(ctx, K, M.parameterExpectsSizeValue('label-size'), index, 'labelSize');
    if (l < MIN_LABEL_SIZE) reject(ctx, K, M.nvdimmLabelSizeTooSmall(l, MIN_LABEL_SIZE), index, 'labelSize');
    labelSize = l;
  }
  props.node = node;
  props.addr = addr;
  props.slot = slot;
  props.labelSize = labelSize;
}

/** The machine's pre-plug: sp-mem's node; for DIMMs the nvdimm switch and the slot. Returns the slot taken. */
function pcMemoryPrePlug(ctx: Ctx, d: MemoryDeviceOption, index: number, props: DeviceProps, env: DevicePlugEnv, plugged: Plugged): number | null {
  if (d.driver === 'sp-mem') {
    if (props.node >= env.numNodes) reject(ctx, 'device/node', M.spMemNodeTooBig(props.node, env.numNodes), index, 'node');
    return null;
  }
  if (!env.machine.acpi) reject(ctx, 'device/invalid', M.memoryHotplugWithoutAcpi(), index);
  if (d.driver === 'nvdimm' && !env.machine.nvdimm) reject(ctx, 'device/invalid', M.nvdimmNotEnabled(), index);
  return pcDimmPrePlug(ctx, index, props.slot, env.memory.slots, plugged);
}

/** The slot asked for, or the lowest free one. */
function pcDimmPrePlug(ctx: Ctx, index: number, slot: number, slots: number, plugged: Plugged): number {
  if (slot !== UNASSIGNED_SLOT && (slot < 0 || slot >= slots)) {
    reject(ctx, 'device/slot', M.slotOutOfRange(slot, (slots - 1) >>> 0), index, 'slot');
  }
  if (slots === 0) reject(ctx, 'device/slot', M.noSlots(), index, 'slot');
  if (slot !== UNASSIGNED_SLOT) {
    if (plugged.usedSlots.has(slot)) reject(ctx, 'device/slot', M.slotBusy(slot), index, 'slot');
    return slot;
  }
  while (plugged.lowestFreeSlot < slots && plugged.usedSlots.has(plugged.lowestFreeSlot)) plugged.lowestFreeSlot++;
  if (plugged.lowestFreeSlot >= slots) reject(ctx, 'device/slot', M.noFreeSlots(), index, 'slot');
  return plugged.lowestFreeSlot;
}

/** memory_device_pre_plug's first check: the machine has device memory. */
function checkDeviceMemory(ctx: Ctx, index: number, env: DevicePlugEnv): void {
  if (env.window) return;
  if (ctx.release.noDeviceMemoryOnOldTypes && !env.machine.compat.hasReservedMemory) {
    reject(ctx, 'placement/no-window', M.memoryDevicesUnsupported(), index);
  }
  reject(ctx, 'placement/no-window', M[ctx.release.noDeviceMemory](), index);
}

/** The size of the region the device maps: the backend's, for an nvdimm less its label area and aligned. */
function memoryRegionSize(ctx: Ctx, d: MemoryDeviceOption, index: number, labelSize: bigint, backend: Backend): bigint {
  if (d.driver !== 'nvdimm') return backend.size;
  const pmem = ((backend.size - labelSize) / backend.align) * backend.align;
  if (backend.size <= labelSize || pmem === 0n) {
    reject(ctx, 'device/memdev', M.nvdimmTooSmall(backend.option.id, backend.size, labelSize, backend.align), index, 'memdev');
  }
  return backend.size - labelSize > pmem ? pmem : backend.size - labelSize;
}

/** The address: addr= checked, or the first fit (placement.ts). */
function memoryDevicePrePlug(
  ctx: Ctx,
  d: MemoryDeviceOption,
  index: number,
  addr: bigint,
  backend: Backend,
  size: bigint,
  env: DevicePlugEnv,
  plugged: Plugged,
): { addr: bigint; align: bigint } {
  // one request for all devices: placeMemoryDevice keeps nothing of it
  const req = plugged.request;
  req.hint = addr === 0n ? null : addr;
  req.size = size;
  req.regionAlign = backend.align;
  req.minAlign = 0n;
  req.usedSize = plugged.usedSize;
  req.legacyAlign = env.machine.compat.enforceAlignedDimm || d.driver === 'sp-mem' ? null : LEGACY_DIMM_ALIGN;
  const res = placeMemoryDevice(req);
  if (!res.ok) reject(ctx, res.kind, res.message, index, res.field);
  for (let i = 0; i < res.warnings.length; i++) qemuWarning(ctx, res.warnings[i]!, index);
  return res;
}

/** What realizing the device refuses: a DIMM's node beyond the nodes, a memdev already in use. */
function realize(ctx: Ctx, d: MemoryDeviceOption, index: number, node: number, backend: Backend, numNodes: number): void {
  if (d.driver !== 'sp-mem') {
    if (numNodes > 0 ? node >= numNodes : node !== 0) {
      reject(ctx, 'device/node', M.dimmNodeTooBig(node, numNodes || 1), index, 'node');
    }
    if (backend.usedBy) reject(ctx, 'device/memdev', M.dimmMemdevBusy(backend.option.id), index, 'memdev');
  } else if (backend.usedBy) {
    reject(ctx, 'device/memdev', M.spMemMemdevBusy(backend.option.id), index, 'memdev');
  }
}

/**
 * A virtio-mem-pci or virtio-pmem-pci (virtio-mem.ts): its properties, the machine's pre-plug
 * (virtio_md_pci_pre_plug: device memory, the memdev, the address with the device's alignment), then realize
 * (a busy memdev, the node, virtio-mem's sizes) and plug. No slot.
 */
/**
 * A device's memdev= backend: QEMU's "Device … not found" when there is none, but a memory-backend-shm (which QEMU
 * maps and the designer does not yet) is refused in the designer's words.
 */
function memdevBackend(ctx: Ctx, env: DevicePlugEnv, id: string, index: number): Backend {
  const backend = env.backends.get(id);
  if (backend) return backend;
  if (shmBackendsOf(ctx).some((s) => s.id === id)) {
    reject(ctx, 'cmdline/unsupported', `The designer does not yet map a memory-backend-shm ('${id}') as a memory device's memory.`, index, 'memdev');
  }
  return reject(ctx, 'device/memdev', M.deviceNotFound(id), index, 'memdev');
}

function plugVirtioDevice(ctx: Ctx, index: number, d: RawOption, driver: VirtioMemoryDriver, env: DevicePlugEnv, plugged: Plugged): PlacedDevice {
  const p = readVirtioProps(ctx, index, d, driver);
  let backend: Backend | null = null;
  if (p.memdev !== undefined) {
    backend = memdevBackend(ctx, env, p.memdev, index);
  }
  checkDeviceMemory(ctx, index, env);
  if (!backend) reject(ctx, 'device/memdev', M.memdevNotSet(), index, 'memdev');
  const size = backend.size;
  const req = plugged.request;
  req.hint = p.memaddr === 0n ? null : p.memaddr;
  req.size = size;
  req.regionAlign = backend.align;
  req.minAlign = virtioMinAlign(ctx, p, backend);
  req.usedSize = plugged.usedSize;
  req.legacyAlign = null;
  const res = placeMemoryDevice(req);
  if (!res.ok) reject(ctx, res.kind, res.message, index, res.field === 'addr' ? 'memaddr' : res.field);
  for (let i = 0; i < res.warnings.length; i++) qemuWarning(ctx, res.warnings[i]!, index);
  const blockSize = realizeVirtio(ctx, index, p, backend, env.numNodes, res.addr);
  backend.usedBy = 'device';
  plugged.plugIndex.insert({ addr: res.addr, size, label: p.id ?? M.unnamedDevice(), end: res.addr + size });
  plugged.usedSize += size;
  const placedDevice: PlacedDevice = {
    optionIndex: index,
    driver,
    id: p.id,
    memdev: backend.option.id,
    backendType: backend.option.qomType,
    addr: res.addr,
    size,
    backendSize: backend.size,
    node: p.node,
    slot: null,
    align: res.align,
    explicitAddr: p.memaddr !== 0n,
  };
  if (driver === 'virtio-mem-pci') placedDevice.virtioMem = { blockSize, requestedSize: p.requestedSize };
  return placedDevice;
}
