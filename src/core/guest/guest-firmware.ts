/**
 * The E820 map the firmware hands to the guest kernel, built from QEMU's `etc/e820` (MachineLayout.e820) plus what
 * the firmware adds on its own (shared/docs/qemu-memory.md §1.8, shared/docs/real-qemu.md "What SeaBIOS adds").
 *
 * SeaBIOS is modelled from its source: it loads only RAM and RESERVED entries from etc/e820 (a SOFT_RESERVED
 * sp-mem range is dropped), keeps a sorted list in which a later entry overrides the part of an earlier one it
 * overlaps and adjacent entries of one type merge, and adds its own reservations. The one figure that is not
 * derivable — the reservation left at the top of low RAM, which depends on the size of the ACPI tables — is a
 * heuristic fitted to observed dumps and labelled approximate.
 *
 * OVMF is modelled from observation only (edk2 source not read): its map has many small fragments of ACPI NVS,
 * ACPI data and reserved memory in low RAM whose exact addresses depend on the RAM size, the tables and the build.
 * The model places the fragments as observed for one build and labels every one of them approximate. What is
 * stable is exact: RAM from QEMU, the PCIe ECAM window, the flash range, SOFT_RESERVED passed through as
 * EFI_MEMORY_SP (which Linux turns into an E820 soft-reserved entry).
 */
import { E820_ACPI, E820_NVS, E820_RAM, E820_RESERVED, E820_SOFT_RESERVED, type MachineLayout } from '../machine/index.ts';
import { MiB } from '../base/index.ts';
import { OBSERVED, SRC, type SourceRef } from './guest-sources.ts';
import type { ConfigDocument } from '../document/index.ts';

export type GuestFirmware = 'seabios' | 'ovmf';

/**
 * Which OVMF: `edk2-2026.08` (Debian sid; passes sp-mem to the guest as EFI_MEMORY_SP) or `edk2-2022.11`
 * (Debian 12; drops the SOFT_RESERVED entry like SeaBIOS does).
 */
export type OvmfBuild = 'edk2-2026.08' | 'edk2-2022.11';

/** Where a line of the firmware map comes from. */
export type LineOrigin =
  /** an entry of QEMU's etc/e820, passed through */
  | 'qemu'
  /** added by the firmware at a known, exact place */
  | 'firmware'
  /** added by the firmware; place or size approximate (depends on tables, RAM size or firmware build) */
  | 'firmware-approx';

export interface FirmwareE820Entry {
  start: bigint;
  /** exclusive */
  end: bigint;
  type: number;
  origin: LineOrigin;
  /**
   * true when a boundary of the entry is not exact: it is a 'firmware-approx' entry, or a QEMU range whose start or
   * end was cut by one (e.g. low RAM ending where SeaBIOS's table-size-dependent reservation begins)
   */
  approximate: boolean;
  /** what it is ("low RAM", "EBDA", "PCIe ECAM (MMCONFIG)", "sp-mem hbm0", ...) */
  what: string[];
  /** the -device options of the sp-mem devices it stands for */
  optionIndices: number[];
  sources: SourceRef[];
}

export interface FirmwareModelOptions {
  firmware: GuestFirmware;
  ovmfBuild?: OvmfBuild;
  /** OVMF built with SMM and the machine's SMM on (q35): TSEG at the top of low RAM */
  smm?: boolean;
}

export interface FirmwareMap {
  firmware: GuestFirmware;
  ovmfBuild: OvmfBuild | null;
  /** non-overlapping, in address order */
  entries: FirmwareE820Entry[];
  /** QEMU etc/e820 entries the firmware did not pass on */
  dropped: Array<{ start: bigint; end: bigint; type: number; optionIndex?: number; reason: string }>;
  /** what the model assumes */
  assumptions: string[];
}

