/**
 * What a Linux guest shows for a machine: the firmware's E820 map (guest-firmware.ts), the `BIOS-e820:` and
 * `ACPI: SRAT:` lines of dmesg, a /proc/iomem tree, and for every sp-mem device what becomes of it. The formats
 * follow shared/docs/linux-guest-view.md §1.2 character for character; the kernel's behaviour with soft-reserved
 * memory follows §1.3 and was checked against real guests (guest-sources.ts OBSERVED).
 *
 * Everything is returned as data (lines with their origin and sources) and as text, so a UI can render either.
 * Pure: no DOM, no I/O.
 *
 * This module holds the E820 dump and the /proc/iomem contents and puts the view together; the SRAT lines and the
 * NUMA node numbering are guest-srat.ts's, the resource tree's rules guest-iomem-tree.ts's, and what becomes of
 * each sp-mem range guest-sp-mem.ts's.
 */
import {
  E820_RAM,
  E820_RESERVED,
  E820_SOFT_RESERVED,
  type MachineLayout,
  type MemoryDeviceInfo,
} from '../machine/index.ts';
import type { ConfigDocument } from '../document/index.ts';
import { e820Type } from '../tables/index.ts';
import { detectFirmware } from './guest-firmware.ts';
import { GiB } from '../base/index.ts';
import {
  ECAM_SIZE,
  OVMF_FLASH_START,
  SEABIOS_ECAM,
  firmwareE820,
  mergeSameType,
  ovmfEcamBase,
  type FirmwareE820Entry,
  type FirmwareMap,
  type GuestFirmware,
  type LineOrigin,
  type OvmfBuild,
} from './guest-firmware.ts';
import { OBSERVED, SRC, type SourceRef, type Statement } from './guest-sources.ts';
import { freeParts, iomemNode, insertResource, requestRegion, type IomemNode } from './guest-iomem-tree.ts';
import { spHidingFirmware, spMemFates, type GuestKernel, type SpMemFate } from './guest-sp-mem.ts';
import { guestSratLines, type GuestSratLine } from './guest-srat.ts';
import { guestNuma, memoryTierOf, MEMTIER_DEFAULT_DAX_ADISTANCE, type GuestNuma } from './guest-numa.ts';

export type { GuestFirmware, LineOrigin, OvmfBuild, FirmwareE820Entry, FirmwareMap } from './guest-firmware.ts';
export type { IomemKind, IomemNode } from './guest-iomem-tree.ts';
export type { GuestKernel, SpMemFate } from './guest-sp-mem.ts';
export { formatSratLine, linuxPxmToNode, type GuestSratLine } from './guest-srat.ts';

export interface GuestViewOptions {
  firmware: GuestFirmware;
  kernel: GuestKernel;
  /** default edk2-2026.08 */
  ovmfBuild?: OvmfBuild;
  /** OVMF SMM build on a q35 with SMM: TSEG at the top of low RAM (default false) */
  smm?: boolean;
  /** the machine has an HPET (QEMU default; false with `-machine …,hpet=off`) */
  hpet?: boolean;
}

/** A line of the dmesg E820 dump: one entry of the map after Linux merged adjacent entries of one type. */
export interface GuestE820Line {
  start: bigint;
  /** exclusive */
  end: bigint;
  type: number;
  /** the word dmesg prints for the type */
  word: string;
  origin: LineOrigin;
  approximate: boolean;
  what: string[];
  optionIndices: number[];
  sources: SourceRef[];
  /** `BIOS-e820: [mem 0x…-0x…] word` */
  text: string;
  /** Linux 7.x: the `[gap …]` line printed before this one */
  gapBefore?: string;
}

export interface IomemLine {
  depth: number;
  node: IomemNode;
  text: string;
}

