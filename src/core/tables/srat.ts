/**
 * ACPI SRAT as QEMU's x86 `build_srat` lays it out (shared/docs/qemu-memory.md §4), with the hotplug-window
 * umbrella partitioned around sp-mem ranges (shared/docs/sp-mem.md, "What it does to the firmware tables").
 *
 * QEMU 9.0+ adds a Generic Initiator Affinity structure (type 5, PCI device handle) for every
 * `-object acpi-generic-initiator`, then a Generic Port Affinity structure (type 6, ACPI device handle of the
 * pxb-cxl host bridge, HID ACPI0016, UID its bus_nr) for every `-object acpi-generic-port` (hw/acpi/pci.c), after
 * the padding memory entries and before the hotplug-window entries. Several of a kind come in QOM's
 * child-property hash order of /objects, not in command-line order: the caller gives them in QEMU's order.
 */
import { ACPI_HEADER, decodeAcpiHeader, finishAcpiTable, writeAcpiHeader, type AcpiHeaderFields } from './acpi-header.ts';
import { ascii, fieldWriter, layout, readFields, u16, u32, u64, u8, uint, type FlagBit, type Layout, type RecordOf } from './fields.ts';

export const SRAT_MEM_ENABLED = 1;
export const SRAT_MEM_HOTPLUGGABLE = 2;
export const SRAT_MEM_NON_VOLATILE = 4;

export type SratEntry =
  | { type: 'lapic'; proximityDomain: number; apicId: number; flags: number; cpuIndex: number }
  | { type: 'x2apic'; proximityDomain: number; x2apicId: number; flags: number; cpuIndex: number }
  | {
      type: 'memory';
      proximityDomain: number;
      baseAddress: bigint;
      length: bigint;
      flags: number;
      /** why QEMU emitted it */
      role: 'ram' | 'nvdimm' | 'padding' | 'hotplug' | 'sp-mem';
      /** for nvdimm and sp-mem entries: the -device option index */
      optionIndex?: number;
    };

/** A device handle of a generic affinity structure (ACPI 6.3 Table 5-80/5-81). */
export type SratDeviceHandle =
  | { kind: 'pci'; segment: number; bus: number; devfn: number }
  | { kind: 'acpi'; hid: string; uid: number };

/** A Generic Initiator (type 5) or Generic Port (type 6) affinity structure. */
export interface SratGenericAffinity {
  type: 'generic-initiator' | 'generic-port';
  proximityDomain: number;
  handle: SratDeviceHandle;
  /** bit 0 Enabled (QEMU: always 1) */
  flags: number;
  /** the -object option index, when known */
  optionIndex?: number;
}

/** Any SRAT structure, in table order. */
export type SratStructure = SratEntry | SratGenericAffinity;

export interface SratTable {
  /** the CPU and memory entries (everything but the generic affinity structures), in table order */
  entries: SratEntry[];
  /** the generic affinity structures, which QEMU places after the padding entries, before the hotplug ones */
  genericAffinity?: SratGenericAffinity[];
  /** the table as the guest sees it (checksum filled) */
  bytes: Uint8Array;
}

/** A piece of a node's RAM as the SRAT node walk lays it out. */
export interface RamRange {
  node: number;
  base: bigint;
  size: bigint;
}

/** What the SRAT needs of a possible CPU (QEMU's possible_cpus entry). */
export interface SratCpu {
  index: number;
  apicId: number;
  node: number;
}


export const SRAT_REVISION = 1;

/** The 12 bytes after the ACPI header: iasl's "Table Revision" (QEMU writes 1 for backward compatibility), reserved. */
export const SRAT_HEADER = layout(
  'SRAT header',
  [u32('reserved1', 'Table Revision', { default: 1 }), u64('reserved2', 'Reserved', { default: 0n })],
  ACPI_HEADER.end,
);
export type SratHeaderFields = RecordOf<typeof SRAT_HEADER>;
export type SratTableHeader = AcpiHeaderFields & SratHeaderFields;

