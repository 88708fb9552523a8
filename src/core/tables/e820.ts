/**
 * QEMU's `etc/e820` fw_cfg file: a header-less array of 20-byte little-endian records (u64 address, u64 length,
 * u32 type), in the order QEMU added them (shared/docs/qemu-memory.md §1.6; sp-mem: shared/docs/sp-mem.md).
 */
import { ByteWriter } from './byte-writer.ts';

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


export const E820_RECORD_LEN = 20;

export function encodeE820(entries: readonly E820Entry[]): Uint8Array {
  const w = new ByteWriter(entries.length * E820_RECORD_LEN);
  for (const e of entries) w.u64(e.address).u64(e.length).u32(e.type);
  return w.bytes();
}

/** Decode `etc/e820` bytes; null when the length is not a multiple of 20. */
export function decodeE820(bytes: Uint8Array): E820Entry[] | null {
  if (bytes.length % E820_RECORD_LEN !== 0) return null;
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: E820Entry[] = [];
  for (let o = 0; o < bytes.length; o += E820_RECORD_LEN) {
    out.push({ address: v.getBigUint64(o, true), length: v.getBigUint64(o + 8, true), type: v.getUint32(o + 16, true) });
  }
  return out;
}

/** The e820.json form of the CLI: lowercase hex strings without padding. */
export function e820ToJson(entries: readonly E820Entry[]): Array<{ start: string; length: string; type: number }> {
  return entries.map((e) => ({ start: '0x' + e.address.toString(16), length: '0x' + e.length.toString(16), type: e.type }));
}

/** The E820 type name as Linux prints it (arch/x86/kernel/e820.c), with its number. */
export function e820TypeName(type: number): string {
  switch (type) {
    case E820_RAM:
      return 'RAM';
    case E820_RESERVED:
      return 'RESERVED';
    case E820_ACPI:
      return 'ACPI';
    case E820_NVS:
      return 'NVS';
    case E820_UNUSABLE:
      return 'UNUSABLE';
    case E820_SOFT_RESERVED:
      return 'SOFT_RESERVED';
    default:
      return 'unknown';
  }
}

export function e820TypeNumber(type: number): string {
  return type > 0xffff ? '0x' + type.toString(16) : String(type);
}

