/**
 * The design as a libvirt domain (`virsh define`): a complete, minimal `<domain type='qemu'>` with the memory
 * sizes, vCPUs and topology, NUMA cells and distances, the machine type, the CPU model and its phys-bits, and
 * the pc-dimm / nvdimm devices as `<memory>` devices.
 *
 * What libvirt has no element for goes through `<qemu:commandline>` as QEMU arguments: sp-mem devices and their
 * backends, machine properties, and options the designer does not model. libvirt appends those arguments after
 * its own, so when an sp-mem precedes a DIMM in the design the devices would be placed in another order; the
 * export then pins every memory device to the address the design gives it, so that QEMU builds the same tables
 * (up to the order of several NVDIMMs' SRAT entries, which libvirt's device names decide). Each such decision is
 * reported in `notes`.
 */
import type { BackendObject, ConfigDocument, CpuOption, MachineOption, MemoryDeviceOption } from '../document/index.ts';
import { computeMachine } from '../machine/index.ts';
import { formatQemuError, type CoreError } from '../base/index.ts';
import { optionFlagAndText } from '../syntax/index.ts';
import { escapeOptValue } from '../syntax/index.ts';
import { printable, setDeviceAddr, virtioDeviceDriver, optionWordKey, optionValueWords, type RawOption } from '../document/index.ts';
import type { MachineLayout, PlacedDevice, QemuVersion } from '../machine/index.ts';
import { cpuElement, memoryDeviceElement, numaDistances, QEMU_ON, virtioMemoryElement } from './libvirt-elements.ts';
import { checkXmlText, NotRepresentable, sizeElement, xmlAttr, xmlText } from './libvirt-xml.ts';

export { xmlAttr, xmlText } from './libvirt-xml.ts';
export { cpuSet } from './libvirt-elements.ts';

export const LIBVIRT_QEMU_NS = 'http://libvirt.org/schemas/domain/qemu/1.0';
export const DEFAULT_EMULATOR = '/usr/bin/qemu-system-x86_64';

export interface LibvirtExportOptions {
  /** whose rules compute the layout (11.1 by default) */
  qemuVersion?: QemuVersion;
  /** `<emulator>` path */
  emulator?: string;
}

export type LibvirtExportResult =
  | { ok: true; xml: string; notes: string[] }
  | { ok: false; message: string; /** QEMU's rejection, when that is the reason */ error?: CoreError };

/** A libvirt domain name: one line, no '/'. */
function domainName(name: string, notes: string[]): string {
  const clean = name.replace(/[\r\n\t]+/g, ' ').replaceAll('/', '-').trim();
  const out = clean === '' ? 'memory-map' : clean;
  if (out !== name) notes.push(`the domain is named '${out}' (libvirt names are one line without '/')`);
  return out;
}

/** What a backend says beyond a plain RAM backend of its size (null when nothing): libvirt would lose it. */
function backendNote(b: BackendObject): string | null {
  const extras: string[] = [];
  if (b.qomType !== 'memory-backend-ram') extras.push(b.qomType);
  for (const k of ['share', 'prealloc', 'hugetlb', 'hugetlbsize', 'align'] as const) if (b[k] !== undefined) extras.push(`${k}=${b[k]}`);
  if (b.qomType === 'memory-backend-file' && b.memPath !== undefined) extras.push(`mem-path=${b.memPath}`);
  for (const [k, v] of b.extra ?? []) extras.push(v === null ? k : `${k}=${v}`);
  return extras.length ? `backend '${b.id}' (${extras.join(', ')})` : null;
}

/** The design as a libvirt domain XML document. Never throws. */
export function exportLibvirtXml(doc: ConfigDocument, opts: LibvirtExportOptions = {}): LibvirtExportResult {
  const result = computeMachine(doc, { qemuVersion: opts.qemuVersion ?? '11.1' });
  if (result.error || !result.layout) {
    const error = result.error ?? { kind: 'cmdline/unsupported' as const, message: 'no layout', option: null };
    return { ok: false, message: formatQemuError(error), error };
  }
  try {
    return build(doc, result.layout, opts);
  } catch (e) {
    if (e instanceof NotRepresentable) return { ok: false, message: e.message };
    return { ok: false, message: `cannot export: ${String(e)}` };
  }
}