export interface GuestView {
  options: Required<Pick<GuestViewOptions, 'firmware' | 'kernel'>> & { ovmfBuild: OvmfBuild | null; smm: boolean; hpet: boolean };
  assumptions: string[];
  firmwareMap: FirmwareMap;
  /** after Linux's merge of adjacent entries of one type, in address order */
  e820: GuestE820Line[];
  /** header + BIOS-e820 lines */
  dmesgE820: string[];
  srat: GuestSratLine[];
  dmesgSrat: string[];
  /** PXM → Linux node id, in order of first appearance */
  pxmToNode: Array<{ pxm: number; node: number }>;
  iomem: IomemNode[];
  iomemLines: IomemLine[];
  fates: SpMemFate[];
  /** numactl -H, memory tiers and the SLIT/HMAT dmesg lines */
  numa: GuestNuma;
  /** view-wide warnings */
  warnings: Statement[];
  /** QEMU's own introspection, as computed by the core */
  memoryDevices: MemoryDeviceInfo[];
  infoMemoryDevices: string;
}

// ---------------------------------------------------------------------------------------------------------------
// formats (linux-guest-view.md §1.1–1.2)

/** `e820_print_type()` */
export function e820Word(type: number): string {
  return e820Type(type).dmesg;
}

/** `e820_type_to_string()`: the /proc/iomem name. */
export function e820IomemName(type: number): string {
  return e820Type(type).iomem;
}

const hex16 = (v: bigint): string => v.toString(16).padStart(16, '0');

/** `<who>: [mem 0x%016llx-0x%016llx] <word>` with an exclusive `end`. */
export function formatE820Line(start: bigint, end: bigint, type: number, who = 'BIOS-e820'): string {
  return `${who}: [mem 0x${hex16(start)}-0x${hex16(end - 1n)}] ${e820Word(type)}`;
}

const WORD7: Record<number, string> = { 1: 'System RAM', 2: 'device reserved', 3: 'ACPI data', 4: 'ACPI NVS', 5: 'unusable', 0xefffffff: 'soft reserved' };

/** Linux 7.x's e820_print_type(): reworded types, two spaces after the range. */
export function e820Word7(type: number): string {
  return WORD7[type] ?? (type === 7 || type === 12 ? `persistent RAM (type ${type})` : `type ${type}`);
}

/** Linux 7.x's line, and the `[gap …]` line it prints before an entry that does not start where the last ended. */
export function formatE820Line7(start: bigint, end: bigint, type: number, prevEnd: bigint, who = 'BIOS-e820'): { text: string; gap: string | null } {
  return {
    text: `${who}: [mem 0x${hex16(start)}-0x${hex16(end - 1n)}]  ${e820Word7(type)}`,
    gap: start > prevEnd ? `${who}: [gap 0x${hex16(prevEnd)}-0x${hex16(start - 1n)}]` : null,
  };
}

export const E820_HEADER = 'BIOS-provided physical RAM map:';

/** `r_show()`: 2 spaces per level, lowercase hex padded to 8 digits, inclusive end. */
export function formatIomemLine(depth: number, start: bigint, endInclusive: bigint, name: string): string {
  const w = (v: bigint) => v.toString(16).padStart(8, '0');
  return `${' '.repeat(depth * 2)}${w(start)}-${w(endInclusive)} : ${name}`;
}

// ---------------------------------------------------------------------------------------------------------------
// the resource tree: kernel/resource.c semantics in iomem-tree.ts

function flatten(list: readonly IomemNode[], depth = 0, out: IomemLine[] = []): IomemLine[] {
  for (const n of list) {
    out.push({ depth, node: n, text: formatIomemLine(depth, n.start, n.end, n.name) });
    flatten(n.children, depth + 1, out);
  }
  return out;
}

/** ram_alignment() of arch/x86/kernel/e820.c */
function ramAlignment(pos: bigint): bigint {
  const mb = pos >> 20n;
  if (mb === 0n) return 64n * 1024n;
  if (mb < 64n) return 1n << 20n;
  return 64n << 20n;
}

// ---------------------------------------------------------------------------------------------------------------
// what the view is computed for

type ViewOptions = GuestView['options'];

