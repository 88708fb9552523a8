/**
 * What a Linux guest shows for a machine: the firmware's E820 map (guest-firmware.ts), the `BIOS-e820:` and
 * `ACPI: SRAT:` lines of dmesg, a /proc/iomem tree, and for every sp-mem device what becomes of it. The formats
 * follow shared/docs/linux-guest-view.md §1.2 character for character; the kernel's behaviour with soft-reserved
 * memory follows §1.3 and was checked against real guests (guest-sources.ts OBSERVED).
 *
 * Everything is returned as data (lines with their origin and sources) and as text, so a UI can render either.
 * Pure: no DOM, no I/O.
 */
import {
  E820_ACPI,
  E820_NVS,
  E820_RAM,
  E820_RESERVED,
  E820_SOFT_RESERVED,
  E820_UNUSABLE,
  SRAT_MEM_ENABLED,
  SRAT_MEM_HOTPLUGGABLE,
  SRAT_MEM_NON_VOLATILE,
  type MachineLayout,
  type MemoryDeviceInfo,
  type SratEntry,
} from '../machine/index.ts';
import type { ConfigDocument } from '../document/index.ts';
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

export type { GuestFirmware, LineOrigin, OvmfBuild, FirmwareE820Entry, FirmwareMap } from './guest-firmware.ts';

/** Which default the guest kernel has for soft-reserved memory: device-dax (before 6.3) or kmem (6.3 and later). */
export type GuestKernel = 'pre-6.3' | '6.3+';

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
}

export interface GuestSratLine {
  /** index in layout.srat.entries */
  entryIndex: number;
  pxm: number;
  /** Linux node id (acpi_map_pxm_to_node) */
  node: number;
  start: bigint;
  /** exclusive */
  end: bigint;
  hotplug: boolean;
  nonVolatile: boolean;
  role: Extract<SratEntry, { type: 'memory' }>['role'];
  optionIndex?: number;
  text: string;
}

export type IomemKind = 'e820' | 'pci' | 'platform' | 'memory-device' | 'dax' | 'ram-buffer';

export interface IomemNode {
  start: bigint;
  /** inclusive, as /proc/iomem prints it */
  end: bigint;
  name: string;
  kind: IomemKind;
  children: IomemNode[];
  /** place or size is not exact (e.g. firmware fragments, PCI windows that move with BAR placement) */
  approximate: boolean;
  /** derived from sources, not seen on a running guest */
  inferred: boolean;
  note?: string;
  optionIndices: number[];
  sources: SourceRef[];
}

export interface IomemLine {
  depth: number;
  node: IomemNode;
  text: string;
}

export interface SpMemFate {
  optionIndex: number;
  id: string | null;
  addr: bigint;
  size: bigint;
  /** the QEMU node / SRAT proximity domain */
  pxm: number;
  /** does the firmware pass the range to the guest? */
  firmwareSees: boolean;
  /** E820 type in the guest's map, or null when the range is absent */
  e820Type: number | null;
  e820Word: string | null;
  /** other sp-mem devices whose ranges touch this one: Linux merges them into one soft-reserved range */
  mergedWith: Array<{ optionIndex: number; id: string | null }>;
  /** the guest range the device ends up in (merged), or null */
  guestRange: { start: bigint; end: bigint } | null;
  /** the top-level /proc/iomem name, or null when the range is absent */
  iomemName: string | null;
  /** the /proc/iomem names from the top level down to the innermost */
  iomemPath: string[];
  /** `dax0.0`, or null */
  daxDevice: string | null;
  /** `/dev/dax0.0` while in devdax mode, else null */
  devPath: string | null;
  mode: 'devdax' | 'system-ram' | 'absent';
  /** the Linux node the memory belongs to (phys_to_target_node of the merged range's start), or null */
  targetNode: number | null;
  /** node has no CPUs and no other memory: kmem makes it a memory-only node */
  memoryOnlyNode: boolean;
  /** driver chain, step by step, each with its sources */
  chain: Statement[];
  warnings: Statement[];
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
  switch (type) {
    case E820_RAM:
      return 'usable';
    case E820_RESERVED:
      return 'reserved';
    case E820_SOFT_RESERVED:
      return 'soft reserved';
    case E820_ACPI:
      return 'ACPI data';
    case E820_NVS:
      return 'ACPI NVS';
    case E820_UNUSABLE:
      return 'unusable';
    case 7:
    case 12:
      return `persistent (type ${type})`;
    default:
      return `type ${type}`;
  }
}