const FOUR_GIB = 0x1_0000_0000n;
export const BIOS_ROM_START = 0xfffc0000n;
export const EBDA_START = 0x9fc00n;
export const HOLE_640K = 0xa0000n;
export const F_SEGMENT = 0xf0000n;
export const ONE_MIB = 0x100000n;
export const SEABIOS_ECAM = 0xb0000000n;
export const ECAM_SIZE = 0x10000000n;
export const RCBA_START = 0xfed1c000n;
export const RCBA_SIZE = 0x4000n;
export const OVMF_FLASH_START = 0xffc00000n;
export const TSEG_SIZE = 16n * MiB;

const WORST: Record<LineOrigin, number> = { qemu: 0, firmware: 1, 'firmware-approx': 2 };
function worse(a: LineOrigin, b: LineOrigin): LineOrigin {
  return WORST[a] >= WORST[b] ? a : b;
}
function uniq<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}

/** A sorted, non-overlapping list in which a later add overrides what it overlaps (SeaBIOS `e820_add`). */
class MapBuilder {
  entries: FirmwareE820Entry[] = [];
  constructor(private readonly mergeAdjacent: boolean) {}

  /** `type` null removes the range (a hole). */
  add(start: bigint, end: bigint, type: number | null, e: Omit<FirmwareE820Entry, 'start' | 'end' | 'type'>): void {
    if (end <= start) return;
    const cutApprox = e.origin === 'firmware-approx';
    const out: FirmwareE820Entry[] = [];
    for (const x of this.entries) {
      if (x.end <= start || x.start >= end) {
        out.push(x);
        continue;
      }
      if (x.start < start) out.push({ ...x, end: start, approximate: x.approximate || cutApprox });
      if (x.end > end) out.push({ ...x, start: end, approximate: x.approximate || cutApprox });
    }
    if (type !== null) out.push({ start, end, type, ...e, what: [...e.what], optionIndices: [...e.optionIndices], sources: [...e.sources] });
    out.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
    this.entries = this.mergeAdjacent ? mergeSameType(out) : out;
  }
}

/** Merge touching or overlapping entries of one type (SeaBIOS's list; Linux's e820__update_table()). */
export function mergeSameType(sorted: readonly FirmwareE820Entry[]): FirmwareE820Entry[] {
  const out: FirmwareE820Entry[] = [];
  for (const x of sorted) {
    const prev = out.at(-1);
    if (prev && prev.type === x.type && x.start <= prev.end) {
      out[out.length - 1] = {
        ...prev,
        end: x.end > prev.end ? x.end : prev.end,
        origin: worse(prev.origin, x.origin),
        approximate: prev.approximate || x.approximate,
        what: uniq([...prev.what, ...x.what]),
        optionIndices: uniq([...prev.optionIndices, ...x.optionIndices]),
        sources: uniq([...prev.sources, ...x.sources]),
      };
    } else out.push({ ...x });
  }
  return out;
}

const qemuWhat = (layout: MachineLayout, address: bigint, type: number, optionIndex?: number): string => {
  if (type === E820_SOFT_RESERVED) {
    const d = layout.devices.find((x) => x.optionIndex === optionIndex);
    return `sp-mem ${d?.id ?? '(unnamed)'}`;
  }
  if (type === E820_RAM) return address === 0n ? 'low RAM' : 'RAM above 4 GiB';
  if (address === 0xfd00000000n) return 'AMD HyperTransport hole';
  return 'QEMU reservation';
};

/**
 * The size SeaBIOS leaves reserved at the top of low RAM once it has returned the unused part of its 16 MiB
 * ZoneHigh. It depends on the size of what it keeps there (ACPI tables and other high allocations). The heuristic
 * fits every dump observed (SeaBIOS 1.16.2 and 1.17.0): 0x20000, plus 0x1000 on q35 with an SRAT, plus 0x1000 with
 * NVDIMMs (e.g. `q35 -m 4G`: 0x20000; q35 with NUMA: 0x21000; q35 with an nvdimm: 0x22000; pc with an nvdimm: 0x21000).
 */