/** The options with their defaults: an OVMF build and SMM only with OVMF, an HPET unless told otherwise. */
function resolveOptions(opts: GuestViewOptions): ViewOptions {
  const firmware = opts.firmware;
  const kernel = opts.kernel;
  const ovmfBuild = firmware === 'ovmf' ? (opts.ovmfBuild ?? 'edk2-2026.08') : null;
  const smm = firmware === 'ovmf' && (opts.smm ?? false);
  const hpet = opts.hpet ?? true;
  return { firmware, kernel, ovmfBuild, smm, hpet };
}

/** The firmware's assumptions, then the guest kernel's configuration and the formats the view prints. */
function viewAssumptions(fw: FirmwareMap, kernel: GuestKernel): string[] {
  return [
    ...fw.assumptions,
    kernel !== 'pre-6.3'
      ? 'Linux 6.3 or later with Debian\'s configuration (CONFIG_EFI_SOFT_RESERVE=y, dax_hmem, device_dax and kmem available): soft-reserved ranges go to kmem by default.'
      : 'Linux before 6.3 with Debian\'s configuration (CONFIG_EFI_SOFT_RESERVE=y, dax_hmem and device_dax available): soft-reserved ranges become device-dax devices.',
    kernel === '7.x'
      ? 'E820 dump in Linux 7.x\'s format (e820_print_type() reworded: `System RAM`, `device reserved`, two spaces, a `[gap …]` line before every hole; observed on Linux 7.2). Newer trees no longer merge adjacent soft-reserved entries (e820_type_mergeable()); not modelled.'
      : 'Formats as in shared/docs/linux-guest-view.md §1.2 (observed on Linux 6.1); Linux 7.x rewords the E820 dump (choose 7.x).',
    'NUMA, tiers and HMAT: numactl 2.0.16; node sizes of boot RAM are approximate (the kernel keeps part of it). 6.3–6.x is modelled on the current sources (HMAT-based tiers, quiet HMAT messages), which Linux 7.2 matched.',
  ];
}

/** Defaults for a document: the firmware it boots, SMM OVMF build, HPET. */
export function guestViewDefaults(doc: ConfigDocument): Required<Omit<GuestViewOptions, 'ovmfBuild'>> & { ovmfBuild: OvmfBuild } {
  const firmware = detectFirmware(doc);
  const off = (v: string | null) => v === 'off' || v === 'false' || v === 'no';
  let smmBuild = false;
  let smmOff = false;
  let hpet = true;
  for (const o of doc.options) {
    if (o.kind === 'raw' && ['-drive', '-pflash', '-bios', '-blockdev'].includes(o.args[0] ?? '')) {
      // Debian's SMM-enabled OVMF images are the secure-boot ones
      if (/secboot|\.ms\.fd/.test(o.args.join(' ').toLowerCase())) smmBuild = true;
    }
    if (o.kind === 'machine') {
      for (const [k, v] of o.extra ?? []) {
        if (k === 'smm') smmOff = off(v);
        if (k === 'hpet') hpet = !off(v);
      }
    }
  }
  const smm = firmware === 'ovmf' && smmBuild && !smmOff;
  return { firmware, kernel: '6.3+', ovmfBuild: 'edk2-2026.08', smm, hpet };
}

// ---------------------------------------------------------------------------------------------------------------
// dmesg: the BIOS-e820 lines

/** The lines of the dmesg E820 dump (e820__print_table), one per entry of the map Linux merged. */
function guestE820Lines(merged: readonly FirmwareE820Entry[], kernel: GuestKernel): GuestE820Line[] {
  return merged.map((e, i) => {
    const l: GuestE820Line = {
    start: e.start,
    end: e.end,
    type: e.type,
      word: e820Word(e.type),
      origin: e.origin,
      approximate: e.approximate,
      what: e.what,
      optionIndices: e.optionIndices,
    sources: [SRC.e820Print, SRC.e820Sanitize, ...e.sources],
    text: formatE820Line(e.start, e.end, e.type),
    };
    if (kernel === '7.x') {
      const f = formatE820Line7(e.start, e.end, e.type, i ? merged[i - 1]!.end : 0n);
      l.text = f.text;
      l.word = e820Word7(e.type);
      if (f.gap) l.gapBefore = f.gap;
      l.sources = [...l.sources, OBSERVED.ovmf72];
    }
    return l;
  });
}