/** Every SRAT structure begins with its type and its length. */
export const SRAT_SUBTABLE_HEADER = layout('SRAT structure header', [
  u8('type', 'Subtable Type', { note: (type) => ` [${sratSubtableKind(type)?.name ?? 'Unknown Subtable Type'}]` }),
  u8('length', 'Length'),
]);

const ENABLED: FlagBit = { mask: SRAT_MEM_ENABLED, label: 'Enabled', name: 'ENABLED' };
/** The flags of a processor affinity structure (LAPIC, x2APIC). */
export const SRAT_CPU_FLAGS: readonly FlagBit[] = [ENABLED];
/** The flags of a memory affinity structure. */
export const SRAT_MEMORY_FLAGS: readonly FlagBit[] = [
  ENABLED,
  { mask: SRAT_MEM_HOTPLUGGABLE, label: 'Hot Pluggable', name: 'HOTPLUGGABLE' },
  { mask: SRAT_MEM_NON_VOLATILE, label: 'Non-Volatile', name: 'NON_VOLATILE' },
];

/** Processor Local APIC/SAPIC Affinity (type 0), after Type and Length. */
export const SRAT_LAPIC_AFFINITY = layout(
  'Processor Local APIC/SAPIC Affinity',
  [
    u8('proximityDomain', 'Proximity Domain Low(8)', { split: 0 }),
    u8('apicId', 'Apic ID'),
    u32('flags', 'Flags (decoded below)', { flags: SRAT_CPU_FLAGS }),
    u8('sapicEid', 'Local Sapic EID', { default: 0 }),
    uint(3, 'proximityDomain', 'Proximity Domain High(24)', { split: 8 }),
    u32('clockDomain', 'Clock Domain', { default: 0 }),
  ],
  SRAT_SUBTABLE_HEADER.end,
);

/** Memory Affinity (type 1), after Type and Length. */
export const SRAT_MEMORY_AFFINITY = layout(
  'Memory Affinity',
  [
    u32('proximityDomain', 'Proximity Domain'),
    u16('reserved1', 'Reserved1', { default: 0 }),
    u64('baseAddress', 'Base Address'),
    u64('length', 'Address Length'),
    u32('reserved2', 'Reserved2', { default: 0 }),
    u32('flags', 'Flags (decoded below)', { flags: SRAT_MEMORY_FLAGS }),
    u64('reserved3', 'Reserved3', { default: 0n }),
  ],
  SRAT_SUBTABLE_HEADER.end,
);

/** Processor Local x2APIC Affinity (type 2), after Type and Length. */
export const SRAT_X2APIC_AFFINITY = layout(
  'Processor Local x2APIC Affinity',
  [
    u16('reserved1', 'Reserved1', { default: 0 }),
    u32('proximityDomain', 'Proximity Domain'),
    u32('x2apicId', 'Apic ID'),
    u32('flags', 'Flags (decoded below)', { flags: SRAT_CPU_FLAGS }),
    u32('clockDomain', 'Clock Domain', { default: 0 }),
    u32('reserved2', 'Reserved2', { default: 0 }),
  ],
  SRAT_SUBTABLE_HEADER.end,
);

export const SRAT_GENERIC_AFFINITY_ENABLED = 1;
/** The flags of a generic initiator / port affinity structure. */
export const SRAT_GENERIC_FLAGS: readonly FlagBit[] = [ENABLED];
export const SRAT_DEVICE_HANDLE_ACPI = 0;
export const SRAT_DEVICE_HANDLE_PCI = 1;
/** the 16-byte Device Handle, shown by iasl as one buffer */
const DEVICE_HANDLE = { label: 'Device Handle', width: 16 } as const;

/**
 * A Generic Initiator (type 5) or Generic Port (type 6) Affinity structure after Type and Length, with a PCI device
 * handle (Device Handle Type 1: what QEMU writes for acpi-generic-initiator).
 */
