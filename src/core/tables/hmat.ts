/**
 * ACPI HMAT (Heterogeneous Memory Attribute Table, ACPI 6.3 §5.2.27) as QEMU builds it (hw/acpi/hmat.c), from
 * `-machine hmat=on`, `-numa node,initiator=`, `-numa hmat-lb` and `-numa hmat-cache`.
 *
 * When QEMU builds one (x86): with `hmat=on` and at least one NUMA node; it follows the SRAT (and the SLIT, when
 * there is one) in the table blob. Its structures, in this order:
 *
 * - a Memory Proximity Domain Attributes structure for every node that has memory of its own (`-numa node,memdev=`
 *   or `mem=`), in node order. A node whose memory is only in devices (pc-dimm, sp-mem) or that has none gets none
 *   (QEMU 7.2 still wrote one for every node). Its initiator is `initiator=`, or the node itself when it has CPUs;
 *   a node with neither gets 128 (MAX_NODES) with the valid flag clear.
 * - a System Locality Latency and Bandwidth Information structure for every (hierarchy, data type) that some
 *   `-numa hmat-lb` gave, in hierarchy order (memory, first-, second-, third-level) then data-type order (access,
 *   read, write latency; access, read, write bandwidth). Initiators: every node with CPUs or a generic initiator,
 *   in node order; targets: every node. Pairs not given are 0. The entry base unit is QEMU's: for latency the
 *   largest power of ten dividing every non-zero latency (in ns, written in ps and truncated to 32 bits), for
 *   bandwidth the largest power of two dividing every non-zero bandwidth (in bytes/s, written in MB/s); each entry
 *   is the value divided by it, truncated to 16 bits (QEMU's range check depends on the order of the options and
 *   lets some values through that then wrap: `hmatLbUnits`).
 * - a Memory Side Cache Information structure for every `-numa hmat-cache`, by node then level.
 */
import { ByteWriter } from './byte-writer.ts';
import { ACPI_HEADER, beginAcpiTable, decodeAcpiHeader, endAcpiTable, type AcpiHeaderFields } from './acpi-header.ts';
import {
  array,
  fieldText,
  hexUpper,
  layout,
  readFields,
  u16,
  u32,
  u64,
  u8,
  withAsciiNote,
  writeFields,
  type FlagBit,
  type Layout,
  type RecordOf,
} from './fields.ts';
import { rawTableDump } from './srat-text.ts';

export const HMAT_REVISION = 2;
/** QEMU's MAX_NODES: the initiator written for a node that has none */
export const QEMU_MAX_NODES = 128;

export const HMAT_HIERARCHIES = ['memory', 'first-level', 'second-level', 'third-level'] as const;
export type HmatHierarchy = (typeof HMAT_HIERARCHIES)[number];
export const HMAT_DATA_TYPES = ['access-latency', 'read-latency', 'write-latency', 'access-bandwidth', 'read-bandwidth', 'write-bandwidth'] as const;
export type HmatDataType = (typeof HMAT_DATA_TYPES)[number];
export const HMAT_CACHE_ASSOCIATIVITIES = ['none', 'direct', 'complex'] as const;
export type HmatCacheAssociativity = (typeof HMAT_CACHE_ASSOCIATIVITIES)[number];
export const HMAT_CACHE_POLICIES = ['none', 'write-back', 'write-through'] as const;
export type HmatCachePolicy = (typeof HMAT_CACHE_POLICIES)[number];

const isLatency = (t: HmatDataType): boolean => t.endsWith('latency');

// ---- the layouts ----

const HMAT_ACPI_HEADER = withAsciiNote(ACPI_HEADER, 'signature', (sig) => (sig === 'HMAT' ? '    [Heterogeneous Memory Attributes Table]' : ''));

/** The 4 bytes after the ACPI header. */
export const HMAT_HEADER = layout('HMAT header', [u32('reserved1', 'Reserved', { default: 0 })], ACPI_HEADER.end);

/** Every HMAT structure begins with its type, 2 reserved bytes and its length. */
export const HMAT_STRUCTURE_HEADER = layout('HMAT structure header', [
  u16('type', 'Structure Type', { note: (type) => ` [${hmatStructureKind(type)?.name ?? 'Unknown Structure Type'}]` }),
  u16('reserved', 'Reserved', { default: 0 }),
  u32('length', 'Length'),
]);