// ---------------------------------------------------------------------------------------------------------------
// /proc/iomem

/** The kernel's own edits of the firmware map before it builds /proc/iomem: trim_bios_range(). */
function kernelTable(lines: readonly FirmwareE820Entry[]): FirmwareE820Entry[] {
  const out: FirmwareE820Entry[] = [];
  for (const e of lines) {
    if (e.type !== E820_RAM) {
      out.push(e);
      continue;
    }
    // first page RAM → reserved; RAM in [0xa0000, 0x100000) removed
    const pieces: Array<[bigint, bigint, number]> = [];
    let s = e.start;
    if (s < 0x1000n) {
      pieces.push([s, e.end < 0x1000n ? e.end : 0x1000n, E820_RESERVED]);
      s = 0x1000n;
    }
    if (s < e.end) {
      if (s < 0xa0000n) pieces.push([s, e.end < 0xa0000n ? e.end : 0xa0000n, E820_RAM]);
      if (e.end > 0x100000n) pieces.push([s > 0x100000n ? s : 0x100000n, e.end, E820_RAM]);
    }
    for (const [a, b, t] of pieces) {
      if (b > a) out.push({ ...e, start: a, end: b, type: t, what: t === E820_RAM ? e.what : ['first page (trim_bios_range)'], origin: t === E820_RAM ? e.origin : 'firmware' });
    }
  }
  out.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  return mergeSameType(out);
}

/** Linux 6.2 and later on OVMF drop the flash range from the map they build /proc/iomem from (efi_remove_e820_mmio). */
const removesOvmfFlash = (o: ViewOptions): boolean => o.firmware === 'ovmf' && o.kernel !== 'pre-6.3';

/** The map's entries as resources (e820__reserve_resources); returns the Soft Reserved ones, in address order. */
function addE820Resources(top: IomemNode[], table: readonly FirmwareE820Entry[], o: ViewOptions): IomemNode[] {
  const spNodes: IomemNode[] = [];
  for (const e of table) {
    if (removesOvmfFlash(o) && e.type === E820_RESERVED && e.start === OVMF_FLASH_START) continue;
    const n = iomemNode(e.start, e.end - 1n, e820IomemName(e.type), 'e820', [SRC.e820Names, SRC.e820Busy, ...e.sources], {
      approximate: e.approximate,
      optionIndices: e.optionIndices,
    });
    if (o.firmware === 'ovmf' && e.type === E820_RESERVED && e.start === OVMF_FLASH_START) {
      n.note = 'Linux 6.2 and later remove this EFI memory-mapped I/O range from the map (efi_remove_e820_mmio); 6.1 keeps it (observed)';
    }
    insertResource(top, n);
    if (e.type === E820_SOFT_RESERVED) spNodes.push(n);
  }
  return spNodes;
}