/** `e820_type_to_string()`: the /proc/iomem name. */
export function e820IomemName(type: number): string {
  switch (type) {
    case E820_RAM:
      return 'System RAM';
    case E820_ACPI:
      return 'ACPI Tables';
    case E820_NVS:
      return 'ACPI Non-volatile Storage';
    case E820_UNUSABLE:
      return 'Unusable memory';
    case 12:
      return 'Persistent Memory (legacy)';
    case 7:
      return 'Persistent Memory';
    case E820_SOFT_RESERVED:
      return 'Soft Reserved';
    default:
      return 'Reserved';
  }
}

const hex16 = (v: bigint): string => v.toString(16).padStart(16, '0');

/** `<who>: [mem 0x%016llx-0x%016llx] <word>` with an exclusive `end`. */
export function formatE820Line(start: bigint, end: bigint, type: number, who = 'BIOS-e820'): string {
  return `${who}: [mem 0x${hex16(start)}-0x${hex16(end - 1n)}] ${e820Word(type)}`;
}

export const E820_HEADER = 'BIOS-provided physical RAM map:';

/** `%#010Lx`: 0x plus at least 8 hex digits. */
const sratHex = (v: bigint): string => '0x' + v.toString(16).padStart(8, '0');

export function formatSratLine(node: number, pxm: number, start: bigint, end: bigint, hotplug: boolean, nonVolatile: boolean): string {
  return `ACPI: SRAT: Node ${node} PXM ${pxm} [mem ${sratHex(start)}-${sratHex(end - 1n)}]${hotplug ? ' hotplug' : ''}${nonVolatile ? ' non-volatile' : ''}`;
}

/** `r_show()`: 2 spaces per level, lowercase hex padded to 8 digits, inclusive end. */
export function formatIomemLine(depth: number, start: bigint, endInclusive: bigint, name: string): string {
  const w = (v: bigint) => v.toString(16).padStart(8, '0');
  return `${' '.repeat(depth * 2)}${w(start)}-${w(endInclusive)} : ${name}`;
}

// ---------------------------------------------------------------------------------------------------------------
// the resource tree (kernel/resource.c semantics, reduced to what the view needs)

function node(
  start: bigint,
  endInclusive: bigint,
  name: string,
  kind: IomemKind,
  sources: SourceRef[],
  extra: Partial<Pick<IomemNode, 'approximate' | 'inferred' | 'note' | 'optionIndices'>> = {},
): IomemNode {
  const n: IomemNode = {
    start,
    end: endInclusive,
    name,
    kind,
    children: [],
    approximate: extra.approximate ?? false,
    inferred: extra.inferred ?? false,
    optionIndices: extra.optionIndices ?? [],
    sources,
  };
  if (extra.note !== undefined) n.note = extra.note;
  return n;
}

const sortNodes = (list: IomemNode[]) => list.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));

/**
 * insert_resource(): descend into a node that contains the new one (an identical range is adopted instead); nodes
 * inside the new range become its children; a partial overlap is a conflict (returns false, nothing inserted).
 */
function insertResource(list: IomemNode[], n: IomemNode): boolean {
  const container = list.find((s) => s.start <= n.start && n.end <= s.end && !(s.start === n.start && s.end === n.end));
  if (container) return insertResource(container.children, n);
  const inside = list.filter((s) => n.start <= s.start && s.end <= n.end);
  const partial = list.some((s) => s.start <= n.end && n.start <= s.end && !inside.includes(s));
  if (partial) return false;
  for (const s of inside) list.splice(list.indexOf(s), 1);
  n.children.push(...inside);
  sortNodes(n.children);
  list.push(n);
  sortNodes(list);
  return true;
}

