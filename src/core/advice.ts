/**
 * The designer's own warnings: configurations QEMU accepts but that are likely mistakes for Specific Purpose
 * Memory (shared/docs/sp-mem.md). They never block anything.
 */
import type { ConfigDocument } from './document.ts';
import type { Diagnostic } from './diagnostics.ts';
import type { MachineLayout } from './results.ts';
import { optionRef } from './cmdline-format.ts';
import { hex } from './qemu-numbers.ts';

/** Which firmware the command line boots: OVMF when a pflash drive or a -bios names OVMF/edk2, else SeaBIOS. */
export function detectFirmware(doc: ConfigDocument): 'seabios' | 'ovmf' {
  for (const o of doc.options) {
    if (o.kind !== 'raw') continue;
    const text = o.args.join(' ').toLowerCase();
    if ((o.args[0] === '-bios' || o.args[0] === '-drive' || o.args[0] === '-blockdev' || o.args[0] === '-pflash') && /ovmf|edk2|\.fd\b/.test(text)) {
      return 'ovmf';
    }
  }
  return 'seabios';
}

/** Options kept verbatim that change the memory map in ways the designer does not model. */
function unmodelled(doc: ConfigDocument): Diagnostic[] {
  const out: Diagnostic[] = [];
  doc.options.forEach((o, index) => {
    if (o.kind !== 'raw') return;
    const [flag = '', value = ''] = o.args;
    let why: string | null = null;
    if (flag === '-enable-kvm' || (flag === '-accel' && /^(accel=)?kvm/.test(value)) || (/^-(M|machine)$/.test(flag) && /accel=kvm/.test(value))) {
      why = 'KVM adds a reserved E820 entry at 0xfeffc000 that TCG does not; the tables shown are the TCG ones';
    } else if (flag === '-device' && /^(virtio-mem|virtio-pmem)/.test(value)) {
      why = 'virtio-mem and virtio-pmem devices take room in the hotplug window; they are not modelled, so placement after them differs';
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
  return out;
}

export function designerDiagnostics(doc: ConfigDocument, layout: MachineLayout): Diagnostic[] {
  const out: Diagnostic[] = unmodelled(doc);
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
  for (const d of spm) {
    const name = d.id ?? '(unnamed)';
    const node = layout.nodes[d.node];
    const others = byNode.get(d.node) ?? [];
    if ((node && node.size > 0n) || others.length) {
      const what = [node && node.size > 0n ? 'its own RAM' : null, ...others.map((o) => `${o.driver} ${o.id ?? '(unnamed)'}`)]
        .filter(Boolean)
        .join(', ');
      warn(
        'spm/mixed-node',
        `sp-mem ${name} shares NUMA node ${d.node} with ${what}: a node should hold one memory type, and drivers that find their memory by proximity domain can mis-discover it`,
        d.optionIndex,
        'node',
      );
    }
  }
  if (layout.window) {
    // walk the devices in address order: an sp-mem fragments the window when hot-pluggable space (free, or held
    // by a DIMM) lies both below and above it
    const sorted = [...layout.devices].sort((a, b) => (a.addr < b.addr ? -1 : a.addr > b.addr ? 1 : 0));
    const wEnd = layout.window.base + layout.window.size;
    let cursor = layout.window.base;
    let hotpluggableBelow = false;
    for (const d of sorted) {
      if (d.addr > cursor) hotpluggableBelow = true;
      if (d.driver !== 'sp-mem') hotpluggableBelow = true;
      else if (hotpluggableBelow && d.addr + d.size < wEnd) {
        warn(
          'spm/fragments-window',
          `sp-mem ${d.id ?? '(unnamed)'} at ${hex(d.addr)} sits inside the hotplug window with hotpluggable space on both sides: the SRAT umbrella is split around it and the largest range left for memory hotplug shrinks; put sp-mem first and DIMMs on top`,
          d.optionIndex,
          'addr',
        );
      }
      cursor = d.addr + d.size;
    }
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