export function seabiosTopReservation(layout: MachineLayout): bigint {
  let size = 0x20000n;
  if (layout.machine.family === 'q35' && layout.srat) size += 0x1000n;
  if (layout.machine.nvdimm && layout.devices.some((d) => d.driver === 'nvdimm')) size += 0x1000n;
  return size;
}

function seabiosMap(layout: MachineLayout): FirmwareMap {
  const b = new MapBuilder(true);
  const dropped: FirmwareMap['dropped'] = [];
  for (const e of layout.e820) {
    const end = e.address + e.length;
    if (e.type !== E820_RAM && e.type !== E820_RESERVED) {
      const d: FirmwareMap['dropped'][number] = {
        start: e.address,
        end,
        type: e.type,
        reason: 'SeaBIOS loads only RAM and RESERVED entries from etc/e820',
      };
      if (e.optionIndex !== undefined) d.optionIndex = e.optionIndex;
      dropped.push(d);
      continue;
    }
    b.add(e.address, end, e.type, {
      origin: 'qemu',
      approximate: false,
      what: [qemuWhat(layout, e.address, e.type)],
      optionIndices: [],
      sources: [SRC.seabiosQemu],
    });
  }
  const fw = (what: string, sources: SourceRef[] = [SRC.seabiosPost, OBSERVED.seabiosTables]) => ({
    origin: 'firmware' as const,
    approximate: false,
    what: [what],
    optionIndices: [],
    sources,
  });
  b.add(BIOS_ROM_START, FOUR_GIB, E820_RESERVED, fw('BIOS ROM'));
  b.add(HOLE_640K, F_SEGMENT, null, fw('legacy VGA / option ROM area'));
  b.add(F_SEGMENT, ONE_MIB, E820_RESERVED, fw('BIOS F-segment'));
  // ZoneHigh: the top of the highest RAM range below 4 GiB, net of what SeaBIOS gives back at boot
  const lowRam = b.entries.filter((x) => x.type === E820_RAM && x.end <= FOUR_GIB).at(-1);
  if (lowRam) {
    const size = seabiosTopReservation(layout);
    const start = lowRam.end - size > lowRam.start ? lowRam.end - size : lowRam.start;
    b.add(start, lowRam.end, E820_RESERVED, {
      origin: 'firmware-approx',
      approximate: true,
      what: ['SeaBIOS tables (ZoneHigh) at the top of low RAM; size depends on the ACPI tables'],
      optionIndices: [],
      sources: [SRC.seabiosPost, OBSERVED.seabiosTables],
    });
  }
  b.add(EBDA_START, HOLE_640K, E820_RESERVED, fw('EBDA'));
  if (layout.machine.family === 'q35') {
    b.add(SEABIOS_ECAM, SEABIOS_ECAM + ECAM_SIZE, E820_RESERVED, fw('PCIe ECAM (MMCONFIG)'));
    b.add(RCBA_START, RCBA_START + RCBA_SIZE, E820_RESERVED, fw('ICH9 RCBA'));
  }
  return {
    firmware: 'seabios',
    ovmfBuild: null,
    entries: b.entries,
    dropped,
    assumptions: [
      'SeaBIOS (QEMU\'s default firmware), modelled from its source and checked against SeaBIOS 1.16.2 and 1.17.0 debug dumps.',
      'The reservation at the top of low RAM depends on the size of the ACPI tables; its size here is approximate.',
    ],
  };
}

/** One observed OVMF fragment: [top - from, top - to) or an absolute range. */
interface Fragment {
  from: bigint;
  to: bigint;
  type: number;
}

/** Low-memory fragments (absolute), as observed. */
const OVMF_LOW: Record<OvmfBuild, Fragment[]> = {
  'edk2-2026.08': [
    { from: 0x800000n, to: 0x808000n, type: E820_NVS },
    { from: 0x80b000n, to: 0x80c000n, type: E820_NVS },
    { from: 0x812000n, to: 0x813000n, type: E820_RESERVED },
    { from: 0x814000n, to: 0x900000n, type: E820_NVS },
  ],
  'edk2-2022.11': [
    { from: 0x806000n, to: 0x808000n, type: E820_NVS },
    { from: 0x810000n, to: 0x900000n, type: E820_NVS },
  ],
};