/** __request_region(): descend into any node containing the range (identical included); conflict → false. */
function requestRegion(list: IomemNode[], n: IomemNode): boolean {
  const container = list.find((s) => s.start <= n.start && n.end <= s.end);
  if (container) return requestRegion(container.children, n);
  if (list.some((s) => s.start <= n.end && n.start <= s.end)) return false;
  list.push(n);
  sortNodes(list);
  return true;
}

/** reserve_region_with_split() at the top level: the parts of [start, end] no top-level node covers. */
function freeParts(list: readonly IomemNode[], start: bigint, end: bigint): Array<[bigint, bigint]> {
  const out: Array<[bigint, bigint]> = [];
  let cur = start;
  for (const s of list) {
    if (s.end < cur) continue;
    if (s.start > end) break;
    if (s.start > cur) out.push([cur, s.start - 1n]);
    cur = s.end + 1n;
    if (cur > end) break;
  }
  if (cur <= end) out.push([cur, end]);
  return out;
}

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

/** PXM → node in order of first appearance: CPU affinity entries first, then memory entries (acpi_numa_init). */
export function linuxPxmToNode(entries: readonly SratEntry[]): Map<number, number> {
  const map = new Map<number, number>();
  const see = (pxm: number) => {
    if (!map.has(pxm)) map.set(pxm, map.size);
  };
  for (const e of entries) if ((e.type === 'lapic' || e.type === 'x2apic') && e.flags & 1) see(e.proximityDomain);
  for (const e of entries) if (e.type === 'memory' && e.flags & SRAT_MEM_ENABLED) see(e.proximityDomain);
  return map;
}

function sratLines(layout: MachineLayout): { lines: GuestSratLine[]; map: Map<number, number> } {
  if (!layout.srat) return { lines: [], map: new Map() };
  const map = linuxPxmToNode(layout.srat.entries);
  const lines: GuestSratLine[] = [];
  layout.srat.entries.forEach((e, entryIndex) => {
    if (e.type !== 'memory' || !(e.flags & SRAT_MEM_ENABLED)) return;
    const n = map.get(e.proximityDomain)!;
    const hotplug = (e.flags & SRAT_MEM_HOTPLUGGABLE) !== 0;
    const nonVolatile = (e.flags & SRAT_MEM_NON_VOLATILE) !== 0;
    const l: GuestSratLine = {
      entryIndex,
      pxm: e.proximityDomain,
      node: n,
      start: e.baseAddress,
      end: e.baseAddress + e.length,
      hotplug,
      nonVolatile,
      role: e.role,
      text: formatSratLine(n, e.proximityDomain, e.baseAddress, e.baseAddress + e.length, hotplug, nonVolatile),
    };
    if (e.optionIndex !== undefined) l.optionIndex = e.optionIndex;
    lines.push(l);
  });
  return { lines, map };
}

/** The Linux node of an address per SRAT (the first ENABLED memory entry covering it), or null. */
function nodeOfAddress(layout: MachineLayout, map: Map<number, number>, addr: bigint): number | null {
  for (const e of layout.srat?.entries ?? []) {
    if (e.type === 'memory' && e.flags & SRAT_MEM_ENABLED && e.baseAddress <= addr && addr < e.baseAddress + e.length) {
      return map.get(e.proximityDomain) ?? null;
    }
  }
  return null;
}

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