export const SRAT_GENERIC_AFFINITY_PCI = layout(
  'Generic Affinity with a PCI device handle',
  [
    u8('reserved1', 'Reserved1', { default: 0 }),
    u8('deviceHandleType', 'Device Handle Type', { default: SRAT_DEVICE_HANDLE_PCI }),
    u32('proximityDomain', 'Proximity Domain'),
    u16('segment', 'PCI Segment', { shownAs: DEVICE_HANDLE }),
    u8('bus', 'PCI Bus Number'),
    u8('devfn', 'PCI Device/Function'),
    u64('handleReserved1', 'Reserved', { default: 0n }),
    u32('handleReserved2', 'Reserved', { default: 0 }),
    u32('flags', 'Flags (decoded below)', { flags: SRAT_GENERIC_FLAGS }),
    u32('reserved2', 'Reserved2', { default: 0 }),
  ],
  SRAT_SUBTABLE_HEADER.end,
);

/** The same with an ACPI device handle (Device Handle Type 0: what QEMU writes for acpi-generic-port). */
export const SRAT_GENERIC_AFFINITY_ACPI = layout(
  'Generic Affinity with an ACPI device handle',
  [
    u8('reserved1', 'Reserved1', { default: 0 }),
    u8('deviceHandleType', 'Device Handle Type', { default: SRAT_DEVICE_HANDLE_ACPI }),
    u32('proximityDomain', 'Proximity Domain'),
    ascii('hid', 8, 'ACPI HID', { pad: '\0', shownAs: DEVICE_HANDLE }),
    u32('uid', 'ACPI UID'),
    u32('handleReserved', 'Reserved', { default: 0 }),
    u32('flags', 'Flags (decoded below)', { flags: SRAT_GENERIC_FLAGS }),
    u32('reserved2', 'Reserved2', { default: 0 }),
  ],
  SRAT_SUBTABLE_HEADER.end,
);

/** A kind of SRAT structure: its type number, names, and its layout where it is described here. */
export interface SratSubtableKind {
  readonly type: number;
  /** iasl's name for it */
  readonly name?: string;
  /** the tag of one-line summaries (`MEM(pxm 0, …)`) */
  readonly tag?: string;
  /** the fields after Type and Length; the structure's length is `body.end` */
  readonly body?: Layout;
  /** for a structure whose fields depend on its Device Handle Type (byte 3): the layout of each handle type */
  readonly bodyByHandle?: Readonly<Record<number, Layout>>;
  /** the SratStructure it decodes to and is encoded from */
  readonly entry?: SratStructure['type'];
}

const described = (type: number, tag: string, body: Layout, entry?: SratStructure['type']): SratSubtableKind =>
  entry ? { type, name: body.name, tag, body, entry } : { type, name: body.name, tag, body };

const GENERIC_BODIES: Readonly<Record<number, Layout>> = {
  [SRAT_DEVICE_HANDLE_ACPI]: SRAT_GENERIC_AFFINITY_ACPI,
  [SRAT_DEVICE_HANDLE_PCI]: SRAT_GENERIC_AFFINITY_PCI,
};
const DEVICE_HANDLE_TYPE_AT = SRAT_GENERIC_AFFINITY_PCI.fields.find((f) => f.name === 'deviceHandleType')!.offset;

/**
 * The SRAT structure types. Types 3 and 4 (ARM GIC) are named but not laid out: to decode one, describe its body
 * with `layout` and list it with `described`. Types 5 and 6 are laid out by their Device Handle Type
 * (`sratSubtableBody`). Type 6 is newer than the ACPICA disassembler of Debian 12 (20200925), which shows it as an
 * unknown subtable.
 */
export const SRAT_SUBTABLE_KINDS: readonly SratSubtableKind[] = [
  described(0, 'LAPIC', SRAT_LAPIC_AFFINITY, 'lapic'),
  described(1, 'MEM', SRAT_MEMORY_AFFINITY, 'memory'),
  described(2, 'X2APIC', SRAT_X2APIC_AFFINITY, 'x2apic'),
  { type: 3, name: 'GICC Affinity' },
  { type: 4, name: 'GIC ITS Affinity' },
  { type: 5, name: 'Generic Initiator Affinity', tag: 'GI', entry: 'generic-initiator', bodyByHandle: GENERIC_BODIES },
  { type: 6, name: 'Generic Port Affinity', tag: 'GP', entry: 'generic-port', bodyByHandle: GENERIC_BODIES },
];

