/**
 * QEMU's `etc/e820` fw_cfg file: a header-less array of 20-byte little-endian records (u64 address, u64 length,
 * u32 type), in the order QEMU added them (shared/docs/qemu-memory.md §1.6; sp-mem: shared/docs/sp-mem.md).
 */
import { fieldWriter, layout, readFields, u32, u64 } from './fields.ts';

export const E820_RAM = 1;
export const E820_RESERVED = 2;
export const E820_ACPI = 3;
export const E820_NVS = 4;
export const E820_UNUSABLE = 5;
/** Linux arch/x86/include/asm/e820/types.h E820_TYPE_SOFT_RESERVED */
export const E820_SOFT_RESERVED = 0xefffffff;

export interface E820Entry {
  address: bigint;
  length: bigint;
  type: number;
  /** which device added it (sp-mem), as an index into doc.options */
  optionIndex?: number;
}

/** One record of etc/e820, described once. */
export const E820_RECORD = layout('etc/e820 record', [u64('address', 'Address'), u64('length', 'Length'), u32('type', 'Type')]);
export const E820_RECORD_LEN = E820_RECORD.end;

/** The records in one buffer of the exact length, written in place by the record's compiled writer. */
export function encodeE820(entries: readonly E820Entry[]): Uint8Array {
  const bytes = new Uint8Array(entries.length * E820_RECORD_LEN);
  const view = new DataView(bytes.buffer);
  const record = fieldWriter(E820_RECORD);
  for (let i = 0; i < entries.length; i++) record.write(view, i * E820_RECORD_LEN, entries[i]!);
  return bytes;
}

/** Every whole record of `etc/e820` bytes, and how many bytes are left over after them. */
export function readE820(bytes: Uint8Array): { entries: E820Entry[]; trailing: number } {
  const entries: E820Entry[] = [];
  let o = 0;
  for (; o + E820_RECORD_LEN <= bytes.length; o += E820_RECORD_LEN) entries.push(readFields(E820_RECORD, bytes, o));
  return { entries, trailing: bytes.length - o };
}

/** Decode `etc/e820` bytes; null when the length is not a multiple of 20. */
export function decodeE820(bytes: Uint8Array): E820Entry[] | null {
  const r = readE820(bytes);
  return r.trailing ? null : r.entries;
}

/** The e820.json form of the CLI: lowercase hex strings without padding. */
export function e820ToJson(entries: readonly E820Entry[]): Array<{ start: string; length: string; type: number }> {
  return entries.map((e) => ({ start: '0x' + e.address.toString(16), length: '0x' + e.length.toString(16), type: e.type }));
}

/** What an E820 type is called, each way, described once. */
export interface E820TypeInfo {
  readonly type: number;
  /**
   * QEMU's name for it (hw/i386/e820_memory_layout.h E820_*; SOFT_RESERVED is Linux's E820_TYPE_SOFT_RESERVED,
   * which sp-mem adds); none for a type QEMU does not define
   */
  readonly name?: string;
  /** the word Linux's dmesg prints in `BIOS-e820:` lines (arch/x86/kernel/e820.c e820_print_type) */
  readonly dmesg: string;
  /** the name of the /proc/iomem resource (arch/x86/kernel/e820.c e820_type_to_string) */
  readonly iomem: string;
}

export const E820_TYPES: readonly E820TypeInfo[] = [
  { type: E820_RAM, name: 'RAM', dmesg: 'usable', iomem: 'System RAM' },
  { type: E820_RESERVED, name: 'RESERVED', dmesg: 'reserved', iomem: 'Reserved' },
  { type: E820_ACPI, name: 'ACPI', dmesg: 'ACPI data', iomem: 'ACPI Tables' },
  { type: E820_NVS, name: 'NVS', dmesg: 'ACPI NVS', iomem: 'ACPI Non-volatile Storage' },
  { type: E820_UNUSABLE, name: 'UNUSABLE', dmesg: 'unusable', iomem: 'Unusable memory' },
  /** Linux E820_TYPE_PMEM */
  { type: 7, dmesg: 'persistent (type 7)', iomem: 'Persistent Memory' },
  /** Linux E820_TYPE_PRAM */
  { type: 12, dmesg: 'persistent (type 12)', iomem: 'Persistent Memory (legacy)' },
  { type: E820_SOFT_RESERVED, name: 'SOFT_RESERVED', dmesg: 'soft reserved', iomem: 'Soft Reserved' },
];

/** The names of an E820 type; a type not listed is `type N` in dmesg and `Reserved` in /proc/iomem, as in Linux. */
export function e820Type(type: number): E820TypeInfo {
  return E820_TYPES.find((t) => t.type === type) ?? { type, dmesg: `type ${type}`, iomem: 'Reserved' };
}

/** QEMU's name of the E820 type (`SOFT_RESERVED`), `unknown` for a type QEMU does not define. */
export function e820TypeName(type: number): string {
  return e820Type(type).name ?? 'unknown';
}

export function e820TypeNumber(type: number): string {
  return type > 0xffff ? '0x' + type.toString(16) : String(type);
}