function pciWindows(layout: MachineLayout, firmware: GuestFirmware, ovmfBuild: OvmfBuild | null): IomemNode[] {
  const q35 = layout.machine.family === 'q35';
  const approx32 = !q35;
  const name = 'PCI Bus 0000:00';
  const src = [OBSERVED.seabios61, OBSERVED.ovmf61];
  const note32 = q35
    ? 'from QEMU\'s DSDT _CRS: the 32-bit PCI hole above low RAM without the ECAM window (observed on q35)'
    : 'from QEMU\'s DSDT _CRS: the 32-bit PCI hole above low RAM (not verified on pc)';
  const out: IomemNode[] = [node(0xa0000n, 0xbffffn, name, 'pci', src, { approximate: approx32, note: 'legacy VGA window of the root bus' })];
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
  for (const [a, b] of ranges) if (b > a) out.push(node(a, b - 1n, name, 'pci', src, { approximate: approx32, note: note32 }));
  // 64-bit window: QEMU's pci-hole64 when the firmware placed no 64-bit BAR elsewhere
  const end = layout.window ? layout.window.base + layout.window.size : layout.ram.above4gStart + layout.ram.above4g;
  const start64 = ((end + GiB - 1n) / GiB) * GiB;
  if (layout.machine.pciHole64Size > 0n) {
    out.push(
      node(start64, start64 + layout.machine.pciHole64Size - 1n, name, 'pci', src, {
        approximate: true,
        note: 'QEMU\'s 64-bit PCI hole (after the hotplug window, pci-hole64-size); moves when the firmware places 64-bit BARs elsewhere',
      }),
    );
  }
  return out;
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

export function guestView(layout: MachineLayout, opts: GuestViewOptions): GuestView {
  const firmware = opts.firmware;
  const kernel = opts.kernel;
  const ovmfBuild = firmware === 'ovmf' ? (opts.ovmfBuild ?? 'edk2-2026.08') : null;
  const smm = firmware === 'ovmf' && (opts.smm ?? false);
  const hpet = opts.hpet ?? true;
  const fw = firmwareE820(layout, ovmfBuild ? { firmware, ovmfBuild, smm } : { firmware });
  const warnings: Statement[] = [];
  const assumptions = [
    ...fw.assumptions,
    kernel === '6.3+'
      ? 'Linux 6.3 or later with Debian\'s configuration (CONFIG_EFI_SOFT_RESERVE=y, dax_hmem, device_dax and kmem available): soft-reserved ranges go to kmem by default.'
      : 'Linux before 6.3 with Debian\'s configuration (CONFIG_EFI_SOFT_RESERVE=y, dax_hmem and device_dax available): soft-reserved ranges become device-dax devices.',
    'Formats as in shared/docs/linux-guest-view.md §1.2 (observed on Linux 6.1). Linux 7.2 was seen printing the E820 dump differently (`System RAM`, `device reserved`, two spaces, `[gap …]` lines).',
  ];

  // ---- dmesg E820
  const merged = mergeSameType(fw.entries);
  const e820: GuestE820Line[] = merged.map((e) => ({
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
  }));
  const dmesgE820 = [E820_HEADER, ...e820.map((l) => l.text)];

  // ---- dmesg SRAT
  const { lines: srat, map: pxmMap } = sratLines(layout);

  // ---- /proc/iomem
  const table = kernelTable(merged);
  const top: IomemNode[] = [];
  const spNodes: IomemNode[] = [];
  top.push(node(0xf0000n, 0xfffffn, 'System ROM', 'platform', [SRC.systemRom, OBSERVED.seabios61, OBSERVED.ovmf61]));
  for (const e of table) {
    if (firmware === 'ovmf' && kernel === '6.3+' && e.type === E820_RESERVED && e.start === OVMF_FLASH_START) continue;
    const n = node(e.start, e.end - 1n, e820IomemName(e.type), 'e820', [SRC.e820Names, SRC.e820Busy, ...e.sources], {
      approximate: e.approximate,
      optionIndices: e.optionIndices,
    });
    if (firmware === 'ovmf' && e.type === E820_RESERVED && e.start === OVMF_FLASH_START) {
      n.note = 'Linux 6.2 and later remove this EFI memory-mapped I/O range from the map (efi_remove_e820_mmio); 6.1 keeps it (observed)';
    }
    insertResource(top, n);
    if (e.type === E820_SOFT_RESERVED) spNodes.push(n);
  }
  if (firmware === 'ovmf' && kernel === '6.3+') {
    warnings.push({
      text: 'The OVMF flash range [0xffc00000, 4 GiB) is in the BIOS-e820 dump but not in /proc/iomem: Linux 6.2 and later remove large EFI memory-mapped I/O ranges from the map.',
      confidence: 'observed',
      sources: [SRC.efiRemoveMmio, OBSERVED.ovmf72],
    });
  }
  for (const w of pciWindows(layout, firmware, ovmfBuild)) insertResource(top, w);
  insertResource(top, node(0xfec00000n, 0xfec003ffn, 'IOAPIC 0', 'platform', [SRC.ioapicRes, OBSERVED.seabios61]));
  if (hpet) {
    const h = node(0xfed00000n, 0xfed003ffn, 'HPET 0', 'platform', [SRC.hpetRes, OBSERVED.seabios61]);
    h.children.push(node(0xfed00000n, 0xfed003ffn, 'PNP0103:00', 'platform', [OBSERVED.seabios61]));
    insertResource(top, h);
  }
  insertResource(
    top,
    node(0xfee00000n, 0xfee00fffn, 'Local APIC', 'platform', [SRC.lapicRes, OBSERVED.seabios61], {
      note: 'seen on Linux 6.1; not in the /proc/iomem of a Linux 7.2 guest',
    }),
  );
  if (layout.machine.family === 'q35') {
    const ecam = firmware === 'seabios' ? SEABIOS_ECAM : ovmfEcamBase(ovmfBuild!);
    insertResource(
      top,
      node(ecam, ecam + ECAM_SIZE - 1n, 'PCI MMCONFIG 0000 [bus 00-ff]', 'pci', [SRC.mmcfgRes, OBSERVED.seabios61, OBSERVED.ovmf61], {
        note: 'newer kernels name it "PCI ECAM 0000 [bus 00-ff]" (seen on Linux 7.2)',
      }),
    );
  }
  // DIMMs: hot-added at boot from their ACPI memory devices
  for (const d of layout.devices) {
    if (d.driver === 'pc-dimm') {
      requestRegion(
        top,
        node(d.addr, d.addr + d.size - 1n, 'System RAM', 'memory-device', [SRC.acpiMemhotplug, OBSERVED.seabios61], {
          optionIndices: [d.optionIndex],
          note: `pc-dimm ${d.id ?? '(unnamed)'}: not in E820; the ACPI memory-hotplug driver adds it at boot (node from its _PXM)`,
        }),
      );
    } else if (d.driver === 'nvdimm') {
      requestRegion(
        top,
        node(d.addr, d.addr + d.size - 1n, 'Persistent Memory', 'memory-device', [{ kind: 'linux', ref: 'drivers/acpi/nfit/core.c', detail: 'NFIT SPA ranges' }], {
          optionIndices: [d.optionIndex],
          approximate: true,
          inferred: true,
          note: `nvdimm ${d.id ?? '(unnamed)'}: claimed through the NFIT by libnvdimm; the exact resource names were not verified`,
        }),
      );
    }
  }

  // ---- sp-mem: hmem → dax → kmem
  const fates: SpMemFate[] = [];
  const spDevices = layout.devices.filter((d) => d.driver === 'sp-mem');
  const hasNvdimm = layout.devices.some((d) => d.driver === 'nvdimm');
  const hiddenBy = firmware === 'seabios' ? 'SeaBIOS' : ovmfBuild === 'edk2-2022.11' ? 'OVMF edk2 2022.11' : null;
  spNodes.forEach((sr, k) => {
    const dax = `dax${k}.0`;
    const src = [SRC.hmemDevice, SRC.hmemProbe, SRC.memregion];
    if (kernel === 'pre-6.3') {
      const h = node(sr.start, sr.end, `hmem.${k}`, 'dax', [...src, OBSERVED.ovmf61], {
        optionIndices: sr.optionIndices,
        note: 'the hmem platform device\'s resource; it adopts the Soft Reserved range (observed on Linux 6.1)',
      });
      insertResource(top, h);
      requestRegion(top, node(sr.start, sr.end, dax, 'dax', [SRC.devDax, OBSERVED.ovmf61], { optionIndices: sr.optionIndices, note: `device-dax /dev/${dax}` }));
    } else {
      const d = node(sr.start, sr.end, dax, 'dax', [SRC.kmem, SRC.kmemDefault], {
        optionIndices: sr.optionIndices,
        inferred: true,
        note: 'kmem requests the range under the dax device\'s name (inferred; Linux 7.2 was seen showing it at the top level, with no Soft Reserved line)',
      });
      requestRegion(top, d);
      requestRegion(
        top,
        node(sr.start, sr.end, 'System RAM (kmem)', 'dax', [SRC.kmem, OBSERVED.ovmf72], {
          optionIndices: sr.optionIndices,
          inferred: true,
          note: 'hot-added by kmem (seen on Linux 7.2)',
        }),
      );
    }
  });

  // ---- RAM buffers (late, into what is left at the top level)
  for (const e of table) {
    if (e.type !== E820_RAM) continue;
    const start = e.end;
    const align = ramAlignment(start);
    const end = ((start + align - 1n) / align) * align - 1n;
    if (start >= end) continue;
    for (const [a, b] of freeParts(top, start, end)) {
      insertResource(top, node(a, b, 'RAM buffer', 'ram-buffer', [SRC.e820RamBuffer]));
    }
  }

  // ---- fates
  for (const d of spDevices) {
    const guestLine = e820.find((l) => l.type === E820_SOFT_RESERVED && l.start <= d.addr && d.addr < l.end) ?? null;
    const k = guestLine ? spNodes.findIndex((n) => n.start === guestLine.start) : -1;
    const mergedWith = guestLine
      ? spDevices.filter((o) => o !== d && guestLine.start <= o.addr && o.addr < guestLine.end).map((o) => ({ optionIndex: o.optionIndex, id: o.id }))
      : [];
    const targetNode = guestLine ? nodeOfAddress(layout, pxmMap, guestLine.start) : null;
    const linuxNodeOfDevice = pxmMap.get(d.node) ?? null;
    const hasCpus = (qemuNode: number) => (layout.nodes[qemuNode]?.cpus.length ?? 0) > 0;
    const hasOtherMemory = (qemuNode: number) =>
      (layout.nodes[qemuNode]?.size ?? 0n) > 0n || layout.devices.some((o) => o.node === qemuNode && o.driver !== 'sp-mem');
    // the memory lands on the node of the merged range's first device
    const firstInRange = guestLine ? (spDevices.find((o) => o.addr === guestLine.start) ?? d) : d;
    const memoryOnlyNode = !hasCpus(firstInRange.node) && !hasOtherMemory(firstInRange.node);
    const nodeHasRam = hasOtherMemory(d.node);
    const chain: Statement[] = [];
    const warns: Statement[] = [];
    const name = d.id ?? '(unnamed)';
    chain.push({
      text: `QEMU adds a SOFT_RESERVED (0xefffffff) entry [0x${d.addr.toString(16)}, +0x${d.size.toString(16)}) to etc/e820 and an ENABLED-only SRAT entry for PXM ${d.node}.`,
      confidence: 'documented',
      sources: [SRC.qemuSpMemE820, SRC.seedCover],
    });
    let fate: SpMemFate;
    if (!guestLine) {
      chain.push({
        text: `${hiddenBy ?? 'The firmware'} does not pass the entry on: the guest's E820 has a hole there and no driver sees the memory.`,
        confidence: 'observed',
        sources: firmware === 'seabios' ? [SRC.seabiosQemu, OBSERVED.seabios61] : [OBSERVED.ovmf2022],
      });
      chain.push({
        text: `The SRAT entry still maps the range to node ${linuxNodeOfDevice ?? '?'}; with no memory there the node stays memory-less.`,
        confidence: 'observed',
        sources: [SRC.sratPrint, SRC.numaReserved, OBSERVED.seabios61],
      });
      warns.push({
        text: `${hiddenBy ?? 'The firmware'} hides sp-mem ${name}: the guest never sees it. Boot OVMF with EFI_MEMORY_SP support (edk2 2026.08 was seen working) to give it to the guest.`,
        confidence: 'observed',
        sources: [SRC.seabiosQemu, SRC.ovmfSp, firmware === 'seabios' ? OBSERVED.seabios61 : OBSERVED.ovmf2022],
      });
      fate = {
        optionIndex: d.optionIndex,
        id: d.id,
        addr: d.addr,
        size: d.size,
        pxm: d.node,
        firmwareSees: false,
        e820Type: null,
        e820Word: null,
        mergedWith: [],
        guestRange: null,
        iomemName: null,
        iomemPath: [],
        daxDevice: null,
        devPath: null,
        mode: 'absent',
        targetNode: null,
        memoryOnlyNode: false,
        chain,
        warnings: warns,
      };
    } else {
      const dax = `dax${k}.0`;
      chain.push({
        text: 'OVMF passes it as EFI conventional memory with EFI_MEMORY_SP; the EFI stub turns that into an E820 soft-reserved entry (CONFIG_EFI_SOFT_RESERVE=y, unless booted with efi=nosoftreserve).',
        confidence: 'observed',
        sources: [SRC.ovmfSp, SRC.efiStubSp, SRC.efiSoftReserve, OBSERVED.ovmf61],
      });
      chain.push({
        text: 'Linux never gives soft-reserved memory to the page allocator at boot (memblock_reserve only) and does not mark it busy, so a driver may claim it.',
        confidence: 'documented',
        sources: [SRC.e820Memblock, SRC.e820Busy],
      });
      chain.push({
        text: `dax_hmem registers the range as hmem.${k} with target node ${targetNode ?? '?'} (phys_to_target_node of its start; the SRAT entry maps it, the node is memory-less at boot).`,
        confidence: 'observed',
        sources: [SRC.hmemDevice, SRC.hmemProbe, SRC.numaReserved, OBSERVED.ovmf61],
      });
      if (kernel === 'pre-6.3') {
        chain.push({
          text: `dax_hmem_probe creates dax region ${k} and device ${dax}; device_dax binds it: /dev/${dax} (devdax mode). The memory stays out of the page allocator; applications mmap /dev/${dax}.`,
          confidence: 'observed',
          sources: [SRC.hmemProbe, SRC.devDax, OBSERVED.ovmf61],
        });
        chain.push({
          text: `To use it as System RAM: daxctl reconfigure-device --mode=system-ram ${dax} (kmem), or boot with efi=nosoftreserve.`,
          confidence: 'documented',
          sources: [SRC.kmem, SRC.efiSoftReserve, SRC.docGuestView],
        });
      } else {
        chain.push({
          text: `dax_hmem_probe creates ${dax}; since Linux 6.3 hmem regions default to kmem, which hot-adds the range as "System RAM (kmem)" on node ${targetNode ?? '?'}; it comes online per memhp_default_state / CONFIG_MHP_DEFAULT_ONLINE_TYPE (Debian's kernel onlined it).`,
          confidence: 'observed',
          sources: [SRC.kmemDefault, SRC.kmem, SRC.memhpOnline, OBSERVED.ovmf72],
        });
        chain.push({
          text: `To keep a /dev/${dax} instead: boot with memory offline and run daxctl reconfigure-device ${dax} -m devdax -f (or dax_hmem.region_idle=1).`,
          confidence: 'documented',
          sources: [SRC.docGuestView],
        });
        if (memoryOnlyNode) {
          chain.push({
            text: `Node ${targetNode ?? '?'} becomes a memory-only NUMA node. Without HMAT data kmem gives it a 5x-DRAM abstract distance: a slower memory tier, a demotion target for DRAM nodes.`,
            confidence: 'observed',
            sources: [SRC.kmem, SRC.memoryTiers, OBSERVED.ovmf72],
          });
          warns.push({
            text: `sp-mem ${name} lands in a lower memory tier (demotion target) unless HMAT describes it; for HBM that is backwards. Keep it in devdax mode or provide HMAT data.`,
            confidence: 'documented',
            sources: [SRC.kmem, SRC.memoryTiers, SRC.docGuestView],
          });
        }
      }
      if (mergedWith.length) {
        const others = mergedWith.map((o) => o.id ?? '(unnamed)').join(', ');
        const nodes = [d, ...spDevices.filter((o) => mergedWith.some((m) => m.optionIndex === o.optionIndex))].map((o) => o.node);
        warns.push({
          text: `sp-mem ${name} touches ${others}: Linux merges adjacent soft-reserved entries into one range, so the guest gets a single ${dax} covering all of them, on node ${targetNode ?? '?'} (the node of the first range). SRAT nodes ${[...new Set(nodes)].join(', ')} collapse into one dax device.`,
          confidence: 'observed',
          sources: [SRC.e820Sanitize, SRC.hmemDevice, OBSERVED.ovmf61, OBSERVED.ovmf72],
        });
      }
      if (hasNvdimm) {
        warns.push({
          text: 'With NVDIMM regions present the hmem/dax numbering may differ: both take ids from the same memregion allocator.',
          confidence: 'inferred',
          sources: [SRC.memregion],
        });
      }
      const iomemPath = kernel === 'pre-6.3' ? [`hmem.${k}`, 'Soft Reserved', dax] : ['Soft Reserved', dax, 'System RAM (kmem)'];
      fate = {
        optionIndex: d.optionIndex,
        id: d.id,
        addr: d.addr,
        size: d.size,
        pxm: d.node,
        firmwareSees: true,
        e820Type: E820_SOFT_RESERVED,
        e820Word: e820Word(E820_SOFT_RESERVED),
        mergedWith,
        guestRange: { start: guestLine.start, end: guestLine.end },
        iomemName: 'Soft Reserved',
        iomemPath,
        daxDevice: dax,
        devPath: kernel === 'pre-6.3' ? `/dev/${dax}` : null,
        mode: kernel === 'pre-6.3' ? 'devdax' : 'system-ram',
        targetNode,
        memoryOnlyNode,
        chain,
        warnings: warns,
      };
    }
    if (nodeHasRam) {
      fate.warnings.push({
        text: `Node ${d.node} also holds ordinary memory (RAM or a DIMM): a node should hold one memory type; drivers that find their memory by proximity domain can mis-discover it.`,
        confidence: 'documented',
        sources: [{ kind: 'doc', ref: 'shared/docs/sp-mem.md', detail: 'The device: warn when a node mixes SPM with ordinary RAM' }],
      });
    }
    fates.push(fate);
  }
  if (hiddenBy && spDevices.length) {
    warnings.push({
      text: `${hiddenBy} drops SOFT_RESERVED entries: the sp-mem range${spDevices.length > 1 ? 's are' : ' is'} absent from the guest's E820 map and /proc/iomem (a hole). Their SRAT entries are still printed.`,
      confidence: 'observed',
      sources: [SRC.seabiosQemu, firmware === 'seabios' ? OBSERVED.seabios61 : OBSERVED.ovmf2022],
    });
  }
  if (e820.some((l) => l.approximate)) {
    warnings.push({
      text: 'Lines marked approximate depend on firmware details (table sizes, build); their addresses are close to, not equal to, what a guest prints.',
      confidence: 'observed',
      sources: [SRC.docFirmware],
    });
  }

  return {
    options: { firmware, kernel, ovmfBuild, smm, hpet },
    assumptions,
    firmwareMap: fw,
    e820,
    dmesgE820,
    srat,
    dmesgSrat: srat.map((l) => l.text),
    pxmToNode: [...pxmMap.entries()].map(([pxm, n]) => ({ pxm, node: n })),
    iomem: top,
    iomemLines: flatten(top),
    fates,
    warnings,
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