export const HMAT_INITIATOR_VALID = 1;
export const HMAT_PROXIMITY_DOMAIN_FLAGS: readonly FlagBit[] = [{ mask: HMAT_INITIATOR_VALID, label: 'Processor Proximity Domain Valid', name: 'INITIATOR_VALID' }];

/** Memory Proximity Domain Attributes (type 0), after the structure header. */
export const HMAT_PROXIMITY_DOMAIN = layout(
  'Memory Proximity Domain Attributes',
  [
    u16('flags', 'Flags (decoded below)', { flags: HMAT_PROXIMITY_DOMAIN_FLAGS }),
    u16('reserved1', 'Reserved1', { default: 0 }),
    u32('initiator', 'Attached Initiator Proximity Domain'),
    u32('memory', 'Memory Proximity Domain'),
    u32('reserved2', 'Reserved2', { default: 0 }),
    // the System Physical Address Range of ACPI 6.2, reserved since 6.3
    u64('reserved3', 'Reserved3', { default: 0n }),
    u64('reserved4', 'Reserved4', { default: 0n }),
  ],
  HMAT_STRUCTURE_HEADER.end,
);

export const HMAT_LOCALITY_FLAGS: readonly FlagBit[] = [{ mask: 0x0f, shift: 0, label: 'Memory Hierarchy', name: 'HIERARCHY' }];

/** System Locality Latency and Bandwidth Information (type 1): the fixed part, after the structure header. */
export const HMAT_LOCALITY = layout(
  'System Locality Latency and Bandwidth Information',
  [
    u8('flags', 'Flags (decoded below)', { flags: HMAT_LOCALITY_FLAGS }),
    u8('dataType', 'Data Type'),
    u16('reserved1', 'Reserved1', { default: 0 }),
    u32('initiatorCount', 'Initiator Proximity Domains #'),
    u32('targetCount', 'Target Proximity Domains #'),
    u32('reserved2', 'Reserved2', { default: 0 }),
    u64('entryBaseUnit', 'Entry Base Unit'),
  ],
  HMAT_STRUCTURE_HEADER.end,
);

/** The variable part of a latency/bandwidth structure with `s` initiators and `t` targets. */
export function hmatLocalityListsLayout(s: number, t: number): Layout {
  return layout(
    'latency/bandwidth domain lists and entries',
    [
      array('initiators', s, 4, 'Initiator Proximity Domain List'),
      array('targets', t, 4, 'Target Proximity Domain List'),
      array('entries', s * t, 2, 'Entry'),
    ],
    HMAT_LOCALITY.end,
  );
}

export const HMAT_CACHE_ATTRIBUTES: readonly FlagBit[] = [
  { mask: 0x0000000f, shift: 0, label: 'Total Cache Levels', name: 'TOTAL_LEVELS' },
  { mask: 0x000000f0, shift: 4, label: 'Cache Level', name: 'LEVEL' },
  { mask: 0x00000f00, shift: 8, label: 'Cache Associativity', name: 'ASSOCIATIVITY' },
  { mask: 0x0000f000, shift: 12, label: 'Write Policy', name: 'WRITE_POLICY' },
  { mask: 0xffff0000, shift: 16, digits: 4, label: 'Cache Line Size', name: 'LINE_SIZE' },
];

/** Memory Side Cache Information (type 2): the fixed part, after the structure header. */
export const HMAT_CACHE = layout(
  'Memory Side Cache Information',
  [
    u32('memory', 'Memory Proximity Domain'),
    u32('reserved1', 'Reserved1', { default: 0 }),
    u64('size', 'Memory Side Cache Size'),
    u32('attributes', 'Cache Attributes (decoded below)', { flags: HMAT_CACHE_ATTRIBUTES }),
    u16('reserved2', 'Reserved2', { default: 0 }),
    u16('smbiosHandleCount', 'SMBIOS Handle #', { default: 0 }),
  ],
  HMAT_STRUCTURE_HEADER.end,
);

/** The SMBIOS handles after a cache structure (QEMU writes none). */
export function hmatCacheHandlesLayout(n: number): Layout {
  return layout('SMBIOS handles', [array('smbiosHandles', n, 2, 'SMBIOS Handle')], HMAT_CACHE.end);
}

export interface HmatStructureKind {
  readonly type: number;
  /** iasl's name for it */
  readonly name: string;
  /** the fixed fields after the structure header */
  readonly body: Layout;
}

export const HMAT_STRUCTURE_KINDS: readonly HmatStructureKind[] = [
  { type: 0, name: HMAT_PROXIMITY_DOMAIN.name, body: HMAT_PROXIMITY_DOMAIN },
  { type: 1, name: HMAT_LOCALITY.name, body: HMAT_LOCALITY },
  { type: 2, name: HMAT_CACHE.name, body: HMAT_CACHE },
];

