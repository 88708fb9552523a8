/**
 * The designer's own warnings: configurations QEMU accepts but that are likely mistakes for Specific Purpose
 * Memory (shared/docs/sp-mem.md). They never block anything.
 */
import { DEFAULT_HOST_CPU, virtioDeviceDriver, type ConfigDocument } from '../document/index.ts';
import type { Diagnostic } from '../base/index.ts';
import type { MachineLayout } from '../machine/index.ts';
import { optionRef } from '../syntax/index.ts';
import { hex } from '../base/index.ts';
import { linuxPxmToNode } from '../guest/index.ts';
import { LINUX_MEMORY_BLOCK, detectFirmware } from '../guest/index.ts';
import { hostAccess, optionLabel, unmodelledOptions } from './host-access.ts';

function deviceName(d: { id: string | null }): string {
  return d.id ?? '(unnamed)';
}

/** `a, b and c`, or the first three and how many more */
function nameList(names: readonly string[], max = 3): string {
  if (names.length <= 1) return names.join('');
  if (names.length > max) return `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/**
 * Under KVM QEMU's built-in CPU models take the host's vendor (the AMD HT hole and the 1 TiB move follow it) and
 * -cpu host/max its phys-bits: the tables are computed for the design's host CPU setting (ConfigDocument.host).
 */
function kvmHostNote(doc: ConfigDocument): string {
  const h = doc.host ?? DEFAULT_HOST_CPU;
  return (
    `Under KVM the tables shown assume the host CPU ${h.vendor} with ${h.physBits} physical address bits` +
    `${doc.host ? '' : ' (the default: the design names no host)'}: built-in CPU models take the host's vendor unless vendor= is given, ` +
    `-cpu host and max its phys-bits; KVM's reserved E820 entry at 0xfeffc000 is included. On another host they differ.`
  );
}

/**
 * Options kept verbatim that change the memory map in ways the designer does not model; options (modelled or not)
 * that reach the host (run a command, open a file, socket or device: host-access.ts); and a list of every option
 * kept verbatim.
 */
function unmodelled(doc: ConfigDocument): Diagnostic[] {
  const out: Diagnostic[] = [];
  doc.options.forEach((o, index) => {
    if (o.kind !== 'raw') return;
    const [flag = '', value = ''] = o.args;
    let why: string | null = null;
    if (flag === '-enable-kvm' || (flag === '-accel' && /^(accel=)?kvm/.test(value)) || (/^-(M|machine)$/.test(flag) && /accel=kvm/.test(value))) {
      why = kvmHostNote(doc);
    } else if (flag === '-device' && /^(driver=)?(virtio-mem|virtio-pmem)(,|$)/.test(value)) {
      // the bus forms (virtio-mem-device, virtio-pmem) need a virtio bus the designer does not model; the PCI forms
      // are placed like QEMU places them
      why = 'this virtio memory device sits on a virtio bus of its own; the designer places virtio-mem-pci and virtio-pmem-pci only, so placement after it differs';
    } else if (flag === '-object' && /^(memory-backend-epc|sgx)/.test(value)) {
      why = 'SGX EPC sections move the hotplug window; they are not modelled';
    } else if (flag === '-global' && /pci-hole64|below-4g|above-4g/.test(value)) {
      why = 'this -global changes the PCI hole or RAM split and is not modelled';
    } else if (flag === '-mem-path' || flag === '-mem-prealloc') {
      why = 'main RAM from a file changes its alignment only; the tables are unaffected';
    }
    if (why) {
      out.push({ kind: 'designer/unmodelled', severity: 'warning', source: 'designer', message: why, option: { index, flag, text: value } });
    }
  });
  // -machine accel=kvm[:…] is a modelled option: the same note, on it
  doc.options.forEach((o, index) => {
    if (o.kind === 'machine' && /^kvm(:|$)/.test(o.extra?.filter(([k]) => k === 'accel').pop()?.[1] ?? '')) {
      out.push({ kind: 'designer/unmodelled', severity: 'warning', source: 'designer', message: kvmHostNote(doc), option: { index, flag: o.flag ?? '-machine', text: o.text ?? '' } });
    }
  });
  // what any option (modelled or not) makes QEMU do to the host: a shared design can carry it
  for (const o of hostAccess(doc)) {
    const what = o.access.map((a) => `${a.why}${a.value && a.value !== o.text ? ` (${a.value})` : ''}`).join('; ');
    out.push({
      kind: 'designer/unmodelled',
      severity: 'warning',
      source: 'designer',
      message: `Reaches the host when QEMU runs: ${what}. Check it before running this design; the exports keep it as written.`,
      option: { index: o.index, flag: o.flag, text: o.text },
    });
  }
  // and every option kept without being modelled, so that none goes unseen
  // (virtio-mem-pci and virtio-pmem-pci are kept as written, but placed like the other memory devices)
  const raw = unmodelledOptions(doc).filter((o) => !o.modelled && virtioDeviceDriver(doc.options[o.index]!) === null);
  if (raw.length) {
    const shown = raw.slice(0, 8).map((o) => optionLabel(o, 60));
    out.push({
      kind: 'designer/unmodelled',
      severity: 'info',
      source: 'designer',
      message: `${raw.length} option${raw.length === 1 ? '' : 's'} the designer does not model ${raw.length === 1 ? 'is' : 'are'} kept as written and exported in place: ${shown.join(', ')}${raw.length > shown.length ? ` and ${raw.length - shown.length} more` : ''}.`,
      option: null,
    });
  }
  return out;
}

