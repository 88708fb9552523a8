/**
 * The 36-byte ACPI system description table header as QEMU writes it (hw/acpi/aml-build.c acpi_table_begin /
 * acpi_table_end): OEM ID "BOCHS ", OEM table ID "BXPC    ", OEM revision 1, creator "BXPC" revision 1.
 * QEMU leaves the checksum 0 and firmware fills it; the bytes here are as the guest sees them.
 */
import { ByteWriter } from './byte-writer.ts';

export const ACPI_HEADER_LEN = 36;
export const QEMU_OEM_ID = 'BOCHS ';
export const QEMU_OEM_TABLE_ID = 'BXPC    ';
export const QEMU_CREATOR_ID = 'BXPC';

export interface AcpiHeader {
  signature: string;
  revision: number;
  oemId?: string;
  oemTableId?: string;
}

/** Start a table: header with Length and Checksum 0, to be finished by `endAcpiTable`. */
export function beginAcpiTable(w: ByteWriter, h: AcpiHeader): void {
  w.ascii(h.signature, 4) // Signature
    .u32(0) // Length, patched at the end
    .u8(h.revision) // Revision
    .u8(0) // Checksum, patched at the end
    .ascii(h.oemId ?? QEMU_OEM_ID, 6, '\0') // OEM ID
    .ascii(h.oemTableId ?? QEMU_OEM_TABLE_ID, 8, '\0') // OEM Table ID
    .u32(1) // OEM Revision
    .ascii(QEMU_CREATOR_ID, 4) // Creator ID
    .u32(1); // Creator Revision
}

/** Patch Length, then the checksum byte so that all bytes sum to 0 mod 256. */
export function endAcpiTable(w: ByteWriter): Uint8Array {
  w.patchU32(4, w.length);
  const bytes = w.bytes();
  bytes[9] = acpiChecksum(bytes);
  return bytes;
}

/** The byte that makes the table's sum 0 mod 256 (computed with byte 9 taken as 0). */
export function acpiChecksum(table: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < table.length; i++) if (i !== 9) sum = (sum + table[i]!) & 0xff;
  return (0x100 - sum) & 0xff;
}

export function decodeAcpiHeader(b: Uint8Array): { signature: string; length: number; revision: number; checksum: number; oemId: string; oemTableId: string; oemRevision: number; creatorId: string; creatorRevision: number } | null {
  if (b.length < ACPI_HEADER_LEN) return null;
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const s = (o: number, n: number) => String.fromCharCode(...b.slice(o, o + n));
  return {
    signature: s(0, 4),
    length: v.getUint32(4, true),
    revision: b[8]!,
    checksum: b[9]!,
    oemId: s(10, 6),
    oemTableId: s(16, 8),
    oemRevision: v.getUint32(24, true),
    creatorId: s(28, 4),
    creatorRevision: v.getUint32(32, true),
  };
}