export function hmatStructureKind(type: number): HmatStructureKind | undefined {
  return HMAT_STRUCTURE_KINDS.find((k) => k.type === type);
}

// ---- the plain input: what the QEMU options say ----

export interface HmatNode {
  /** the node has memory of its own (`-numa node,memdev=` / `mem=` of non-zero size); device memory does not count */
  hasMemory: boolean;
  /** the attached initiator: `-numa node,initiator=`, else the node itself when it has CPUs; null: none */
  initiator: number | null;
  /** the node has CPUs or an acpi-generic-initiator: it is in every latency/bandwidth initiator list */
  isInitiator: boolean;
}

/** One `-numa hmat-lb`. */
export interface HmatLbOption {
  initiator: number;
  target: number;
  hierarchy: HmatHierarchy;
  dataType: HmatDataType;
  /** `latency=` in nanoseconds, or `bandwidth=` in bytes per second, as given */
  value: bigint;
}

/** One `-numa hmat-cache`. */
export interface HmatCacheOption {
  node: number;
  /** bytes */
  size: bigint;
  level: 1 | 2 | 3;
  associativity: HmatCacheAssociativity;
  policy: HmatCachePolicy;
  /** line size in bytes */
  line: number;
}

export interface HmatInput {
  /** every NUMA node, in node order */
  nodes: readonly HmatNode[];
  /** the `-numa hmat-lb` options in command-line order (the entry base units depend on it) */
  lb?: readonly HmatLbOption[];
  caches?: readonly HmatCacheOption[];
}

// ---- the structures ----

export type HmatStructure =
  | { type: 'proximity-domain'; flags: number; initiator: number; memory: number }
  | {
      type: 'locality';
      hierarchy: number;
      dataType: number;
      entryBaseUnit: bigint;
      initiators: number[];
      targets: number[];
      /** row by initiator, column by target */
      entries: number[];
    }
  | { type: 'cache'; memory: number; size: bigint; attributes: number; smbiosHandles: number[] };

export interface HmatTable {
  structures: HmatStructure[];
  bytes: Uint8Array;
}

const U64_MAX = (1n << 64n) - 1n;
const U32 = (1n << 32n) - 1n;
const MiB = 1n << 20n;

/** The compression state QEMU keeps per (hierarchy, data type) while it reads the `-numa hmat-lb` options. */
export interface HmatLbUnit {
  hierarchy: HmatHierarchy;
  dataType: HmatDataType;
  /** QEMU's base: ns for latency (2^64 − 1 when every latency is 0), bytes/s for bandwidth */
  base: bigint;
  /** the options of this kind, in order */
  options: HmatLbOption[];
}

/**
 * Read the `-numa hmat-lb` options as hw/core/numa.c parse_numa_hmat_lb does, after its per-node checks: the
 * bandwidth alignment, the duplicate and the range checks, and the base unit of each (hierarchy, data type).
 * `error` is QEMU's message for the first option it refuses (`index` into `options`), without the option prefix.
 */
export function hmatLbUnits(options: readonly HmatLbOption[]): { units: HmatLbUnit[]; error: { index: number; message: string } | null } {
  const byKind = new Map<string, HmatLbUnit & { range: bigint }>();
  for (let index = 0; index < options.length; index++) {
    const o = options[index]!;
    const key = `${o.hierarchy}/${o.dataType}`;
    let u = byKind.get(key);
    const fail = (message: string) => ({ units: [...byKind.values()].map(strip), error: { index, message } });
    const between = `between initiator=${o.initiator} and target=${o.target}`;
    if (!isLatency(o.dataType) && o.value % MiB !== 0n) return fail(`Bandwidth ${o.value} ${between} should be 1MB aligned`);
    if (u?.options.some((x) => x.initiator === o.initiator && x.target === o.target)) {
      return fail(`Duplicate configuration of the ${isLatency(o.dataType) ? 'latency' : 'bandwidth'} for initiator=${o.initiator} and target=${o.target}`);
    }
    if (!u) {
      u = { hierarchy: o.hierarchy, dataType: o.dataType, base: 0n, range: 0n, options: [] };
      byKind.set(key, u);
    }
    if (isLatency(o.dataType)) {
      if (u.base === 0n) u.base = U64_MAX;
      if (o.value !== 0n) {
        let pow = 1n;
        for (let v = o.value; v % 10n === 0n; v /= 10n) pow *= 10n;
        const base = pow < u.base ? pow : u.base;
        // QEMU divides by the base before this option (a later, smaller base is not checked against earlier values)
        let max = o.value / u.base;
        if (u.range > max) max = u.range;
        if (max >= 0xffffn) {
          return fail(`Latency ${o.value} ${between} should not differ from previously entered min or max values on more than 65534`);
        }
        u.base = base;
        u.range = max;
      }
    } else {
      if (u.base === 0n) u.base = 1n;
      if (o.value !== 0n) {
        const bits = u.range | o.value;
        const first = ctz64(bits);
        const last = 64 - clz64(bits);
        const max = o.value / (1n << BigInt(first));
        if (last - first > 16 || max >= 0xffffn) {
          return fail(`Bandwidth ${o.value} ${between} should not differ from previously entered values on more than 65534`);
        }
        u.base = 1n << BigInt(first);
        u.range = bits;
      }
    }
    u.options.push(o);
  }
  return { units: [...byKind.values()].map(strip), error: null };
}

