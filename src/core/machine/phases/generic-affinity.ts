/**
 * `-object acpi-generic-initiator` and `-object acpi-generic-port` (hw/acpi/pci.c, QEMU 9.0+): read as QEMU reads
 * the object (QAPI AcpiGenericInitiatorProperties / AcpiGenericPortProperties, then the `node` setter when the
 * object is created with the late backends, before -numa), and their SRAT structures as build_srat adds them
 * (build_srat_generic_affinity_structures: the initiators, then the ports, each in QOM's /objects child order).
 *
 * The PCI bus and devfn QEMU writes for an initiator's device are what the device has when the guest reads the
 * tables. Modelled: a device on the root bus (`pcie.0` / `pci.0`), with `addr=` or the first free slot QEMU gives
 * it under `-nodefaults`. Anything else (a device behind a bridge, whose bus number the firmware assigns; the
 * default devices of a run without -nodefaults) is refused as not modelled by the designer.
 */
import type { GenericAffinityObject } from '../../document/index.ts';
import { QEMU_MESSAGES as M, parseQemuUint } from '../../base/index.ts';
import { splitOptValue } from '../../syntax/index.ts';
import { sratGenericInitiator, sratGenericPort, type SratGenericAffinity } from '../../tables/index.ts';
import { gHashIterationOrder } from '../../base/index.ts';
import { reject, type Ctx } from './context.ts';

/** QEMU's MAX_NODES */
const MAX_NODES = 128;

export interface GenericObject {
  index: number;
  qomType: GenericAffinityObject['qomType'];
  id: string;
  /** pci-dev= or pci-bus= */
  target: string;
  node: number;
}

/** The objects as QEMU creates them; refuses as QEMU does when it reads or creates one. */
export function readGenericObjects(ctx: Ctx): GenericObject[] {
  const out: GenericObject[] = [];
  const objectIds = new Set<string>();
  ctx.doc.options.forEach((o, index) => {
    if (o.kind === 'object') objectIds.add(o.id);
    if (o.kind !== 'generic-affinity') return;
    if (!ctx.release.genericAffinityObjects) reject(ctx, 'object/invalid', M.parameterValueNotAccepted('qom-type', o.qomType), index);
    for (const [k] of o.extra ?? []) reject(ctx, 'object/invalid', M.parameterUnexpected(k), index, k);
    if (o.id === '') reject(ctx, 'object/invalid', M.parameterMissing('id'), index, 'id');
    const targetKey = o.qomType === 'acpi-generic-initiator' ? 'pci-dev' : 'pci-bus';
    const target = o.qomType === 'acpi-generic-initiator' ? o.pciDev : o.pciBus;
    const wrong = o.qomType === 'acpi-generic-initiator' ? o.pciBus : o.pciDev;
    if (wrong !== undefined) reject(ctx, 'object/invalid', M.parameterUnexpected(targetKey === 'pci-dev' ? 'pci-bus' : 'pci-dev'), index);
    if (target === undefined) reject(ctx, 'object/invalid', M.parameterMissing(targetKey), index, o.qomType === 'acpi-generic-initiator' ? 'pciDev' : 'pciBus');
    if (o.node === undefined) reject(ctx, 'object/invalid', M.parameterMissing('node'), index, 'node');
    const node = parseQemuUint(o.node, 0xffff_ffffn);
    if (node === null) reject(ctx, 'object/invalid', M.parameterExpectsType('node', 'uint32_t'), index, 'node');
    if (objectIds.has(o.id)) reject(ctx, 'object/duplicate-id', M.duplicateId(o.id, 'object'), index, 'id');
    objectIds.add(o.id);
    out.push({ index, qomType: o.qomType, id: o.id, target, node: Number(node) });
  });
  // acpi_generic_node_set_node, when the late backends are created
  for (const g of out) if (g.node >= MAX_NODES) reject(ctx, 'object/invalid', M.genericNodeTooBig(), null);
  return out;
}

interface RawDevice {
  index: number;
  driver: string;
  props: Map<string, string | null>;
}

function rawDevices(ctx: Ctx): RawDevice[] {
  const out: RawDevice[] = [];
  ctx.doc.options.forEach((o, index) => {
    if (o.kind !== 'raw' || !/^--?device$/.test(o.args[0] ?? '') || o.args[1] === undefined) return;
    const pairs = splitOptValue(o.args[1], 'driver');
    const props = new Map<string, string | null>();
    for (const p of pairs) props.set(p.key, p.value);
    out.push({ index, driver: props.get('driver') ?? '', props });
  });
  return out;
}

/** Drivers known to be PCI devices (enough for the designer's slot count; others are not modelled). */
function isKnownPci(driver: string): boolean {
  return (
    /-pci(-(non-)?transitional)?$/.test(driver) ||
    /^(pcie-root-port|pcie-pci-bridge|pci-bridge|pxb|pxb-pcie|pxb-cxl|e1000|e1000e|rtl8139|nvme|VGA|qxl|qxl-vga|bochs-display|virtio-vga|ivshmem-plain|ivshmem-doorbell|igb|vmxnet3|megasas|lsi53c895a|ich9-ahci|ich9-intel-hda|intel-hda|usb-ehci|nec-usb-xhci|qemu-xhci|piix3-usb-uhci|cxl-rp|cxl-type3)$/.test(driver)
  );
}