/** The layout of the structure at `offset` of `bytes`: its kind's body, or the one its Device Handle Type selects. */
export function sratSubtableBody(bytes: Uint8Array, offset: number): Layout | undefined {
  const kind = sratSubtableKind(bytes[offset] ?? -1);
  if (kind?.bodyByHandle) return kind.bodyByHandle[bytes[offset + DEVICE_HANDLE_TYPE_AT] ?? -1];
  return kind?.body;
}

export function sratSubtableKind(type: number): SratSubtableKind | undefined {
  return SRAT_SUBTABLE_KINDS.find((k) => k.type === type);
}

const KIND_OF_ENTRY = Object.fromEntries(SRAT_SUBTABLE_KINDS.filter((k) => k.entry).map((k) => [k.entry, k])) as Record<
  SratStructure['type'],
  SratSubtableKind & { name: string }
>;

/** The structure an SratEntry is encoded as. */
export function sratEntryKind(type: SratEntry['type']): SratSubtableKind & { name: string; body: Layout } {
  return KIND_OF_ENTRY[type] as SratSubtableKind & { name: string; body: Layout };
}

/** The structure a generic affinity structure is encoded as (its body follows the handle: `bodyByHandle`). */
export function sratGenericKind(type: SratGenericAffinity['type']): SratSubtableKind & { name: string; bodyByHandle: Readonly<Record<number, Layout>> } {
  return KIND_OF_ENTRY[type] as SratSubtableKind & { name: string; bodyByHandle: Readonly<Record<number, Layout>> };
}

export const SRAT_LAPIC_LEN = SRAT_LAPIC_AFFINITY.end;
export const SRAT_X2APIC_LEN = SRAT_X2APIC_AFFINITY.end;
export const SRAT_MEMORY_LEN = SRAT_MEMORY_AFFINITY.end;
export const SRAT_GENERIC_AFFINITY_LEN = SRAT_GENERIC_AFFINITY_PCI.end;
/** HOLE_640K_START / HOLE_640K_END */
export const HOLE_640K_START = 0xa0000n;
export const HOLE_640K_END = 0x100000n;

type MemoryEntry = Extract<SratEntry, { type: 'memory' }>;

function mem(
  proximityDomain: number,
  baseAddress: bigint,
  length: bigint,
  flags: number,
  role: MemoryEntry['role'],
  optionIndex?: number,
): MemoryEntry {
  const e: MemoryEntry = { type: 'memory', proximityDomain, baseAddress, length, flags, role };
  if (optionIndex !== undefined) e.optionIndex = optionIndex;
  return e;
}

/**
 * QEMU's node walk: each node's RAM laid out in node order from address 0, cut around the 640K–1M hole and the
 * PCI hole below 4 GiB (the part beyond `below4g` continues at `above4gStart`). Reproduces QEMU's quirk: a node
 * ending between 640K and 1M pushes the next node to 1M.
 */
export function walkNodeRam(nodeSizes: readonly bigint[], below4g: bigint, above4gStart: bigint): RamRange[] {
  const out: RamRange[] = [];
  let next = 0n;
  for (let node = 0; node < nodeSizes.length; node++) {
    let base = next;
    let len = nodeSizes[node]!;
    next = base + len;
    if (base <= HOLE_640K_START && next > HOLE_640K_START) {
      len = HOLE_640K_START - base;
      if (len > 0n) out.push({ node, base, size: len });
      if (next <= HOLE_640K_END) {
        next = HOLE_640K_END;
        continue;
      }
      base = HOLE_640K_END;
      len = next - HOLE_640K_END;
    }
    if (base <= below4g && next > below4g) {
      len -= next - below4g;
      if (len > 0n) out.push({ node, base, size: len });
      base = above4gStart;
      len = next - below4g;
      next = base + len;
    }
    if (len > 0n) out.push({ node, base, size: len });
  }
  return out;
}