function strip(u: HmatLbUnit & { range: bigint }): HmatLbUnit {
  return { hierarchy: u.hierarchy, dataType: u.dataType, base: u.base, options: u.options };
}

function ctz64(v: bigint): number {
  let n = 0;
  while (n < 64 && ((v >> BigInt(n)) & 1n) === 0n) n++;
  return n;
}

function clz64(v: bigint): number {
  let n = 0;
  while (n < 64 && ((v >> BigInt(63 - n)) & 1n) === 0n) n++;
  return n;
}

/** The entry base unit QEMU writes: picoseconds (32-bit) for latency, MB/s for bandwidth. */
export function hmatEntryBaseUnit(dataType: HmatDataType, base: bigint): bigint {
  return isLatency(dataType) ? ((base * 1000n) & U64_MAX) & U32 : (base / MiB) & U32;
}

/** The cache attributes word: total levels, level, associativity, write policy, line size. */
export function hmatCacheAttributes(totalLevels: number, c: Pick<HmatCacheOption, 'level' | 'associativity' | 'policy' | 'line'>): number {
  const assoc = HMAT_CACHE_ASSOCIATIVITIES.indexOf(c.associativity);
  const policy = HMAT_CACHE_POLICIES.indexOf(c.policy);
  return ((totalLevels & 0xf) | ((c.level & 0xf) << 4) | (assoc << 8) | (policy << 12) | ((c.line & 0xffff) << 16)) >>> 0;
}

/** The HMAT structures QEMU builds, in its order; an Error when `hmatLbUnits` refuses an option. */
export function buildHmatStructures(input: HmatInput): HmatStructure[] {
  const out: HmatStructure[] = [];
  input.nodes.forEach((n, i) => {
    if (!n.hasMemory) return;
    out.push({ type: 'proximity-domain', flags: n.initiator === null ? 0 : HMAT_INITIATOR_VALID, initiator: n.initiator ?? QEMU_MAX_NODES, memory: i });
  });
  const initiators = input.nodes.flatMap((n, i) => (n.isInitiator ? [i] : []));
  const targets = input.nodes.map((_, i) => i);
  const { units, error } = hmatLbUnits(input.lb ?? []);
  if (error) throw new Error(error.message);
  for (let h = 0; h < HMAT_HIERARCHIES.length; h++) {
    for (let t = 0; t < HMAT_DATA_TYPES.length; t++) {
      const u = units.find((x) => x.hierarchy === HMAT_HIERARCHIES[h] && x.dataType === HMAT_DATA_TYPES[t]);
      if (!u || u.options.length === 0) continue;
      const entries = new Array<number>(initiators.length * targets.length).fill(0);
      for (const o of u.options) {
        const row = initiators.indexOf(o.initiator);
        if (row < 0) throw new RangeError(`hmat-lb: initiator ${o.initiator} is not an initiator node`);
        if (o.target >= targets.length) throw new RangeError(`hmat-lb: no target node ${o.target}`);
        entries[row * targets.length + o.target] = Number((o.value / u.base) & 0xffffn);
      }
      out.push({ type: 'locality', hierarchy: h, dataType: t, entryBaseUnit: hmatEntryBaseUnit(u.dataType, u.base), initiators, targets, entries });
    }
  }
  const caches = input.caches ?? [];
  for (let node = 0; node < input.nodes.length; node++) {
    const mine = caches.filter((c) => c.node === node).sort((a, b) => a.level - b.level);
    for (const c of mine) {
      out.push({ type: 'cache', memory: node, size: c.size, attributes: hmatCacheAttributes(mine.length, c), smbiosHandles: [] });
    }
  }
  return out;
}