/** Fragments below the top of low RAM, as distances from the top (observed with 1 GiB of low RAM and an SRAT). */
const OVMF_TOP: Record<OvmfBuild, Fragment[]> = {
  'edk2-2026.08': [
    { from: 0x18c1000n, to: 0x1800000n, type: E820_RESERVED },
    { from: 0x42e000n, to: 0x1ae000n, type: E820_RESERVED },
    { from: 0x1ae000n, to: 0x19c000n, type: E820_ACPI },
    { from: 0x19c000n, to: 0x11c000n, type: E820_NVS },
    { from: 0x114000n, to: 0x90000n, type: E820_RESERVED },
    { from: 0x90000n, to: 0n, type: E820_NVS },
  ],
  'edk2-2022.11': [
    { from: 0x1576000n, to: 0x1474000n, type: E820_RESERVED },
    { from: 0xb14000n, to: 0x894000n, type: E820_RESERVED },
    { from: 0x894000n, to: 0x882000n, type: E820_ACPI },
    { from: 0x882000n, to: 0x802000n, type: E820_NVS },
    { from: 0x114000n, to: 0x90000n, type: E820_RESERVED },
    { from: 0x90000n, to: 0n, type: E820_NVS },
  ],
};

const FRAGMENT_WHAT: Record<number, string> = {
  [E820_NVS]: 'OVMF ACPI NVS fragment',
  [E820_ACPI]: 'OVMF ACPI tables',
  [E820_RESERVED]: 'OVMF reserved fragment',
};

/** Where OVMF puts the PCIe ECAM window on q35. */
export function ovmfEcamBase(build: OvmfBuild): bigint {
  return build === 'edk2-2026.08' ? 0xe0000000n : 0xb0000000n;
}