export interface SratInput {
  possibleCpus: readonly SratCpu[];
  numNodes: number;
  ramRanges: readonly RamRange[];
  nvdimms: ReadonlyArray<{ addr: bigint; size: bigint; node: number; optionIndex: number }>;
  window: { base: bigint; size: bigint } | null;
  spMems: ReadonlyArray<{ addr: bigint; size: bigint; node: number; optionIndex: number }>;
  /**
   * `-object acpi-generic-initiator` (PCI device handle: segment 0, the device's bus number and devfn as QEMU knows
   * them when the guest reads the tables) then `-object acpi-generic-port` (ACPI handle ACPI0016 / the pxb-cxl's
   * bus_nr), each kind in QEMU's order; omitted: none
   */
  genericAffinity?: readonly SratGenericAffinity[];
}

/** A Generic Initiator Affinity structure for a PCI device (QEMU: segment 0, flags Enabled). */
export function sratGenericInitiator(proximityDomain: number, bus: number, devfn: number, optionIndex?: number): SratGenericAffinity {
  const g: SratGenericAffinity = { type: 'generic-initiator', proximityDomain, handle: { kind: 'pci', segment: 0, bus, devfn }, flags: SRAT_GENERIC_AFFINITY_ENABLED };
  if (optionIndex !== undefined) g.optionIndex = optionIndex;
  return g;
}

/** A Generic Port Affinity structure for a CXL host bridge (QEMU: HID ACPI0016, UID the bridge's bus_nr). */
export function sratGenericPort(proximityDomain: number, uid: number, optionIndex?: number): SratGenericAffinity {
  const g: SratGenericAffinity = { type: 'generic-port', proximityDomain, handle: { kind: 'acpi', hid: 'ACPI0016', uid }, flags: SRAT_GENERIC_AFFINITY_ENABLED };
  if (optionIndex !== undefined) g.optionIndex = optionIndex;
  return g;
}

/** The SRAT entries in QEMU's order (without the generic affinity structures: `buildSratStructures`). */
export function buildSratEntries(input: SratInput): SratEntry[] {
  return buildSratStructures(input).filter((s): s is SratEntry => !isGenericAffinity(s));
}

export function isGenericAffinity(s: SratStructure): s is SratGenericAffinity {
  return s.type === 'generic-initiator' || s.type === 'generic-port';
}

/** Every SRAT structure in QEMU's order. */
export function buildSratStructures(input: SratInput): SratStructure[] {
  const entries: SratStructure[] = [];
  for (const cpu of input.possibleCpus) {
    if (cpu.apicId < 255) {
      entries.push({ type: 'lapic', proximityDomain: cpu.node, apicId: cpu.apicId, flags: 1, cpuIndex: cpu.index });
    } else {
      entries.push({ type: 'x2apic', proximityDomain: cpu.node, x2apicId: cpu.apicId, flags: 1, cpuIndex: cpu.index });
    }
  }
  let memCount = 0;
  for (const r of input.ramRanges) {
    entries.push(mem(r.node, r.base, r.size, SRAT_MEM_ENABLED, 'ram'));
    memCount++;
  }
  for (const nv of input.nvdimms) {
    entries.push(mem(nv.node, nv.addr, nv.size, SRAT_MEM_ENABLED | SRAT_MEM_NON_VOLATILE, 'nvdimm', nv.optionIndex));
    memCount++;
  }
  for (; memCount < input.numNodes + 2; memCount++) entries.push(mem(0, 0n, 0n, 0, 'padding'));
  const generic = input.genericAffinity ?? [];
  // initiators before ports, whatever order they come in
  for (const g of generic) if (g.type === 'generic-initiator') entries.push(g);
  for (const g of generic) if (g.type === 'generic-port') entries.push(g);
  if (input.window) {
    const hotplugPxm = input.numNodes - 1;
    const hp = SRAT_MEM_ENABLED | SRAT_MEM_HOTPLUGGABLE;
    const sorted = [...input.spMems].sort((a, b) => (a.addr < b.addr ? -1 : a.addr > b.addr ? 1 : 0));
    let cursor = input.window.base;
    for (const sp of sorted) {
      if (sp.addr > cursor) entries.push(mem(hotplugPxm, cursor, sp.addr - cursor, hp, 'hotplug'));
      entries.push(mem(sp.node, sp.addr, sp.size, SRAT_MEM_ENABLED, 'sp-mem', sp.optionIndex));
      cursor = sp.addr + sp.size;
    }
    const end = input.window.base + input.window.size;
    if (end > cursor) entries.push(mem(hotplugPxm, cursor, end - cursor, hp, 'hotplug'));
  }
  return entries;
}