function notModelled(ctx: Ctx, what: string, index: number | null): never {
  reject(ctx, 'cmdline/unsupported', `The designer does not model ${what}; it cannot write this acpi-generic-initiator's SRAT entry.`, index);
}

/** slot[.fn] as QEMU's PCI devaddr property reads it (`%x.%x` or `%x`); null when it is not one. */
function parseDevaddr(text: string): number | null {
  const m = /^(?:0[xX])?([0-9a-fA-F]+)(?:\.(?:0[xX])?([0-9a-fA-F]+))?$/.exec(text);
  if (!m) return null;
  const slot = parseInt(m[1]!, 16);
  const fn = m[2] !== undefined ? parseInt(m[2], 16) : 0;
  if (slot > 31 || fn > 7) return null;
  return (slot << 3) | fn;
}

/** The bus number and devfn of the PCI device `id` (root bus only, see the file comment). */
function pciAddress(ctx: Ctx, family: 'pc' | 'q35', devices: readonly RawDevice[], id: string, giIndex: number): { bus: number; devfn: number } | null {
  const target = devices.find((d) => d.props.get('id') === id);
  if (!target) return null;
  if (!isKnownPci(target.driver)) notModelled(ctx, `whether the device '${target.driver}' is a PCI device`, target.index);
  const root = family === 'q35' ? 'pcie.0' : 'pci.0';
  const onRoot = (d: RawDevice) => {
    const bus = d.props.get('bus');
    return bus === undefined || bus === root;
  };
  if (!onRoot(target)) notModelled(ctx, 'the bus numbers the firmware gives to buses behind bridges', giIndex);
  const explicit = target.props.get('addr');
  if (explicit !== undefined && explicit !== null) {
    const devfn = parseDevaddr(explicit);
    if (devfn === null) notModelled(ctx, `the PCI address '${explicit}'`, target.index);
    return { bus: 0, devfn };
  }
  // the first free slot, as pci_bus_devfn_available walks them: the board's own devices, then each -device
  if (!ctx.doc.options.some((o) => o.kind === 'raw' && o.args[0] === '-nodefaults')) {
    notModelled(ctx, 'the PCI slots the default devices take without -nodefaults', giIndex);
  }
  const used = new Set<number>(family === 'q35' ? [0x00, 0xf8, 0xfa, 0xfb] : [0x00, 0x08, 0x09, 0x0b]);
  for (const d of devices) {
    if (d.props.has('bus') && !onRoot(d)) continue;
    if (!isKnownPci(d.driver)) notModelled(ctx, `whether the device '${d.driver}' takes a PCI slot`, d.index);
    const addr = d.props.get('addr');
    let devfn: number | null = null;
    if (addr !== undefined && addr !== null) devfn = parseDevaddr(addr);
    else for (let s = 0; s < 32 && devfn === null; s++) if (!used.has(s << 3)) devfn = s << 3;
    if (devfn === null || (used.has(devfn) && d !== target)) notModelled(ctx, 'a PCI slot taken twice or no free slot', d.index);
    used.add(devfn);
    if (d === target) return { bus: 0, devfn };
  }
  return null;
}

/**
 * build_srat_generic_affinity_structures: the SRAT structures of the objects, with QEMU's checks (run when the
 * SRAT is built, so only with NUMA nodes).
 */
export function buildGenericAffinity(ctx: Ctx, objects: readonly GenericObject[], numNodes: number, family: 'pc' | 'q35'): SratGenericAffinity[] {
  if (objects.length === 0) return [];
  // QOM's /objects children, in GLib hash order of every -object id
  const allIds: string[] = [];
  for (const o of ctx.doc.options) if ((o.kind === 'object' || o.kind === 'generic-affinity') && o.id !== '') allIds.push(o.id);
  const rank = new Map(gHashIterationOrder(allIds).map((id, i) => [id, i] as const));
  const inOrder = (type: GenericObject['qomType']) => objects.filter((g) => g.qomType === type).sort((a, b) => rank.get(a.id)! - rank.get(b.id)!);
  const devices = rawDevices(ctx);
  const out: SratGenericAffinity[] = [];
  for (const g of inOrder('acpi-generic-initiator')) {
    if (g.node >= numNodes) reject(ctx, 'numa/invalid', M.genericInitiatorNodeInvalid(g.node), null);
    const addr = pciAddress(ctx, family, devices, g.target, g.index);
    if (!addr) reject(ctx, 'numa/invalid', M.genericInitiatorNotPci(), null);
    out.push(sratGenericInitiator(g.node, addr.bus, addr.devfn, g.index));
  }
  for (const g of inOrder('acpi-generic-port')) {
    if (g.node >= numNodes) reject(ctx, 'numa/invalid', M.genericPortNodeInvalid(g.node), null);
    const bridge = devices.find((d) => d.driver === 'pxb-cxl' && d.props.get('id') === g.target);
    if (!bridge) reject(ctx, 'numa/invalid', M.genericPortNotCxl(), null);
    const busNr = bridge.props.get('bus_nr');
    const uid = busNr === undefined || busNr === null ? 0n : parseQemuUint(busNr, 0xffn);
    if (uid === null) notModelled(ctx, `the bus_nr '${busNr}'`, bridge.index);
    out.push(sratGenericPort(g.node, Number(uid), g.index));
  }
  return out;
}

