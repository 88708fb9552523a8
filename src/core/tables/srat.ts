/**
 * ACPI SRAT as QEMU's x86 `build_srat` lays it out (shared/docs/qemu-memory.md §4), with the hotplug-window
 * umbrella partitioned around sp-mem ranges (shared/docs/sp-mem.md, "What it does to the firmware tables").
 */
import { ByteWriter } from './byte-writer.ts';
import { beginAcpiTable, decodeAcpiHeader, endAcpiTable } from './acpi-header.ts';

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
export const SRAT_LAPIC_LEN = 16;
export const SRAT_X2APIC_LEN = 24;
export const SRAT_MEMORY_LEN = 40;
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
  const w = new ByteWriter(48 + entries.length * SRAT_MEMORY_LEN);
  beginAcpiTable(w, { signature: 'SRAT', revision: SRAT_REVISION });
  w.u32(1) // Reserved (QEMU writes 1 for backward compatibility)
    .zeros(8); // Reserved
  for (const e of entries) {
    if (e.type === 'lapic') {
      w.u8(0) // Type: Processor Local APIC/SAPIC Affinity
        .u8(SRAT_LAPIC_LEN) // Length
        .u8(e.proximityDomain & 0xff) // Proximity Domain [7:0]
        .u8(e.apicId) // APIC ID
        .u32(e.flags) // Flags
        .u8(0) // Local SAPIC EID
        .u8((e.proximityDomain >>> 8) & 0xff) // Proximity Domain [31:8]
        .u8((e.proximityDomain >>> 16) & 0xff)
        .u8((e.proximityDomain >>> 24) & 0xff)
        .u32(0); // Clock Domain
    } else if (e.type === 'x2apic') {
      w.u8(2) // Type: Processor x2APIC Affinity
        .u8(SRAT_X2APIC_LEN) // Length
        .u16(0) // Reserved
        .u32(e.proximityDomain) // Proximity Domain
        .u32(e.x2apicId) // X2APIC ID
        .u32(e.flags) // Flags
        .u32(0) // Clock Domain
        .u32(0); // Reserved
    } else {
      w.u8(1) // Type: Memory Affinity
        .u8(SRAT_MEMORY_LEN) // Length
        .u32(e.proximityDomain) // Proximity Domain
        .u16(0) // Reserved
        .u32(Number(e.baseAddress & 0xffff_ffffn)) // Base Address Low
        .u32(Number(e.baseAddress >> 32n)) // Base Address High
        .u32(Number(e.length & 0xffff_ffffn)) // Length Low
        .u32(Number(e.length >> 32n)) // Length High
        .u32(0) // Reserved
        .u32(e.flags) // Flags
        .zeros(8); // Reserved
    }
  }
  return endAcpiTable(w);
}

export function buildSrat(input: SratInput): SratTable {
  const entries = buildSratEntries(input);
  return { entries, bytes: encodeSrat(entries) };
}

/** Decode SRAT bytes (for tests, diffs and import); null when it is not a well-formed SRAT. */
export function decodeSrat(bytes: Uint8Array): { entries: SratEntry[]; checksumOk: boolean } | null {
  const h = decodeAcpiHeader(bytes);
  if (!h || h.signature !== 'SRAT' || h.length !== bytes.length || bytes.length < 48) return null;
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let sum = 0;
  for (const b of bytes) sum = (sum + b) & 0xff;
  const entries: SratEntry[] = [];
  let o = 48;
  let cpuIndex = 0;
  while (o < bytes.length) {
    const type = bytes[o]!;
    const len = bytes[o + 1]!;
    if (len === 0 || o + len > bytes.length) return null;
    if (type === 0 && len === SRAT_LAPIC_LEN) {
      const pxm = bytes[o + 2]! | (bytes[o + 9]! << 8) | (bytes[o + 10]! << 16) | (bytes[o + 11]! << 24);
      entries.push({ type: 'lapic', proximityDomain: pxm >>> 0, apicId: bytes[o + 3]!, flags: v.getUint32(o + 4, true), cpuIndex: cpuIndex++ });
    } else if (type === 2 && len === SRAT_X2APIC_LEN) {
      entries.push({ type: 'x2apic', proximityDomain: v.getUint32(o + 4, true), x2apicId: v.getUint32(o + 8, true), flags: v.getUint32(o + 12, true), cpuIndex: cpuIndex++ });
    } else if (type === 1 && len === SRAT_MEMORY_LEN) {
      const flags = v.getUint32(o + 28, true);
      const base = v.getBigUint64(o + 8, true);
      const length = v.getBigUint64(o + 16, true);
      const role: MemoryEntry['role'] =
        flags === 0 ? 'padding' : flags & SRAT_MEM_NON_VOLATILE ? 'nvdimm' : flags & SRAT_MEM_HOTPLUGGABLE ? 'hotplug' : 'ram';
      entries.push(mem(v.getUint32(o + 2, true), base, length, flags, role));
    } else {
      return null;
    }
    o += len;
  }
  return { entries, checksumOk: sum === 0 };
}