/** The domain, element by element, after deciding what libvirt manages and what is passed through. */
function build(doc: ConfigDocument, layout: MachineLayout, opts: LibvirtExportOptions): LibvirtExportResult {
  const notes: string[] = [];
  const { backends, machineOpt, cpuOpt } = designOptions(doc);
  const managed = managedDevices(doc, layout, backends, notes);
  const reordered = pinsAddresses(layout, managed, notes);
  const { args, domainType } = passThrough(doc, layout, managed, reordered, machineOpt, notes);
  numaCellNotes(layout, backends, notes);

  const x: string[] = [];
  const ns = args.length ? ` xmlns:qemu='${LIBVIRT_QEMU_NS}'` : '';
  x.push(`<domain type='${domainType}'${ns}>`);
  x.push(`  <name>${xmlText(checkXmlText(domainName(doc.name, notes), 'the design name'))}</name>`);
  x.push(...memoryAndVcpus(layout, managed).map((l) => '  ' + l));
  x.push(...osAndFeatures(machineOpt).map((l) => '  ' + l));
  x.push(...cpuElement(layout, cpuOpt, numaDistances(doc), notes).map((l) => '  ' + l));
  x.push(...devicesElement(doc, layout, backends, managed, reordered, opts, notes).map((l) => '  ' + l));
  x.push(...qemuCommandline(args).map((l) => '  ' + l));
  x.push('</domain>');
  return { ok: true, xml: x.join('\n') + '\n', notes };
}

/** The options the export reads besides the layout: backends by id, -machine, -cpu. */
interface DesignOptions {
  backends: Map<string, BackendObject>;
  machineOpt: MachineOption | undefined;
  cpuOpt: CpuOption | undefined;
}

function designOptions(doc: ConfigDocument): DesignOptions {
  const backends = new Map<string, BackendObject>();
  let machineOpt: MachineOption | undefined;
  let cpuOpt: CpuOption | undefined;
  for (const o of doc.options) {
    if (o.kind === 'object') backends.set(o.id, o);
    else if (o.kind === 'machine') machineOpt = o;
    else if (o.kind === 'cpu') cpuOpt = o;
  }
  return { backends, machineOpt, cpuOpt };
}

// ---------------------------------------------------------------------------------------------------------------
// which memory devices libvirt manages, and in which order QEMU then sees them

/** The keys libvirt's `<memory model='virtio-mem'>` / `'virtio-pmem'` writes (the driver first, unnamed or not). */
const VIRTIO_LIBVIRT_KEYS: Record<'virtio-mem-pci' | 'virtio-pmem-pci', ReadonlySet<string>> = {
  'virtio-mem-pci': new Set(['driver', 'id', 'memdev', 'node', 'requested-size', 'block-size', 'memaddr']),
  'virtio-pmem-pci': new Set(['driver', 'id', 'memdev', 'memaddr']),
};

/** The keys of a raw virtio device's value (key=value or JSON); the bare first word counts as `driver`. */
function virtioKeys(o: RawOption): string[] {
  const text = o.args[1] ?? '';
  if (text.trimStart().startsWith('{')) {
    try {
      return Object.keys(JSON.parse(text) as Record<string, unknown>);
    } catch {
      return ['?'];
    }
  }
  return optionValueWords(text).map((w, i) => optionWordKey(w) ?? (i === 0 ? 'driver' : w));
}