/** When Linux will number the guest's NUMA nodes differently from QEMU's node ids (first appearance in SRAT). */
function renumbered(layout: MachineLayout): Diagnostic[] {
  if (!layout.srat) return [];
  const moved = [...linuxPxmToNode(layout.srat.entries, layout.srat.genericAffinity).entries()].filter(([pxm, node]) => pxm !== node);
  if (!moved.length) return [];
  const pairs = moved.map(([pxm, node]) => `QEMU node ${pxm} → Linux node ${node}`).join(', ');
  return [
    {
      kind: 'numa/guest-renumbered',
      severity: 'info',
      source: 'designer',
      message: `The guest numbers its NUMA nodes in the order their proximity domains first appear in the SRAT, the CPUs' and generic initiators' before memory's (acpi_numa_init, acpi_map_pxm_to_node): ${pairs}. Hotpluggable ranges carry the last node's PXM, so a gap before a lower node's range moves it.`,
      option: null,
    },
  ];
}

export function designerDiagnostics(doc: ConfigDocument, layout: MachineLayout): Diagnostic[] {
  const out: Diagnostic[] = [...unmodelled(doc), ...renumbered(layout)];
  const spm = layout.devices.filter((d) => d.driver === 'sp-mem');
  if (spm.length === 0) return out;
  const warn = (kind: Diagnostic['kind'], message: string, index: number | null, field?: string, severity: Diagnostic['severity'] = 'warning') => {
    const d: Diagnostic = { kind, severity, source: 'designer', message, option: index === null ? null : optionRef(doc, index) };
    if (field !== undefined) d.field = field;
    out.push(d);
  };
  const byNode = new Map<number, typeof layout.devices>();
  for (const d of layout.devices) {
    if (d.driver === 'sp-mem') continue;
    const list = byNode.get(d.node) ?? [];
    list.push(d);
    byNode.set(d.node, list);
  }
  // one warning per node that mixes SPM with ordinary memory, linked to its first sp-mem
  const spmByNode = new Map<number, typeof spm>();
  for (const d of spm) spmByNode.set(d.node, [...(spmByNode.get(d.node) ?? []), d]);
  for (const [nodeId, list] of spmByNode) {
    const node = layout.nodes[nodeId];
    const others = byNode.get(nodeId) ?? [];
    if (!(node && node.size > 0n) && others.length === 0) continue;
    const ordinary = [node && node.size > 0n ? 'its own RAM' : null, ...others.map((o) => `${o.driver} ${deviceName(o)}`)].filter(
      (x): x is string => x !== null,
    );
    warn(
      'spm/mixed-node',
      `NUMA node ${nodeId} mixes Specific Purpose Memory (${nameList(list.map((d) => `sp-mem ${deviceName(d)}`))}) with ordinary memory (${nameList(ordinary)}): a node should hold one memory type, and drivers that find their memory by proximity domain can mis-discover it`,
      list[0]!.optionIndex,
      'node',
    );
  }
  if (layout.window) {
    // An sp-mem fragments the window when hot-pluggable space (free, or held by a DIMM) of at least one Linux
    // memory block lies both below and above it: the umbrella is split and hot-added memory can no longer be
    // one contiguous range.
    const sorted = [...layout.devices].sort((a, b) => (a.addr < b.addr ? -1 : a.addr > b.addr ? 1 : 0));
    const wEnd = layout.window.base + layout.window.size;
    const spmTotal = spm.reduce((s, d) => s + d.size, 0n);
    let spmBelow = 0n;
    const splitting: typeof spm = [];
    for (const d of sorted) {
      if (d.driver !== 'sp-mem') continue;
      const hotBelow = d.addr - layout.window.base - spmBelow;
      const hotAbove = wEnd - (d.addr + d.size) - (spmTotal - spmBelow - d.size);
      if (hotBelow >= LINUX_MEMORY_BLOCK && hotAbove >= LINUX_MEMORY_BLOCK) splitting.push(d);
      spmBelow += d.size;
    }
    if (splitting.length) {
      const first = splitting[0]!;
      warn(
        'spm/fragments-window',
        `${splitting.length === 1 ? `sp-mem ${deviceName(first)} at ${hex(first.addr)} sits` : `${nameList(splitting.map((d) => `sp-mem ${deviceName(d)}`))} sit`} inside the hotplug window with hotpluggable space on both sides: the SRAT umbrella is split and the largest range left for memory hotplug shrinks; put sp-mem first and DIMMs on top (the window inspector proposes it)`,
        first.optionIndex,
        'addr',
      );
    }
  }
  // runs of sp-mem ranges that touch across nodes: Linux merges each run into one soft-reserved range
  const spmSorted = [...spm].sort((a, b) => (a.addr < b.addr ? -1 : a.addr > b.addr ? 1 : 0));
  for (let i = 1; i < spmSorted.length; ) {
    const run = [spmSorted[i - 1]!];
    while (i < spmSorted.length && run.at(-1)!.addr + run.at(-1)!.size === spmSorted[i]!.addr) run.push(spmSorted[i++]!);
    i++;
    const lost = [...new Set(run.slice(1).map((d) => d.node).filter((n) => n !== run[0]!.node))];
    if (run.length < 2 || lost.length === 0) continue;
    warn(
      'spm/adjacent-merge',
      `${nameList(run.map((d) => `sp-mem ${deviceName(d)} (node ${d.node})`))} touch one another (at ${nameList(run.slice(1).map((d) => hex(d.addr)))}): Linux merges touching soft-reserved E820 ranges, so the guest gets one dax device on node ${run[0]!.node} and ${lost.length === 1 ? `node ${lost[0]} gets` : `nodes ${nameList(lost.map(String))} get`} no memory. Leave a gap between them (set addr= one alignment step further).`,
      run[1]!.optionIndex,
      'addr',
    );
  }
  if (detectFirmware(doc) === 'seabios') {
    warn(
      'spm/seabios-hides',
      'This command line boots SeaBIOS, which copies only RAM and RESERVED entries from etc/e820: the guest never sees the SOFT_RESERVED range(s). Boot OVMF to give the guest EFI_MEMORY_SP memory.',
      null,
    );
  }
  warn(
    'spm/info-numa-abort',
    'QEMU 11.1.3 aborts on the HMP command `info numa` while an sp-mem device exists; use query-memory-devices instead.',
    null,
    undefined,
    'info',
  );
  warn(
    'spm/kmem-tier',
    'Since Linux 6.3 the guest hot-adds soft-reserved memory as System RAM (kmem) by default, in a slower memory tier unless HMAT says otherwise; for HBM boot with memory offline and keep device-dax.',
    null,
    undefined,
    'info',
  );
  return out;
}
