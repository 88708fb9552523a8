/**
 * The elements of the libvirt domain that describe the machine itself: `<cpu>` (model, topology, CPUID features,
 * phys-bits, and the NUMA cells with their distances) and the `<memory>` devices. Which devices libvirt manages
 * and what goes through `<qemu:commandline>` is decided in export-libvirt.ts; what an element cannot carry is
 * reported in `notes`.
 */
import type { BackendObject, ConfigDocument, CpuOption, MemoryDeviceOption, NumaDistOption } from '../document/index.ts';
import { printable } from '../document/index.ts';
import { parseQemuSize, parseQemuUint } from '../base/index.ts';
import type { MachineLayout, PlacedDevice } from '../machine/index.ts';
import { checkXmlText, scaledSize, sizeElement, xmlAttr, xmlText } from './libvirt-xml.ts';

/** QEMU's spellings of a true and a false boolean property. */
export const QEMU_ON: ReadonlySet<string> = new Set(['on', 'yes', 'true', 'y']);
export const QEMU_OFF: ReadonlySet<string> = new Set(['off', 'no', 'false', 'n']);

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

const FEATURE_NAME = /^[a-zA-Z0-9_.-]+$/;
/** -cpu properties that are not CPUID features (libvirt has other elements, or none, for them). */
const NOT_A_FEATURE =
  /^(host-phys-bits(-limit)?|guest-phys-bits|l3-cache|migratable|enforce|check|kvm|pmu|lbr-fmt|x?level|min-x?level|family|model|stepping|model-id|tsc-frequency|ucode-rev|full-cpuid-auto-level|legacy-cache|cpuid-0xb|fill-mtrr-mask|vmware-cpuid-freq|hv-.*|kvm-.*|x-.*)$/;

/** `<model>` of a named CPU model, with its vendor when that is a CPUID vendor string. */
function cpuModel(model: string, cpuOpt: CpuOption | undefined, notes: string[]): string {
  let vendorAttr = '';
  const vendor = cpuOpt?.vendor;
  if (vendor !== undefined) {
    // a CPUID vendor is 12 bytes of the CPUID registers: 12 printable ASCII characters (libvirt: [^,]{12}); a
    // control character in it would not even be XML
    if (/^[\x20-\x2b\x2d-\x7e]{12}$/.test(vendor)) vendorAttr = ` vendor_id='${xmlAttr(vendor)}'`;
    else notes.push(`the CPU vendor '${[...vendor].map(printable).join('')}' is not a CPUID vendor string (12 printable ASCII characters, no comma); it is left out`);
  }
  return `<model fallback='forbid'${vendorAttr}>${xmlText(checkXmlText(model, 'the CPU model'))}</model>`;
}

/** `<topology>`: libvirt has no modules, so they are folded into the cores. */
function cpuTopology(layout: MachineLayout, notes: string[]): string {
  const t = layout.topology;
  if (t.modules > 1) {
    notes.push(`libvirt has no CPU modules: the topology is written with ${t.modules * t.cores} cores per die, which changes APIC IDs`);
  }
  return `<topology sockets='${t.sockets}' dies='${t.dies}' cores='${t.cores * t.modules}' threads='${t.threads}'/>`;
}

/** A `<feature>` for each -cpu property that is a CPUID feature (+f, -f, f=on, f=off, f); the rest are noted. */
function cpuFeatures(cpuOpt: CpuOption | undefined, notes: string[]): string[] {
  const out: string[] = [];
  for (const [key, value] of cpuOpt?.extra ?? []) {
    let name = key;
    let policy: 'require' | 'disable' | null = null;
    if (value === null && (key.startsWith('+') || key.startsWith('-'))) {
      name = key.slice(1);
      policy = key.startsWith('+') ? 'require' : 'disable';
    } else if (value !== null && QEMU_ON.has(value)) policy = 'require';
    else if (value !== null && QEMU_OFF.has(value)) policy = 'disable';
    else if (value === null) policy = 'require';
    if (policy && FEATURE_NAME.test(name) && !NOT_A_FEATURE.test(name)) out.push(`<feature policy='${policy}' name='${name}'/>`);
    else notes.push(`the CPU property '${value === null ? key : `${key}=${value}`}' has no libvirt equivalent here; it is left out`);
  }
  return out;
}