/** Can libvirt write this DIMM or NVDIMM as a `<memory>` device without losing what its backend says? */
function libvirtCanManage(d: PlacedDevice, b: BackendObject, notes: string[], doc: ConfigDocument, layout: MachineLayout): boolean {
  const label = d.id ?? d.memdev;
  if (d.driver === 'virtio-mem-pci' || d.driver === 'virtio-pmem-pci') {
    const o = doc.options[d.optionIndex] as RawOption;
    const extra = virtioKeys(o).filter((k) => !VIRTIO_LIBVIRT_KEYS[d.driver as 'virtio-mem-pci'].has(k));
    const model = d.driver === 'virtio-mem-pci' ? 'virtio-mem' : 'virtio-pmem';
    let why: string | null = null;
    if (extra.length) why = `its ${extra.join(', ')} ${extra.length === 1 ? 'has' : 'have'} no place in <memory model='${model}'>`;
    else if (d.driver === 'virtio-mem-pci') {
      if (layout.nodes.length === 0) why = 'libvirt wants a NUMA cell for it';
      else {
        const note = backendNote(b);
        if (note !== null) why = `libvirt creates its backend itself and would lose ${note}`;
      }
    } else {
      const { share: _s, memPath: _p, ...rest } = b;
      const others = backendNote({ ...rest, qomType: 'memory-backend-ram' });
      if (!(b.qomType === 'memory-backend-file' && b.memPath !== undefined && /^\/[^\n\r]+$/.test(b.memPath) && others === null)) {
        why = 'libvirt takes a file backend with an absolute mem-path on one line and share= only';
      }
    }
    if (why === null) return true;
    notes.push(`${d.driver} '${label}' is passed through <qemu:commandline>: ${why}`);
    return false;
  }
  if (d.driver === 'pc-dimm') {
    // libvirt creates a DIMM's backend itself: only a plain RAM backend says nothing more than <target>
    const note = backendNote(b);
    if (note === null) return true;
    notes.push(`dimm '${label}' is passed through <qemu:commandline> to keep its ${note}`);
  } else if (d.driver === 'nvdimm') {
    // libvirt's schema: an absolute path on one line; share= becomes access=
    const { share: _s, memPath: _p, ...rest } = b;
    const others = backendNote({ ...rest, qomType: 'memory-backend-ram' });
    if (b.qomType === 'memory-backend-file' && b.memPath !== undefined && /^\/[^\n\r]+$/.test(b.memPath) && others === null) return true;
    notes.push(
      `nvdimm '${label}' is passed through <qemu:commandline>: libvirt's <memory model='nvdimm'> takes a file backend with an absolute mem-path on one line and share= only`,
    );
  }
  return false;
}

/** The option indices of the devices written as `<memory>`; every other memory device is passed through. */
function managedDevices(doc: ConfigDocument, layout: MachineLayout, backends: Map<string, BackendObject>, notes: string[]): Set<number> {
  const managed = new Set<number>();
  for (const d of layout.devices) {
    const b = backends.get(d.memdev);
    if (b && libvirtCanManage(d, b, notes, doc, layout)) managed.add(d.optionIndex);
  }
  // QEMU orders the SRAT entries of NVDIMMs by walking its device tree (by id), which addresses cannot pin: when
  // libvirt would put a passed-through NVDIMM after one it manages, pass them all through, keeping ids and order
  const nvdimms = layout.devices.filter((d) => d.driver === 'nvdimm');
  const passedFirst = nvdimms.findIndex((d) => !managed.has(d.optionIndex));
  if (passedFirst >= 0 && nvdimms.slice(passedFirst).some((d) => managed.has(d.optionIndex))) {
    for (const d of nvdimms) managed.delete(d.optionIndex);
    notes.push('all NVDIMMs are passed through <qemu:commandline> to keep their ids and order');
  }
  if (nvdimms.length >= 2) {
    notes.push(
      "with several NVDIMMs, the order of their SRAT entries follows QEMU's table of device ids, which libvirt's own devices and names change: the entries may come in another order than in the design",
    );
  }
  return managed;
}

/**
 * Does libvirt's order (its own devices first, pass-through after) differ from the design's? Then every memory
 * device is pinned to the address the design gives it.
 */
function pinsAddresses(layout: MachineLayout, managed: ReadonlySet<number>, notes: string[]): boolean {
  let seenPassThrough = false;
  let reordered = false;
  for (const d of layout.devices) {
    if (managed.has(d.optionIndex)) {
      if (seenPassThrough) reordered = true;
    } else seenPassThrough = true;
  }
  if (reordered) {
    notes.push(
      'libvirt adds <qemu:commandline> devices after its own, so every memory device is pinned to the address the design gives it (same placement, same tables)',
    );
  }
  return reordered;
}

// ---------------------------------------------------------------------------------------------------------------
// <qemu:commandline>: what libvirt has no element for

interface PassThrough {
  /** QEMU arguments, in document order (a -machine with the unmodelled properties first) */
  args: string[];
  domainType: 'qemu' | 'kvm';
}

/** Is this raw option a way of asking for KVM (-enable-kvm, -accel kvm)? */
function asksForKvm(args: readonly string[]): boolean {
  const flag = args[0]!;
  return flag === '-enable-kvm' || flag === '--enable-kvm' || ((flag === '-accel' || flag === '--accel') && /^kvm(,|$)/.test(args[1] ?? ''));
}