/** The fields of a generic affinity structure's body. */
function genericFields(g: SratGenericAffinity): Record<string, number | bigint | string> {
  const h = g.handle;
  const common = { proximityDomain: g.proximityDomain, flags: g.flags };
  if (h.kind === 'pci') return { ...common, deviceHandleType: SRAT_DEVICE_HANDLE_PCI, segment: h.segment, bus: h.bus, devfn: h.devfn };
  return { ...common, deviceHandleType: SRAT_DEVICE_HANDLE_ACPI, hid: h.hid, uid: h.uid };
}

/** The bytes of one structure (Type and Length included). */
function structureLength(e: SratStructure): number {
  if (isGenericAffinity(e)) return (e.handle.kind === 'pci' ? SRAT_GENERIC_AFFINITY_PCI : SRAT_GENERIC_AFFINITY_ACPI).end;
  return sratEntryKind(e.type).body.end;
}

/**
 * The SRAT of these structures, in the order given (CPU and memory entries alone: today's SRAT): one buffer of
 * the table's exact length, written in place by the layouts' compiled writers.
 */
export function encodeSrat(structures: readonly SratStructure[]): Uint8Array {
  let length = SRAT_HEADER.end;
  for (const e of structures) length += structureLength(e);
  const bytes = new Uint8Array(length);
  const view = new DataView(bytes.buffer);
  writeAcpiHeader(view, { signature: 'SRAT', revision: SRAT_REVISION });
  fieldWriter(SRAT_HEADER).write(view, SRAT_HEADER.start, {});
  const header = fieldWriter(SRAT_SUBTABLE_HEADER);
  /** one Type/Length record, reused for every structure */
  const tl = { type: 0, length: 0 };
  let o = SRAT_HEADER.end;
  for (const e of structures) {
    if (isGenericAffinity(e)) {
      const body = e.handle.kind === 'pci' ? SRAT_GENERIC_AFFINITY_PCI : SRAT_GENERIC_AFFINITY_ACPI;
      tl.type = sratGenericKind(e.type).type;
      tl.length = body.end;
      header.write(view, o, tl);
      fieldWriter(body).write(view, o + body.start, genericFields(e));
    } else {
      const kind = sratEntryKind(e.type);
      tl.type = kind.type;
      tl.length = kind.body.end;
      header.write(view, o, tl);
      fieldWriter(kind.body).write(view, o + kind.body.start, e);
    }
    o += tl.length;
  }
  return finishAcpiTable(bytes);
}

export function buildSrat(input: SratInput): SratTable {
  const structures = buildSratStructures(input);
  const entries = structures.filter((s): s is SratEntry => !isGenericAffinity(s));
  const genericAffinity = structures.filter(isGenericAffinity);
  return { entries, ...(genericAffinity.length ? { genericAffinity } : {}), bytes: encodeSrat(structures) };
}

/** One SRAT structure as laid out; `fields` only for a described type of exactly its length. */
export type SratSubtable = { offset: number; type: number; length: number; kind: SratSubtableKind | undefined } & (
  | { entry: 'lapic'; fields: RecordOf<typeof SRAT_LAPIC_AFFINITY> }
  | { entry: 'x2apic'; fields: RecordOf<typeof SRAT_X2APIC_AFFINITY> }
  | { entry: 'memory'; fields: RecordOf<typeof SRAT_MEMORY_AFFINITY> }
  | { entry: 'generic-initiator' | 'generic-port'; fields: RecordOf<typeof SRAT_GENERIC_AFFINITY_PCI> | RecordOf<typeof SRAT_GENERIC_AFFINITY_ACPI> }
  | { entry: null; fields: Record<string, number | bigint | string> | null }
);