function pciWindows(layout: MachineLayout, firmware: GuestFirmware, ovmfBuild: OvmfBuild | null): IomemNode[] {
  const q35 = layout.machine.family === 'q35';
  const approx32 = !q35;
  const name = 'PCI Bus 0000:00';
  const src = [OBSERVED.seabios61, OBSERVED.ovmf61];
  const note32 = q35
    ? 'from QEMU\'s DSDT _CRS: the 32-bit PCI hole above low RAM without the ECAM window (observed on q35)'
    : 'from QEMU\'s DSDT _CRS: the 32-bit PCI hole above low RAM (not verified on pc)';
  const out: IomemNode[] = [iomemNode(0xa0000n, 0xbffffn, name, 'pci', src, { approximate: approx32, note: 'legacy VGA window of the root bus' })];
  const holeEnd = 0xfec00000n;
  const below = layout.ram.below4g;
  const ecam = q35 ? (firmware === 'seabios' ? SEABIOS_ECAM : ovmfEcamBase(ovmfBuild ?? 'edk2-2026.08')) : null;
  const ranges: Array<[bigint, bigint]> = [];
  if (ecam !== null && below < ecam) {
    ranges.push([below, ecam]);
    ranges.push([ecam + ECAM_SIZE, holeEnd]);
  } else if (ecam !== null) {
    ranges.push([below > ecam + ECAM_SIZE ? below : ecam + ECAM_SIZE, holeEnd]);
  } else ranges.push([below, holeEnd]);
  for (const [a, b] of ranges) if (b > a) out.push(iomemNode(a, b - 1n, name, 'pci', src, { approximate: approx32, note: note32 }));
  // 64-bit window: QEMU's pci-hole64 when the firmware placed no 64-bit BAR elsewhere
  const end = layout.window ? layout.window.base + layout.window.size : layout.ram.above4gStart + layout.ram.above4g;
  const start64 = ((end + GiB - 1n) / GiB) * GiB;
  if (layout.machine.pciHole64Size > 0n) {
    out.push(
      iomemNode(start64, start64 + layout.machine.pciHole64Size - 1n, name, 'pci', src, {
        approximate: true,
        note: 'QEMU\'s 64-bit PCI hole (after the hotplug window, pci-hole64-size); moves when the firmware places 64-bit BARs elsewhere',
      }),
    );
  }
  return out;
}

/** The platform's fixed resources: IOAPIC, HPET (when the machine has one), Local APIC, and q35's ECAM window. */
function addPlatformResources(top: IomemNode[], layout: MachineLayout, o: ViewOptions): void {
  insertResource(top, iomemNode(0xfec00000n, 0xfec003ffn, 'IOAPIC 0', 'platform', [SRC.ioapicRes, OBSERVED.seabios61]));
  if (o.hpet) {
    const h = iomemNode(0xfed00000n, 0xfed003ffn, 'HPET 0', 'platform', [SRC.hpetRes, OBSERVED.seabios61]);
    h.children.push(iomemNode(0xfed00000n, 0xfed003ffn, 'PNP0103:00', 'platform', [OBSERVED.seabios61]));
    insertResource(top, h);
  }
  insertResource(
    top,
    iomemNode(0xfee00000n, 0xfee00fffn, 'Local APIC', 'platform', [SRC.lapicRes, OBSERVED.seabios61], {
      note: 'seen on Linux 6.1; not in the /proc/iomem of a Linux 7.2 guest',
    }),
  );
  if (layout.machine.family === 'q35') {
    const ecam = o.firmware === 'seabios' ? SEABIOS_ECAM : ovmfEcamBase(o.ovmfBuild!);
    insertResource(
      top,
      iomemNode(ecam, ecam + ECAM_SIZE - 1n, 'PCI MMCONFIG 0000 [bus 00-ff]', 'pci', [SRC.mmcfgRes, OBSERVED.seabios61, OBSERVED.ovmf61], {
        note: 'newer kernels name it "PCI ECAM 0000 [bus 00-ff]" (seen on Linux 7.2)',
      }),
    );
  }
}

/** DIMMs and NVDIMMs: not in E820; hot-added at boot from their ACPI memory devices, or claimed through the NFIT. */
function addMemoryDeviceResources(top: IomemNode[], layout: MachineLayout): void {
  for (const d of layout.devices) {
    if (d.driver === 'pc-dimm') {
      requestRegion(
        top,
        iomemNode(d.addr, d.addr + d.size - 1n, 'System RAM', 'memory-device', [SRC.acpiMemhotplug, OBSERVED.seabios61], {
          optionIndices: [d.optionIndex],
          note: `pc-dimm ${d.id ?? '(unnamed)'}: not in E820; the ACPI memory-hotplug driver adds it at boot (node from its _PXM)`,
        }),
      );
    } else if (d.driver === 'nvdimm') {
      requestRegion(
        top,
        iomemNode(d.addr, d.addr + d.size - 1n, 'Persistent Memory', 'memory-device', [{ kind: 'linux', ref: 'drivers/acpi/nfit/core.c', detail: 'NFIT SPA ranges' }], {
          optionIndices: [d.optionIndex],
          approximate: true,
          inferred: true,
          note: `nvdimm ${d.id ?? '(unnamed)'}: claimed through the NFIT by libnvdimm; the exact resource names were not verified`,
        }),
      );
    }
  }
}