/** The arguments libvirt has no element for (options, backends and devices it does not manage, -machine properties). */
function passThrough(
  doc: ConfigDocument,
  layout: MachineLayout,
  managed: ReadonlySet<number>,
  reordered: boolean,
  machineOpt: MachineOption | undefined,
  notes: string[],
): PassThrough {
  const placed = new Map<number, PlacedDevice>(layout.devices.map((d) => [d.optionIndex, d]));
  const passBackends = new Set<string>();
  for (const d of layout.devices) if (!managed.has(d.optionIndex)) passBackends.add(d.memdev);
  const usedBackends = new Set<string>([...layout.devices.map((d) => d.memdev), ...layout.nodes.flatMap((n) => (n.memdev ? [n.memdev] : []))]);
  const args: string[] = [];
  const rawFlags: string[] = [];
  const unused: string[] = [];
  const passedThrough: string[] = [];
  let domainType: 'qemu' | 'kvm' = 'qemu';
  doc.options.forEach((o, index) => {
    if (o.kind === 'raw' && virtioDeviceDriver(o) !== null) {
      // a virtio memory device: written as <memory> when libvirt manages it, else passed through (pinned to its
      // address with memaddr= when libvirt's order would move it)
      if (managed.has(index)) return;
      const d = placed.get(index);
      const pinned = reordered && d && !d.explicitAddr ? setDeviceAddr(doc, index, d.addr).options[index]! : o;
      args.push(...(pinned as RawOption).args);
      return;
    }
    if (o.kind === 'raw') {
      const flag = o.args[0]!;
      if (asksForKvm(o.args)) {
        domainType = 'kvm';
        notes.push(`${flag} is expressed as <domain type='kvm'>`);
        return;
      }
      args.push(...o.args);
      if (!rawFlags.includes(flag)) rawFlags.push(flag);
    } else if (o.kind === 'object') {
      const { flag, text } = optionFlagAndText(o);
      if (passBackends.has(o.id)) args.push(flag, text);
      else if (!usedBackends.has(o.id)) {
        args.push(flag, text);
        unused.push(o.id);
      }
    } else if (o.kind === 'numa-hmat-lb' || o.kind === 'numa-hmat-cache' || o.kind === 'generic-affinity') {
      // no libvirt element written for them yet: passed through as they are
      const { flag, text } = optionFlagAndText(o);
      args.push(flag, text);
      const what = o.kind === 'generic-affinity' ? `-object ${o.qomType}` : `-numa ${o.kind.slice(5)}`;
      if (!passedThrough.includes(what)) passedThrough.push(what);
    } else if (o.kind === 'device' && !managed.has(index)) {
      const { flag, text } = optionFlagAndText(o);
      const d = placed.get(index);
      if (reordered && d && !d.explicitAddr) args.push(flag, `${text},addr=0x${d.addr.toString(16)}`);
      else args.push(flag, text);
    }
  });
  const managedNvdimm = layout.devices.some((d) => d.driver === 'nvdimm' && managed.has(d.optionIndex));
  const machineArgs = machineProps(machineOpt, managedNvdimm);
  if (machineArgs) args.unshift('-machine', machineArgs);
  if (layout.devices.some((d) => d.driver === 'sp-mem')) {
    notes.push('sp-mem has no libvirt device model: its -object and -device arguments are passed through <qemu:commandline>');
  }
  if (machineArgs) notes.push(`the machine properties '${machineArgs}' are passed through <qemu:commandline>`);
  if (rawFlags.length) notes.push(`options the designer does not model are passed through <qemu:commandline>: ${rawFlags.join(', ')}`);
  if (passedThrough.length) notes.push(`${passedThrough.join(', ')} are passed through <qemu:commandline>`);
  if (unused.length) notes.push(`backends no node or device uses are passed through <qemu:commandline>: ${unused.join(', ')}`);
  return { args, domainType };
}

/** `<qemu:commandline>` with one `<qemu:arg>` per argument (nothing when there are none). */
function qemuCommandline(args: readonly string[]): string[] {
  if (!args.length) return [];
  return [
    '<qemu:commandline>',
    ...args.map((a) => `  <qemu:arg value='${xmlAttr(checkXmlText(a, `the argument '${[...a.slice(0, 40)].map(printable).join('')}'`))}'/>`),
    '</qemu:commandline>',
  ];
}

// ---------------------------------------------------------------------------------------------------------------
// the domain's elements