const TYPE_NUMBER: Record<HmatStructure['type'], number> = { 'proximity-domain': 0, locality: 1, cache: 2 };

/** A structure's length in bytes. */
function structureLength(s: HmatStructure): number {
  if (s.type === 'proximity-domain') return HMAT_PROXIMITY_DOMAIN.end;
  if (s.type === 'locality') return hmatLocalityListsLayout(s.initiators.length, s.targets.length).end;
  return hmatCacheHandlesLayout(s.smbiosHandles.length).end;
}

export function encodeHmat(structures: readonly HmatStructure[]): Uint8Array {
  // sized exactly up front: ByteWriter's growth is not relied on
  const w = new ByteWriter(structures.reduce((n, s) => n + structureLength(s), HMAT_HEADER.end));
  beginAcpiTable(w, { signature: 'HMAT', revision: HMAT_REVISION });
  writeFields(w, HMAT_HEADER, {});
  for (const s of structures) {
    const type = TYPE_NUMBER[s.type];
    if (s.type === 'proximity-domain') {
      writeFields(w, HMAT_STRUCTURE_HEADER, { type, length: HMAT_PROXIMITY_DOMAIN.end });
      writeFields(w, HMAT_PROXIMITY_DOMAIN, s);
    } else if (s.type === 'locality') {
      const lists = hmatLocalityListsLayout(s.initiators.length, s.targets.length);
      writeFields(w, HMAT_STRUCTURE_HEADER, { type, length: lists.end });
      writeFields(w, HMAT_LOCALITY, { ...s, flags: s.hierarchy, initiatorCount: s.initiators.length, targetCount: s.targets.length });
      writeFields(w, lists, { initiators: [...s.initiators], targets: [...s.targets], entries: [...s.entries] });
    } else {
      const handles = hmatCacheHandlesLayout(s.smbiosHandles.length);
      writeFields(w, HMAT_STRUCTURE_HEADER, { type, length: handles.end });
      writeFields(w, HMAT_CACHE, { ...s, smbiosHandleCount: s.smbiosHandles.length });
      writeFields(w, handles, { smbiosHandles: [...s.smbiosHandles] });
    }
  }
  return endAcpiTable(w);
}

/** The HMAT QEMU builds for these options. */
export function buildHmat(input: HmatInput): HmatTable {
  const structures = buildHmatStructures(input);
  return { structures, bytes: encodeHmat(structures) };
}

// ---- decoding ----

/** One HMAT structure as laid out: its fixed fields, and the lists of a latency/bandwidth or cache structure. */
export interface HmatStructureRead {
  offset: number;
  type: number;
  length: number;
  kind: HmatStructureKind | undefined;
  fields:
    | RecordOf<typeof HMAT_PROXIMITY_DOMAIN>
    | RecordOf<typeof HMAT_LOCALITY>
    | RecordOf<typeof HMAT_CACHE>
    | null;
  /** the layout of what follows the fixed fields (latency/bandwidth lists, SMBIOS handles) */
  rest: Layout | null;
}

/** Walk the structures of HMAT bytes; stops at one whose length is too small or runs past the end (`bad`). */
export function readHmatLayout(bytes: Uint8Array): {
  header: AcpiHeaderFields & RecordOf<typeof HMAT_HEADER>;
  structures: HmatStructureRead[];
  bad: { offset: number; type: number; length: number } | null;
  trailing: number;
} {
  const header = { ...readFields(ACPI_HEADER, bytes), ...readFields(HMAT_HEADER, bytes) };
  const structures: HmatStructureRead[] = [];
  let o = HMAT_HEADER.end;
  let bad: { offset: number; type: number; length: number } | null = null;
  while (o + HMAT_STRUCTURE_HEADER.end <= bytes.length) {
    const { type, length } = readFields(HMAT_STRUCTURE_HEADER, bytes, o);
    if (length < HMAT_STRUCTURE_HEADER.end || o + length > bytes.length) {
      bad = { offset: o, type, length };
      break;
    }
    const kind = hmatStructureKind(type);
    let fields: HmatStructureRead['fields'] = null;
    let rest: Layout | null = null;
    if (kind && length >= kind.body.end) {
      fields = readFields(kind.body, bytes, o) as HmatStructureRead['fields'];
      if (type === 1) {
        const f = fields as RecordOf<typeof HMAT_LOCALITY>;
        if (f.initiatorCount < 0x10000 && f.targetCount < 0x10000) rest = hmatLocalityListsLayout(f.initiatorCount, f.targetCount);
      } else if (type === 2) {
        rest = hmatCacheHandlesLayout((fields as RecordOf<typeof HMAT_CACHE>).smbiosHandleCount);
      }
      if (rest && rest.end > length) rest = null;
    }
    structures.push({ offset: o, type, length, kind, fields, rest });
    o += length;
  }
  return { header, structures, bad, trailing: bad ? 0 : bytes.length - o };
}

