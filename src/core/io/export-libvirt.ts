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
import type { BackendObject, ConfigDocument, CpuOption, MachineOption, MemoryDeviceOption, NumaDistOption } from '../document/index.ts';
import { computeMachine } from '../machine/index.ts';
import { formatQemuError, type CoreError } from '../base/index.ts';
import { optionFlagAndText } from '../syntax/index.ts';
import { escapeOptValue } from '../syntax/index.ts';
import { parseQemuSize, parseQemuUint } from '../base/index.ts';
import { findLoneSurrogate, printable } from '../document/index.ts';
import type { MachineLayout, PlacedDevice, QemuVersion } from '../machine/index.ts';

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

/** Characters XML 1.0 cannot carry at all, not even as character references. */
const XML_FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;

class NotRepresentable {
  constructor(readonly message: string) {}
}

function checkXmlText(s: string, what: string): string {
  const bad = XML_FORBIDDEN.exec(s);
  if (bad) {
    const code = bad[0].charCodeAt(0).toString(16).padStart(4, '0');
    throw new NotRepresentable(`${what} contains the character U+${code.toUpperCase()}, which XML cannot carry`);
  }
  if (findLoneSurrogate(s) >= 0) throw new NotRepresentable(`${what} is not valid Unicode`);
  return s;
}

/** Escape for an attribute value in single quotes; tab, newline and CR as references so parsers keep them. */
export function xmlAttr(s: string): string {
  return s
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll("'", '&apos;')
    .replaceAll('"', '&quot;')
    .replaceAll('\t', '&#9;')
    .replaceAll('\n', '&#10;')
    .replaceAll('\r', '&#13;');
}

/** Escape for element text. */
export function xmlText(s: string): string {
  return s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('\r', '&#13;');
}

/** A size as libvirt scaled-integer attributes: KiB when exact, bytes otherwise. */
function scaled(bytes: bigint): { value: string; unit: string } {
  return bytes % 1024n === 0n ? { value: (bytes / 1024n).toString(), unit: 'KiB' } : { value: bytes.toString(), unit: 'b' };
}

function sizeElement(tag: string, bytes: bigint, attrs = ''): string {
  const s = scaled(bytes);
  return `<${tag}${attrs} unit='${s.unit}'>${s.value}</${tag}>`;
}