/** What libvirt does not carry over for the NUMA cells: backend properties, memory devices without cells. */
function numaCellNotes(layout: MachineLayout, backends: Map<string, BackendObject>, notes: string[]): void {
  for (const n of layout.nodes) {
    const b = n.memdev ? backends.get(n.memdev) : undefined;
    const note = b ? backendNote(b) : null;
    if (note) notes.push(`NUMA cell ${n.id}: libvirt creates the RAM backend itself; ${note} is not carried over (see <memoryBacking>)`);
  }
  if (layout.nodes.length === 0 && layout.devices.length > 0) {
    notes.push('libvirt wants at least one NUMA cell for memory devices; this machine type has none');
  }
}

/** `<maxMemory>` (with a hotplug window or maxmem), `<memory>` and `<currentMemory>` (RAM plus managed devices), `<vcpu>`. */
function memoryAndVcpus(layout: MachineLayout, managed: ReadonlySet<number>): string[] {
  let managedSize = 0n;
  for (const d of layout.devices) if (managed.has(d.optionIndex)) managedSize += d.backendSize;
  const total = layout.ram.ramSize + managedSize;
  const t = layout.topology;
  const out: string[] = [];
  if (layout.window || layout.ram.maxmem > layout.ram.ramSize) {
    out.push(`<maxMemory slots='${layout.ram.slots}' unit='KiB'>${(layout.ram.maxmem / 1024n).toString()}</maxMemory>`);
  }
  out.push(sizeElement('memory', total));
  out.push(sizeElement('currentMemory', total));
  out.push(`<vcpu placement='static'${t.cpus < t.maxcpus ? ` current='${t.cpus}'` : ''}>${t.maxcpus}</vcpu>`);
  return out;
}

/** `<os>` with the machine type, and the `<features>` every x86 guest needs. */
function osAndFeatures(machineOpt: MachineOption | undefined): string[] {
  return [
    '<os>',
    `  <type arch='x86_64' machine='${xmlAttr(checkXmlText(machineOpt?.type || 'pc', 'the machine type'))}'>hvm</type>`,
    '</os>',
    '<features>',
    '  <acpi/>',
    '  <apic/>',
    '</features>',
  ];
}

/** `<devices>`: the emulator and the managed memory devices (pinned when libvirt's order differs from the design's). */
function devicesElement(
  doc: ConfigDocument,
  layout: MachineLayout,
  backends: Map<string, BackendObject>,
  managed: ReadonlySet<number>,
  reordered: boolean,
  opts: LibvirtExportOptions,
  notes: string[],
): string[] {
  const out: string[] = ['<devices>'];
  out.push(`  <emulator>${xmlText(checkXmlText(opts.emulator ?? DEFAULT_EMULATOR, 'the emulator path'))}</emulator>`);
  for (const d of layout.devices) {
    if (!managed.has(d.optionIndex)) continue;
    if (d.driver === 'virtio-mem-pci' || d.driver === 'virtio-pmem-pci') {
      out.push(...virtioMemoryElement(d, backends.get(d.memdev)!, reordered).map((l) => '  ' + l));
      continue;
    }
    const opt = doc.options[d.optionIndex] as MemoryDeviceOption;
    out.push(...memoryDeviceElement(d, opt, backends.get(d.memdev)!, layout, reordered).map((l) => '  ' + l));
  }
  out.push('</devices>');
  const renamed = layout.devices.filter((d) => managed.has(d.optionIndex) && d.id !== null).map((d) => d.id!);
  if (renamed.length) notes.push(`libvirt names the <memory> devices itself (dimm0, nvdimm0, virtiomem0, …); the ids ${renamed.join(', ')} are not kept`);
  return out;
}

/** Machine properties libvirt has no element for, as a `-machine` value (null when none). */
function machineProps(m: MachineOption | undefined, managedNvdimm: boolean): string | null {
  if (!m) return null;
  const parts: string[] = [];
  if (m.maxRamBelow4g !== undefined) parts.push(`max-ram-below-4g=${escapeOptValue(m.maxRamBelow4g)}`);
  // libvirt turns nvdimm on by itself when the domain has an <memory model='nvdimm'>
  if (m.nvdimm !== undefined && !(managedNvdimm && QEMU_ON.has(m.nvdimm))) {
    parts.push(`nvdimm=${escapeOptValue(m.nvdimm)}`);
  }
  if (m.hmat !== undefined) parts.push(`hmat=${escapeOptValue(m.hmat)}`);
  for (const [k, v] of m.extra ?? []) parts.push(v === null ? k : `${k}=${escapeOptValue(v)}`);
  return parts.length ? parts.join(',') : null;
}