/** Each Soft Reserved range as its drivers claim it: hmem.K, then daxK.0 (before 6.3); daxK.0, then System RAM (kmem). */
function addSpMemResources(top: IomemNode[], spNodes: readonly IomemNode[], kernel: GuestKernel): void {
  spNodes.forEach((sr, k) => {
    const dax = `dax${k}.0`;
    const src = [SRC.hmemDevice, SRC.hmemProbe, SRC.memregion];
    if (kernel === 'pre-6.3') {
      const h = iomemNode(sr.start, sr.end, `hmem.${k}`, 'dax', [...src, OBSERVED.ovmf61], {
        optionIndices: sr.optionIndices,
        note: 'the hmem platform device\'s resource; it adopts the Soft Reserved range (observed on Linux 6.1)',
      });
      insertResource(top, h);
      requestRegion(top, iomemNode(sr.start, sr.end, dax, 'dax', [SRC.devDax, OBSERVED.ovmf61], { optionIndices: sr.optionIndices, note: `device-dax /dev/${dax}` }));
    } else {
      const d = iomemNode(sr.start, sr.end, dax, 'dax', [SRC.kmem, SRC.kmemDefault], {
        optionIndices: sr.optionIndices,
        inferred: true,
        note: 'kmem requests the range under the dax device\'s name (inferred; Linux 7.2 was seen showing it at the top level, with no Soft Reserved line)',
      });
      requestRegion(top, d);
      requestRegion(
        top,
        iomemNode(sr.start, sr.end, 'System RAM (kmem)', 'dax', [SRC.kmem, OBSERVED.ovmf72], {
          optionIndices: sr.optionIndices,
          inferred: true,
          note: 'hot-added by kmem (seen on Linux 7.2)',
        }),
      );
    }
  });
}

/** "RAM buffer" from the end of each RAM entry up to ram_alignment(), late, into what the top level leaves free. */
function addRamBuffers(top: IomemNode[], table: readonly FirmwareE820Entry[]): void {
  for (const e of table) {
    if (e.type !== E820_RAM) continue;
    const start = e.end;
    const align = ramAlignment(start);
    const end = ((start + align - 1n) / align) * align - 1n;
    if (start >= end) continue;
    for (const [a, b] of freeParts(top, start, end)) {
      insertResource(top, iomemNode(a, b, 'RAM buffer', 'ram-buffer', [SRC.e820RamBuffer]));
    }
  }
}

interface GuestIomem {
  top: IomemNode[];
  /** the Soft Reserved nodes, in address order: the k of hmem.k and daxk.0 */
  spNodes: IomemNode[];
  warnings: Statement[];
}

/** The /proc/iomem tree, built in the kernel's order (the order decides what nests in what). */
function guestIomem(layout: MachineLayout, table: readonly FirmwareE820Entry[], o: ViewOptions): GuestIomem {
  const top: IomemNode[] = [iomemNode(0xf0000n, 0xfffffn, 'System ROM', 'platform', [SRC.systemRom, OBSERVED.seabios61, OBSERVED.ovmf61])];
  const spNodes = addE820Resources(top, table, o);
  const warnings: Statement[] = [];
  if (removesOvmfFlash(o)) {
    warnings.push({
      text: 'The OVMF flash range [0xffc00000, 4 GiB) is in the BIOS-e820 dump but not in /proc/iomem: Linux 6.2 and later remove large EFI memory-mapped I/O ranges from the map.',
      confidence: 'observed',
      sources: [SRC.efiRemoveMmio, OBSERVED.ovmf72],
    });
  }
  for (const w of pciWindows(layout, o.firmware, o.ovmfBuild)) insertResource(top, w);
  addPlatformResources(top, layout, o);
  addMemoryDeviceResources(top, layout);
  addSpMemResources(top, spNodes, o.kernel);
  addRamBuffers(top, table);
  return { top, spNodes, warnings };
}

