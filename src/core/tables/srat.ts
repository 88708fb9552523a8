/**
 * ACPI SRAT as QEMU's x86 `build_srat` lays it out (shared/docs/qemu-memory.md §4), with the hotplug-window
 * umbrella partitioned around sp-mem ranges (shared/docs/sp-mem.md, "What it does to the firmware tables").
 */
import { ByteWriter } from './byte-writer.ts';
import { ACPI_HEADER, beginAcpiTable, decodeAcpiHeader, endAcpiTable, type AcpiHeaderFields } from './acpi-header.ts';
import { layout, readFields, u16, u32, u64, u8, uint, writeFields, type FlagBit, type Layout, type RecordOf } from './fields.ts';

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

export interface SratTable {
  entries: SratEntry[];
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

/** A kind of SRAT structure: its type number, names, and its layout where it is described here. */
export interface SratSubtableKind {
  readonly type: number;
  /** iasl's name for it */
  readonly name?: string;
  /** the tag of one-line summaries (`MEM(pxm 0, …)`) */
  readonly tag?: string;
  /** the fields after Type and Length; the structure's length is `body.end` */
  readonly body?: Layout;
  /** the SratEntry it decodes to and is encoded from */
  readonly entry?: SratEntry['type'];
}

const described = (type: number, tag: string, body: Layout, entry?: SratEntry['type']): SratSubtableKind =>
  entry ? { type, name: body.name, tag, body, entry } : { type, name: body.name, tag, body };

/**
 * The SRAT structure types. Types 3 to 6 are named but not laid out (QEMU's x86 SRAT has none of them; the
 * Generic Initiator of `-object acpi-generic-initiator` is type 5): to decode one, describe its body with
 * `layout` and list it with `described`.
 */
export const SRAT_SUBTABLE_KINDS: readonly SratSubtableKind[] = [
  described(0, 'LAPIC', SRAT_LAPIC_AFFINITY, 'lapic'),
  described(1, 'MEM', SRAT_MEMORY_AFFINITY, 'memory'),
  described(2, 'X2APIC', SRAT_X2APIC_AFFINITY, 'x2apic'),
  { type: 3, name: 'GICC Affinity' },
  { type: 4, name: 'GIC ITS Affinity' },
  { type: 5, name: 'Generic Initiator Affinity', tag: 'GI' },
  { type: 6, tag: 'GP' },
];

export function sratSubtableKind(type: number): SratSubtableKind | undefined {
  return SRAT_SUBTABLE_KINDS.find((k) => k.type === type);
}

const KIND_OF_ENTRY = Object.fromEntries(SRAT_SUBTABLE_KINDS.filter((k) => k.entry).map((k) => [k.entry, k])) as Record<
  SratEntry['type'],
  SratSubtableKind & { body: Layout }
>;

/** The structure an SratEntry is encoded as. */
export function sratEntryKind(type: SratEntry['type']): SratSubtableKind & { name: string; body: Layout } {
  return KIND_OF_ENTRY[type] as SratSubtableKind & { name: string; body: Layout };
}

export const SRAT_LAPIC_LEN = SRAT_LAPIC_AFFINITY.end;
export const SRAT_X2APIC_LEN = SRAT_X2APIC_AFFINITY.end;
export const SRAT_MEMORY_LEN = SRAT_MEMORY_AFFINITY.end;
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
}

/** The SRAT entries in QEMU's order. */
export function buildSratEntries(input: SratInput): SratEntry[] {
  const entries: SratEntry[] = [];
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

export function encodeSrat(entries: readonly SratEntry[]): Uint8Array {
  const w = new ByteWriter(SRAT_HEADER.end + entries.length * SRAT_MEMORY_LEN);
  beginAcpiTable(w, { signature: 'SRAT', revision: SRAT_REVISION });
  writeFields(w, SRAT_HEADER, {});
  for (const e of entries) {
    const kind = sratEntryKind(e.type);
    writeFields(w, SRAT_SUBTABLE_HEADER, { type: kind.type, length: kind.body.end });
    writeFields(w, kind.body, e);
  }
  return endAcpiTable(w);
}

export function buildSrat(input: SratInput): SratTable {
  const entries = buildSratEntries(input);
  return { entries, bytes: encodeSrat(entries) };
}

/** One SRAT structure as laid out; `fields` only for a described type of exactly its length. */
export type SratSubtable = { offset: number; type: number; length: number; kind: SratSubtableKind | undefined } & (
  | { entry: 'lapic'; fields: RecordOf<typeof SRAT_LAPIC_AFFINITY> }
  | { entry: 'x2apic'; fields: RecordOf<typeof SRAT_X2APIC_AFFINITY> }
  | { entry: 'memory'; fields: RecordOf<typeof SRAT_MEMORY_AFFINITY> }
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
    const fields = kind?.body && length === kind.body.end ? readFields(kind.body, bytes, o) : null;
    subtables.push({ offset: o, type, length, kind, entry: fields ? (kind?.entry ?? null) : null, fields } as SratSubtable);
    o += length;
  }
  return { header, subtables, bad, trailing: bad ? 0 : bytes.length - o };
}

/** Decode SRAT bytes (for tests, diffs and import); null when it is not a well-formed SRAT. */
export function decodeSrat(bytes: Uint8Array): { entries: SratEntry[]; checksumOk: boolean } | null {
  const h = decodeAcpiHeader(bytes);
  if (!h || h.signature !== 'SRAT' || h.length !== bytes.length || bytes.length < SRAT_HEADER.end) return null;
  const read = readSratLayout(bytes);
  if (read.bad || read.trailing) return null;
  let sum = 0;
  for (const b of bytes) sum = (sum + b) & 0xff;
  const entries: SratEntry[] = [];
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
    } else {
      return null;
    }
  }
  return { entries, checksumOk: sum === 0 };
}