/** `<numa>`: a cell per node with its CPUs, its boot RAM and its distances (none when the machine has no nodes). */
function numaCells(layout: MachineLayout, distances: Map<number, Array<[number, number]>>): string[] {
  if (layout.nodes.length === 0) return [];
  const out: string[] = ['<numa>'];
  for (const n of layout.nodes) {
    const cpus = n.cpus.length ? ` cpus='${cpuSet(n.cpus)}'` : '';
    const mem = scaledSize(n.size);
    const dist = distances.get(n.id);
    if (dist && dist.length) {
      out.push(`  <cell id='${n.id}'${cpus} memory='${mem.value}' unit='${mem.unit}'>`);
      out.push('    <distances>');
      for (const [to, val] of dist) out.push(`      <sibling id='${to}' value='${val}'/>`);
      out.push('    </distances>');
      out.push('  </cell>');
    } else {
      out.push(`  <cell id='${n.id}'${cpus} memory='${mem.value}' unit='${mem.unit}'/>`);
    }
  }
  out.push('</numa>');
  return out;
}

/** `<cpu>`: `maximum` for -cpu max, else the named model; topology, features, phys-bits, NUMA cells. */
export function cpuElement(
  layout: MachineLayout,
  cpuOpt: CpuOption | undefined,
  distances: Map<number, Array<[number, number]>>,
  notes: string[],
): string[] {
  const model = layout.cpu.model;
  const inner: string[] = [];
  let head: string;
  if (model === 'max') {
    head = "<cpu mode='maximum' check='none'>";
  } else {
    head = "<cpu mode='custom' match='exact' check='none'>";
    inner.push(cpuModel(model, cpuOpt, notes));
  }
  inner.push(cpuTopology(layout, notes));
  inner.push(...cpuFeatures(cpuOpt, notes));
  if (cpuOpt?.physBits !== undefined) inner.push(`<maxphysaddr mode='emulate' bits='${layout.cpu.physBits}'/>`);
  inner.push(...numaCells(layout, distances));
  return [head, ...inner.map((l) => '  ' + l), '</cpu>'];
}

/** The -numa dist options as each source node's siblings, by destination; values outside 10..255 are dropped. */
export function numaDistances(doc: ConfigDocument): Map<number, Array<[number, number]>> {
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

/** `<memory model='dimm'>` or `<memory model='nvdimm'>`; `pin` writes the slot and base even when QEMU chose them. */
export function memoryDeviceElement(
  d: PlacedDevice,
  opt: MemoryDeviceOption,
  backend: BackendObject,
  layout: MachineLayout,
  pin: boolean,
): string[] {
  const lines: string[] = [];
  if (d.driver === 'nvdimm') {
    const access = backend.share !== undefined ? (QEMU_ON.has(backend.share) ? " access='shared'" : " access='private'") : '';
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

/**
 * `<memory model='virtio-mem'>` (size, node, block, requested, the address when given or pinned) or
 * `<memory model='virtio-pmem'>` (the file, size, address).
 */
export function virtioMemoryElement(d: PlacedDevice, backend: BackendObject, pin: boolean): string[] {
  const lines: string[] = [];
  const base = d.explicitAddr || pin ? [`    <address base='0x${d.addr.toString(16)}'/>`] : [];
  if (d.driver === 'virtio-pmem-pci') {
    const access = backend.share !== undefined ? (QEMU_ON.has(backend.share) ? " access='shared'" : " access='private'") : '';
    lines.push(`<memory model='virtio-pmem'${access}>`);
    lines.push('  <source>');
    lines.push(`    <path>${xmlText(checkXmlText(backend.memPath!, `the mem-path of '${backend.id}'`))}</path>`);
    lines.push('  </source>');
    lines.push('  <target>', '    ' + sizeElement('size', d.backendSize), ...base, '  </target>');
  } else {
    const v = d.virtioMem!;
    lines.push("<memory model='virtio-mem'>");
    lines.push('  <target>');
    lines.push('    ' + sizeElement('size', d.backendSize));
    lines.push(`    <node>${d.node}</node>`);
    lines.push('    ' + sizeElement('block', v.blockSize));
    lines.push('    ' + sizeElement('requested', v.requestedSize));
    lines.push(...base, '  </target>');
  }
  lines.push('</memory>');
  return lines;
}