// ---------------------------------------------------------------------------------------------------------------
// the view

/** View-wide warnings about the firmware: sp-mem ranges it hides, lines whose addresses are approximate. */
function firmwareWarnings(o: ViewOptions, spDeviceCount: number, e820: readonly GuestE820Line[]): Statement[] {
  const hiddenBy = spHidingFirmware(o.firmware, o.ovmfBuild);
  const warnings: Statement[] = [];
  if (hiddenBy && spDeviceCount) {
    warnings.push({
      text: `${hiddenBy} drops SOFT_RESERVED entries: the sp-mem range${spDeviceCount > 1 ? 's are' : ' is'} absent from the guest's E820 map and /proc/iomem (a hole). Their SRAT entries are still printed.`,
      confidence: 'observed',
      sources: [SRC.seabiosQemu, o.firmware === 'seabios' ? OBSERVED.seabios61 : OBSERVED.ovmf2022],
    });
  }
  if (e820.some((l) => l.approximate)) {
    warnings.push({
      text: 'Lines marked approximate depend on firmware details (table sizes, build); their addresses are close to, not equal to, what a guest prints.',
      confidence: 'observed',
      sources: [SRC.docFirmware],
    });
  }
  return warnings;
}

/** What a Linux guest shows for `layout` booted with the given firmware and kernel. */
export function guestView(layout: MachineLayout, opts: GuestViewOptions): GuestView {
  const options = resolveOptions(opts);
  const { firmware, kernel, ovmfBuild, smm } = options;
  const fw = firmwareE820(layout, ovmfBuild ? { firmware, ovmfBuild, smm } : { firmware });
  const merged = mergeSameType(fw.entries);
  const e820 = guestE820Lines(merged, kernel);
  const { lines: srat, map: pxmMap } = guestSratLines(layout);
  const iomem = guestIomem(layout, kernelTable(merged), options);
  const fates = spMemFates({ layout, firmware, ovmfBuild, kernel, e820, spNodes: iomem.spNodes, pxmMap });
  const spDeviceCount = layout.devices.filter((d) => d.driver === 'sp-mem').length;
  const numa = guestNuma(layout, pxmMap, kernel, fates);
  // with HMAT data the kmem node's tier follows its performance, not kmem's default
  for (const f of fates) {
    const nt = numa.nodeTiers.find((t) => t.node === f.targetNode);
    if (f.mode !== 'system-ram' || !f.memoryOnlyNode || !nt || nt.tier === memoryTierOf(MEMTIER_DEFAULT_DAX_ADISTANCE)) continue;
    f.chain = f.chain.map((c) => (c.text.includes('5x-DRAM') ? nt.why : c));
    f.warnings = f.warnings.filter((w) => !w.text.includes('lower memory tier'));
  }
  return {
    options,
    assumptions: viewAssumptions(fw, kernel),
    firmwareMap: fw,
    e820,
    dmesgE820: [E820_HEADER, ...e820.flatMap((l) => (l.gapBefore ? [l.gapBefore, l.text] : [l.text]))],
    srat,
    dmesgSrat: srat.map((l) => l.text),
    pxmToNode: [...pxmMap.entries()].map(([pxm, n]) => ({ pxm, node: n })),
    iomem: iomem.top,
    iomemLines: flatten(iomem.top),
    fates,
    numa,
    warnings: [...iomem.warnings, ...firmwareWarnings(options, spDeviceCount, e820)],
    memoryDevices: layout.memoryDevices,
    infoMemoryDevices: layout.infoMemoryDevices,
  };
}

/** The dmesg preview: the E820 dump, then the SRAT memory lines. */
export function guestDmesgText(v: GuestView): string {
  return [...v.dmesgE820, ...v.dmesgSrat].join('\n') + '\n';
}

/** The /proc/iomem preview. */
export function guestIomemText(v: GuestView): string {
  return v.iomemLines.map((l) => l.text).join('\n') + (v.iomemLines.length ? '\n' : '');
}