export interface SratLayoutRead {
  header: SratTableHeader;
  subtables: SratSubtable[];
  /** the structure where the walk stopped: a length under 2 or past the end of the bytes */
  bad: { offset: number; type: number; length: number } | null;
  /** bytes after the last whole structure, too few for a structure header */
  trailing: number;
}

/**
 * Every field of an SRAT, read as laid out and not judged (the header's Length is not checked; structures are
 * walked to the end of the bytes): for diffs and reports. A RangeError when the bytes are shorter than the header.
 */
export function readSratLayout(bytes: Uint8Array): SratLayoutRead {
  const header = { ...readFields(ACPI_HEADER, bytes), ...readFields(SRAT_HEADER, bytes) };
  const subtables: SratSubtable[] = [];
  let bad: SratLayoutRead['bad'] = null;
  let o = SRAT_HEADER.end;
  while (o + SRAT_SUBTABLE_HEADER.end <= bytes.length) {
    const { type, length } = readFields(SRAT_SUBTABLE_HEADER, bytes, o);
    if (length < SRAT_SUBTABLE_HEADER.end || o + length > bytes.length) {
      bad = { offset: o, type, length };
      break;
    }
    const kind = sratSubtableKind(type);
    const body = sratSubtableBody(bytes, o);
    const fields = body && length === body.end ? readFields(body, bytes, o) : null;
    subtables.push({ offset: o, type, length, kind, entry: fields ? (kind?.entry ?? null) : null, fields } as SratSubtable);
    o += length;
  }
  return { header, subtables, bad, trailing: bad ? 0 : bytes.length - o };
}

/**
 * Decode SRAT bytes (for tests, diffs and import); null when it is not a well-formed SRAT. `entries` are the CPU
 * and memory entries, `genericAffinity` the generic initiator and port structures (both in table order).
 */
export function decodeSrat(bytes: Uint8Array): { entries: SratEntry[]; genericAffinity: SratGenericAffinity[]; checksumOk: boolean } | null {
  const h = decodeAcpiHeader(bytes);
  if (!h || h.signature !== 'SRAT' || h.length !== bytes.length || bytes.length < SRAT_HEADER.end) return null;
  const read = readSratLayout(bytes);
  if (read.bad || read.trailing) return null;
  let sum = 0;
  for (const b of bytes) sum = (sum + b) & 0xff;
  const entries: SratEntry[] = [];
  const genericAffinity: SratGenericAffinity[] = [];
  let cpuIndex = 0;
  for (const s of read.subtables) {
    if (s.entry === 'lapic') {
      const f = s.fields;
      entries.push({ type: 'lapic', proximityDomain: f.proximityDomain, apicId: f.apicId, flags: f.flags, cpuIndex: cpuIndex++ });
    } else if (s.entry === 'x2apic') {
      const f = s.fields;
      entries.push({ type: 'x2apic', proximityDomain: f.proximityDomain, x2apicId: f.x2apicId, flags: f.flags, cpuIndex: cpuIndex++ });
    } else if (s.entry === 'memory') {
      const { flags } = s.fields;
      const role: MemoryEntry['role'] =
        flags === 0 ? 'padding' : flags & SRAT_MEM_NON_VOLATILE ? 'nvdimm' : flags & SRAT_MEM_HOTPLUGGABLE ? 'hotplug' : 'ram';
      entries.push(mem(s.fields.proximityDomain, s.fields.baseAddress, s.fields.length, flags, role));
    } else if (s.entry === 'generic-initiator' || s.entry === 'generic-port') {
      const f = s.fields;
      const handle: SratDeviceHandle =
        'hid' in f ? { kind: 'acpi', hid: f.hid.replace(/\0+$/, ''), uid: f.uid } : { kind: 'pci', segment: f.segment, bus: f.bus, devfn: f.devfn };
      genericAffinity.push({ type: s.entry, proximityDomain: f.proximityDomain, handle, flags: f.flags });
    } else {
      return null;
    }
  }
  return { entries, genericAffinity, checksumOk: sum === 0 };
}