/** Decode HMAT bytes; null when they are not a well-formed HMAT of the three structure types. */
export function decodeHmat(bytes: Uint8Array): { header: AcpiHeaderFields; structures: HmatStructure[]; checksumOk: boolean } | null {
  const h = decodeAcpiHeader(bytes);
  if (!h || h.signature !== 'HMAT' || h.length !== bytes.length || bytes.length < HMAT_HEADER.end) return null;
  const read = readHmatLayout(bytes);
  if (read.bad || read.trailing) return null;
  const structures: HmatStructure[] = [];
  for (const s of read.structures) {
    if (!s.fields) return null;
    const rest = s.rest ? (readFields(s.rest, bytes, s.offset) as Record<string, number[]>) : null;
    if (s.type === 0 && s.length === HMAT_PROXIMITY_DOMAIN.end) {
      const f = s.fields as RecordOf<typeof HMAT_PROXIMITY_DOMAIN>;
      structures.push({ type: 'proximity-domain', flags: f.flags, initiator: f.initiator, memory: f.memory });
    } else if (s.type === 1 && rest && s.length === s.rest!.end) {
      const f = s.fields as RecordOf<typeof HMAT_LOCALITY>;
      structures.push({
        type: 'locality',
        hierarchy: f.flags & 0x0f,
        dataType: f.dataType,
        entryBaseUnit: f.entryBaseUnit,
        initiators: rest.initiators!,
        targets: rest.targets!,
        entries: rest.entries!,
      });
    } else if (s.type === 2 && rest && s.length === s.rest!.end) {
      const f = s.fields as RecordOf<typeof HMAT_CACHE>;
      structures.push({ type: 'cache', memory: f.memory, size: f.size, attributes: f.attributes, smbiosHandles: rest.smbiosHandles! });
    } else {
      return null;
    }
  }
  let sum = 0;
  for (const b of bytes) sum = (sum + b) & 0xff;
  return { header: h, structures, checksumOk: sum === 0 };
}

/** HMAT bytes → `iasl -d`-style text; malformed input is shown as far as it can be read, with a remark. */
export function formatHmatText(bytes: Uint8Array, opts: { rawDump?: boolean } = {}): string {
  const lines = ['/*', ' * ACPI Data Table [HMAT]', ' *', ' * Format: [HexOffset DecimalOffset ByteLength]  FieldName : FieldValue', ' */', ''];
  const h = decodeAcpiHeader(bytes);
  if (!h || bytes.length < HMAT_HEADER.end) {
    lines.push(`**** Too short for an HMAT: ${bytes.length} bytes (at least ${HMAT_HEADER.end} needed)`, '');
  } else {
    lines.push(...fieldText(HMAT_ACPI_HEADER, bytes), '', ...fieldText(HMAT_HEADER, bytes), '');
    const read = readHmatLayout(bytes.subarray(0, Math.min(bytes.length, Math.max(h.length, HMAT_HEADER.end))));
    for (const s of read.structures) {
      lines.push(...fieldText(HMAT_STRUCTURE_HEADER, bytes, s.offset));
      if (!s.kind) {
        lines.push('', `**** Unknown HMAT structure type 0x${hexUpper(s.type, 2)}`, '');
        break;
      }
      if (!s.fields) lines.push(`**** Structure of ${s.length} bytes is too short for its type`);
      else lines.push(...fieldText(s.kind.body, bytes, s.offset), ...(s.rest ? fieldText(s.rest, bytes, s.offset) : []));
      lines.push('');
    }
    if (read.bad) lines.push(`**** Invalid structure length ${read.bad.length} at offset 0x${read.bad.offset.toString(16).toUpperCase()}`, '');
  }
  if (opts.rawDump ?? true) lines.push(...rawTableDump(bytes));
  return lines.join('\n') + '\n';
}