function ovmfMap(layout: MachineLayout, build: OvmfBuild, smm: boolean): FirmwareMap {
  const b = new MapBuilder(false);
  const dropped: FirmwareMap['dropped'] = [];
  const current = build === 'edk2-2026.08';
  const observed = current ? OBSERVED.ovmf61 : OBSERVED.ovmf2022;
  const below = layout.ram.below4g;
  for (const e of layout.e820) {
    const end = e.address + e.length;
    const drop = (reason: string) => {
      const d: FirmwareMap['dropped'][number] = { start: e.address, end, type: e.type, reason };
      if (e.optionIndex !== undefined) d.optionIndex = e.optionIndex;
      dropped.push(d);
    };
    if (e.type === E820_RAM) {
      b.add(e.address, end, E820_RAM, {
        origin: 'qemu',
        approximate: false,
        what: [qemuWhat(layout, e.address, e.type)],
        optionIndices: [],
        sources: [SRC.docFirmware, observed],
      });
    } else if (e.type === E820_SOFT_RESERVED) {
      if (!current) {
        drop('OVMF edk2 2022.11 does not pass SOFT_RESERVED entries on (observed: the range is absent from the guest map)');
        continue;
      }
      b.add(e.address, end, E820_SOFT_RESERVED, {
        origin: 'qemu',
        approximate: false,
        what: [qemuWhat(layout, e.address, e.type, e.optionIndex)],
        optionIndices: e.optionIndex !== undefined ? [e.optionIndex] : [],
        sources: [SRC.ovmfSp, SRC.efiStubSp, observed],
      });
    } else if (e.type === E820_RESERVED) {
      if (!current) {
        drop('OVMF edk2 2022.11 does not pass QEMU\'s reserved entries on (observed: no AMD HyperTransport entry)');
        continue;
      }
      b.add(e.address, end, E820_RESERVED, {
        origin: 'qemu',
        approximate: false,
        what: [qemuWhat(layout, e.address, e.type)],
        optionIndices: [],
        sources: [observed],
      });
    } else {
      drop('type not modelled for OVMF');
    }
  }
  // the 640K–1M area is not in OVMF's map
  b.add(HOLE_640K, ONE_MIB, null, {
    origin: 'firmware',
    approximate: false,
    what: ['legacy 640K–1M area'],
    optionIndices: [],
    sources: [SRC.docFirmware, observed],
  });
  const approx = (type: number) => ({
    origin: 'firmware-approx' as const,
    approximate: true,
    what: [FRAGMENT_WHAT[type] ?? 'OVMF fragment'],
    optionIndices: [],
    sources: [SRC.docFirmware, observed],
  });
  if (below > 0x900000n) {
    for (const f of OVMF_LOW[build]) b.add(f.from, f.to, f.type, approx(f.type));
  }
  let top = below;
  if (smm && layout.machine.family === 'q35' && below > TSEG_SIZE) {
    b.add(below - TSEG_SIZE, below, E820_RESERVED, {
      origin: 'firmware',
      approximate: false,
      what: ['TSEG (SMRAM, q35 default 16 MiB extended TSEG)'],
      optionIndices: [],
      sources: [SRC.docFirmware],
    });
    top = below - TSEG_SIZE;
  }
  const topSpan = OVMF_TOP[build][0]!.from;
  if (top > 0x900000n + topSpan) {
    for (const f of OVMF_TOP[build]) b.add(top - f.from, top - f.to, f.type, approx(f.type));
  }
  if (layout.machine.family === 'q35') {
    const ecam = ovmfEcamBase(build);
    b.add(ecam, ecam + ECAM_SIZE, E820_RESERVED, {
      origin: current && below > 0x80000000n ? 'firmware-approx' : 'firmware',
      approximate: current && below > 0x80000000n,
      what: ['PCIe ECAM (MMCONFIG)'],
      optionIndices: [],
      sources: [SRC.docFirmware, observed],
    });
  }
  b.add(OVMF_FLASH_START, FOUR_GIB, E820_RESERVED, {
    origin: 'firmware',
    approximate: false,
    what: ['OVMF flash (4 MiB image, EFI memory-mapped I/O)'],
    optionIndices: [],
    sources: [SRC.docFirmware, observed],
  });
  const assumptions = [
    `OVMF ${build.replace('edk2-', 'edk2 ')} (${current ? 'Debian sid' : 'Debian 12'}), 4 MiB flash image${smm ? ', SMM build (TSEG)' : ''}; its map is modelled from observed guests, not from edk2 source.`,
    'OVMF splits low RAM into many ACPI NVS / ACPI data / reserved fragments; they are placed as observed and are approximate: their addresses shift with the RAM size, the ACPI tables and the firmware build.',
  ];
  if (current) assumptions.push('SOFT_RESERVED ranges reach the guest as EFI_MEMORY_SP, which Linux (CONFIG_EFI_SOFT_RESERVE=y, no efi=nosoftreserve) turns into E820 soft reserved.');
  else assumptions.push('This OVMF build drops SOFT_RESERVED and QEMU\'s reserved entries (observed).');
  return { firmware: 'ovmf', ovmfBuild: build, entries: b.entries, dropped, assumptions };
}

/** The firmware's E820 map for a machine. */
export function firmwareE820(layout: MachineLayout, opts: FirmwareModelOptions): FirmwareMap {
  if (opts.firmware === 'seabios') return seabiosMap(layout);
  return ovmfMap(layout, opts.ovmfBuild ?? 'edk2-2026.08', opts.smm ?? false);
}

/** Linux's x86_64 memory block size: the unit of memory hotplug (MIN_MEMORY_BLOCK_SIZE, 128 MiB) */
export const LINUX_MEMORY_BLOCK = 128n << 20n;

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