/** `0-3,6,8-9` for a list of CPU indices. */
export function cpuSet(cpus: readonly number[]): string {
  const sorted = [...new Set(cpus)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    parts.push(i === j ? `${sorted[i]}` : `${sorted[i]}-${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(',');
}

/** A libvirt domain name: one line, no '/'. */
function domainName(name: string, notes: string[]): string {
  const clean = name.replace(/[\r\n\t]+/g, ' ').replaceAll('/', '-').trim();
  const out = clean === '' ? 'memory-map' : clean;
  if (out !== name) notes.push(`the domain is named '${out}' (libvirt names are one line without '/')`);
  return out;
}

const FEATURE_NAME = /^[a-zA-Z0-9_.-]+$/;
/** -cpu properties that are not CPUID features (libvirt has other elements, or none, for them). */
const NOT_A_FEATURE =
  /^(host-phys-bits(-limit)?|guest-phys-bits|l3-cache|migratable|enforce|check|kvm|pmu|lbr-fmt|x?level|min-x?level|family|model|stepping|model-id|tsc-frequency|ucode-rev|full-cpuid-auto-level|legacy-cache|cpuid-0xb|fill-mtrr-mask|vmware-cpuid-freq|hv-.*|kvm-.*|x-.*)$/;
const ON = new Set(['on', 'yes', 'true', 'y']);
const OFF = new Set(['off', 'no', 'false', 'n']);

function cpuElement(
  layout: MachineLayout,
  cpuOpt: CpuOption | undefined,
  distances: Map<number, Array<[number, number]>>,
  notes: string[],
): string[] {
  const model = layout.cpu.model;
  const lines: string[] = [];
  const inner: string[] = [];
  let head: string;
  if (model === 'max') {
    head = "<cpu mode='maximum' check='none'>";
  } else {
    head = "<cpu mode='custom' match='exact' check='none'>";
    let vendorAttr = '';
    const vendor = cpuOpt?.vendor;
    if (vendor !== undefined) {
      if (/^[^,]{12}$/.test(vendor)) vendorAttr = ` vendor_id='${xmlAttr(vendor)}'`;
      else notes.push(`the CPU vendor '${vendor}' is not a 12-character CPUID vendor string; it is left out`);
    }
    inner.push(`<model fallback='forbid'${vendorAttr}>${xmlText(model)}</model>`);
  }
  const t = layout.topology;
  if (t.modules > 1) {
    notes.push(`libvirt has no CPU modules: the topology is written with ${t.modules * t.cores} cores per die, which changes APIC IDs`);
  }
  inner.push(`<topology sockets='${t.sockets}' dies='${t.dies}' cores='${t.cores * t.modules}' threads='${t.threads}'/>`);
  for (const [key, value] of cpuOpt?.extra ?? []) {
    let name = key;
    let policy: 'require' | 'disable' | null = null;
    if (value === null && (key.startsWith('+') || key.startsWith('-'))) {
      name = key.slice(1);
      policy = key.startsWith('+') ? 'require' : 'disable';
    } else if (value !== null && ON.has(value)) policy = 'require';
    else if (value !== null && OFF.has(value)) policy = 'disable';
    else if (value === null) policy = 'require';
    if (policy && FEATURE_NAME.test(name) && !NOT_A_FEATURE.test(name)) inner.push(`<feature policy='${policy}' name='${name}'/>`);
    else notes.push(`the CPU property '${value === null ? key : `${key}=${value}`}' has no libvirt equivalent here; it is left out`);
  }
  if (cpuOpt?.physBits !== undefined) inner.push(`<maxphysaddr mode='emulate' bits='${layout.cpu.physBits}'/>`);
  if (layout.nodes.length > 0) {
    inner.push('<numa>');
    for (const n of layout.nodes) {
      const cpus = n.cpus.length ? ` cpus='${cpuSet(n.cpus)}'` : '';
      const mem = scaled(n.size);
      const dist = distances.get(n.id);
      if (dist && dist.length) {
        inner.push(`  <cell id='${n.id}'${cpus} memory='${mem.value}' unit='${mem.unit}'>`);
        inner.push('    <distances>');
        for (const [to, val] of dist) inner.push(`      <sibling id='${to}' value='${val}'/>`);
        inner.push('    </distances>');
        inner.push('  </cell>');
      } else {
        inner.push(`  <cell id='${n.id}'${cpus} memory='${mem.value}' unit='${mem.unit}'/>`);
      }
    }
    inner.push('</numa>');
  }
  lines.push(head, ...inner.map((l) => '  ' + l), '</cpu>');
  return lines;
}

function collectDistances(doc: ConfigDocument): Map<number, Array<[number, number]>> {
  const out = new Map<number, Map<number, number>>();
  for (const o of doc.options) {
    if (o.kind !== 'numa-dist') continue;
    const d = o as NumaDistOption;
    const src = Number(parseQemuUint(d.src ?? '') ?? -1n);
    const dst = Number(parseQemuUint(d.dst ?? '') ?? -1n);
    const val = Number(parseQemuUint(d.val ?? '') ?? -1n);
    if (src < 0 || dst < 0 || val < 10 || val > 255) continue;
    if (!out.has(src)) out.set(src, new Map());
    out.get(src)!.set(dst, val);
  }
  const result = new Map<number, Array<[number, number]>>();
  for (const [src, m] of out) result.set(src, [...m].sort((a, b) => a[0] - b[0]));
  return result;
}

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

function build(doc: ConfigDocument, layout: MachineLayout, opts: LibvirtExportOptions): LibvirtExportResult {
  const notes: string[] = [];
  const backends = new Map<string, BackendObject>();
  let machineOpt: MachineOption | undefined;
  let cpuOpt: CpuOption | undefined;
  for (const o of doc.options) {
    if (o.kind === 'object') backends.set(o.id, o);
    else if (o.kind === 'machine') machineOpt = o;
    else if (o.kind === 'cpu') cpuOpt = o;
  }

  // which devices libvirt manages, and whether its order (managed first, pass-through after) keeps the design's
  const placed = new Map<number, PlacedDevice>(layout.devices.map((d) => [d.optionIndex, d]));
  const managed = new Set<number>(); // option indices of devices written as <memory>
  for (const d of layout.devices) {
    const b = backends.get(d.memdev);
    const label = d.id ?? d.memdev;
    if (!b) continue;
    if (d.driver === 'pc-dimm') {
      // libvirt creates a DIMM's backend itself: only a plain RAM backend says nothing more than <target>
      const note = backendNote(b);
      if (note === null) managed.add(d.optionIndex);
      else notes.push(`dimm '${label}' is passed through <qemu:commandline> to keep its ${note}`);
    } else if (d.driver === 'nvdimm') {
      // libvirt's schema: an absolute path on one line; share= becomes access=
      const { share: _s, memPath: _p, ...rest } = b;
      const others = backendNote({ ...rest, qomType: 'memory-backend-ram' });
      if (b.qomType === 'memory-backend-file' && b.memPath !== undefined && /^\/[^\n\r]+$/.test(b.memPath) && others === null) {
        managed.add(d.optionIndex);
      } else {
        notes.push(
          `nvdimm '${label}' is passed through <qemu:commandline>: libvirt's <memory model='nvdimm'> takes a file backend with an absolute mem-path on one line and share= only`,
        );
      }
    }
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

  // pass-through arguments, in document order
  const passBackends = new Set<string>();
  for (const d of layout.devices) if (!managed.has(d.optionIndex)) passBackends.add(d.memdev);
  const usedBackends = new Set<string>([...layout.devices.map((d) => d.memdev), ...layout.nodes.flatMap((n) => (n.memdev ? [n.memdev] : []))]);
  const args: string[] = [];
  const rawFlags: string[] = [];
  const unused: string[] = [];
  let domainType: 'qemu' | 'kvm' = 'qemu';
  doc.options.forEach((o, index) => {
    if (o.kind === 'raw') {
      const flag = o.args[0]!;
      if (flag === '-enable-kvm' || flag === '--enable-kvm' || ((flag === '-accel' || flag === '--accel') && /^kvm(,|$)/.test(o.args[1] ?? ''))) {
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
  if (unused.length) notes.push(`backends no node or device uses are passed through <qemu:commandline>: ${unused.join(', ')}`);
  for (const n of layout.nodes) {
    const b = n.memdev ? backends.get(n.memdev) : undefined;
    const note = b ? backendNote(b) : null;
    if (note) notes.push(`NUMA cell ${n.id}: libvirt creates the RAM backend itself; ${note} is not carried over (see <memoryBacking>)`);
  }
  if (layout.nodes.length === 0 && layout.devices.length > 0) {
    notes.push('libvirt wants at least one NUMA cell for memory devices; this machine type has none');
  }

  // sizes
  let managedSize = 0n;
  for (const d of layout.devices) if (managed.has(d.optionIndex)) managedSize += d.backendSize;
  const total = layout.ram.ramSize + managedSize;
  const t = layout.topology;

  const x: string[] = [];
  const ns = args.length ? ` xmlns:qemu='${LIBVIRT_QEMU_NS}'` : '';
  x.push(`<domain type='${domainType}'${ns}>`);
  x.push(`  <name>${xmlText(checkXmlText(domainName(doc.name, notes), 'the design name'))}</name>`);
  if (layout.window || layout.ram.maxmem > layout.ram.ramSize) {
    x.push(`  <maxMemory slots='${layout.ram.slots}' unit='KiB'>${(layout.ram.maxmem / 1024n).toString()}</maxMemory>`);
  }
  x.push('  ' + sizeElement('memory', total));
  x.push('  ' + sizeElement('currentMemory', total));
  x.push(`  <vcpu placement='static'${t.cpus < t.maxcpus ? ` current='${t.cpus}'` : ''}>${t.maxcpus}</vcpu>`);
  x.push('  <os>');
  x.push(`    <type arch='x86_64' machine='${xmlAttr(checkXmlText(machineOpt?.type || 'pc', 'the machine type'))}'>hvm</type>`);
  x.push('  </os>');
  x.push('  <features>', '    <acpi/>', '    <apic/>', '  </features>');
  x.push(...cpuElement(layout, cpuOpt, collectDistances(doc), notes).map((l) => '  ' + l));
  x.push('  <devices>');
  x.push(`    <emulator>${xmlText(checkXmlText(opts.emulator ?? DEFAULT_EMULATOR, 'the emulator path'))}</emulator>`);
  for (const d of layout.devices) {
    if (!managed.has(d.optionIndex)) continue;
    const opt = doc.options[d.optionIndex] as MemoryDeviceOption;
    x.push(...memoryDevice(d, opt, backends.get(d.memdev)!, layout, reordered).map((l) => '    ' + l));
  }
  x.push('  </devices>');
  const renamed = layout.devices.filter((d) => managed.has(d.optionIndex) && d.id !== null).map((d) => d.id!);
  if (renamed.length) notes.push(`libvirt names the <memory> devices itself (dimm0, nvdimm0, …); the ids ${renamed.join(', ')} are not kept`);
  if (args.length) {
    x.push('  <qemu:commandline>');
    for (const a of args) x.push(`    <qemu:arg value='${xmlAttr(checkXmlText(a, `the argument '${[...a.slice(0, 40)].map(printable).join('')}'`))}'/>`);
    x.push('  </qemu:commandline>');
  }
  x.push('</domain>');
  return { ok: true, xml: x.join('\n') + '\n', notes };
}

/** Machine properties libvirt has no element for, as a `-machine` value (null when none). */
function machineProps(m: MachineOption | undefined, managedNvdimm: boolean): string | null {
  if (!m) return null;
  const parts: string[] = [];
  if (m.maxRamBelow4g !== undefined) parts.push(`max-ram-below-4g=${escapeOptValue(m.maxRamBelow4g)}`);
  // libvirt turns nvdimm on by itself when the domain has an <memory model='nvdimm'>
  if (m.nvdimm !== undefined && !(managedNvdimm && ON.has(m.nvdimm))) {
    parts.push(`nvdimm=${escapeOptValue(m.nvdimm)}`);
  }
  for (const [k, v] of m.extra ?? []) parts.push(v === null ? k : `${k}=${escapeOptValue(v)}`);
  return parts.length ? parts.join(',') : null;
}

function memoryDevice(
  d: PlacedDevice,
  opt: MemoryDeviceOption,
  backend: BackendObject,
  layout: MachineLayout,
  pin: boolean,
): string[] {
  const lines: string[] = [];
  if (d.driver === 'nvdimm') {
    const access = backend.share !== undefined ? (ON.has(backend.share) ? " access='shared'" : " access='private'") : '';
    lines.push(`<memory model='nvdimm'${access}>`);
    lines.push('  <source>');
    lines.push(`    <path>${xmlText(checkXmlText(backend.memPath!, `the mem-path of '${backend.id}'`))}</path>`);
    lines.push('  </source>');
  } else {
    lines.push("<memory model='dimm'>");
  }
  lines.push('  <target>');
  lines.push('    ' + sizeElement('size', d.backendSize));
  if (layout.nodes.length > 0) lines.push(`    <node>${d.node}</node>`);
  const labelBytes = opt.labelSize !== undefined ? parseQemuSize(opt.labelSize) : null;
  if (d.driver === 'nvdimm' && labelBytes !== null) {
    lines.push('    <label>', '      ' + sizeElement('size', labelBytes), '    </label>');
  }
  lines.push('  </target>');
  const slot = opt.slot !== undefined || pin ? ` slot='${d.slot ?? 0}'` : '';
  const base = d.explicitAddr || pin ? ` base='0x${d.addr.toString(16)}'` : '';
  if (slot || base) lines.push(`  <address type='dimm'${slot}${base}/>`);
  lines.push('</memory>');
  return lines;
}
