/**
 * The 36-byte ACPI system description table header as QEMU writes it (hw/acpi/aml-build.c acpi_table_begin /
 * acpi_table_end): OEM ID "BOCHS ", OEM table ID "BXPC    ", OEM revision 1, creator "BXPC" revision 1.
 * QEMU leaves the checksum 0 and firmware fills it; the bytes here are as the guest sees them.
 */
import { ByteWriter } from './byte-writer.ts';
import { ascii, fieldOffset, fieldWriter, hexUpper, layout, readFields, u32, u8, writeFields, type RecordOf } from './fields.ts';

export const QEMU_OEM_ID = 'BOCHS ';
export const QEMU_OEM_TABLE_ID = 'BXPC    ';
export const QEMU_CREATOR_ID = 'BXPC';

/** The table names iasl shows after the signature (only the tables described here). */
const ACPI_TABLE_NAMES: Record<string, string> = {
  SRAT: 'System Resource Affinity Table',
};

/** The header, described once: QEMU's values as defaults, iasl's labels. */
export const ACPI_HEADER = layout('ACPI table header', [
  ascii('signature', 4, 'Signature', { note: (sig) => (ACPI_TABLE_NAMES[sig] ? `    [${ACPI_TABLE_NAMES[sig]}]` : '') }),
  u32('length', 'Table Length'),
  u8('revision', 'Revision'),
  u8('checksum', 'Checksum', {
    note: (sum, table) => {
      const want = acpiChecksum(table);
      return want !== sum ? `     /* Incorrect checksum, should be ${hexUpper(want, 1)} */` : '';
    },
  }),
  ascii('oemId', 6, 'Oem ID', { pad: '\0', default: QEMU_OEM_ID }),
  ascii('oemTableId', 8, 'Oem Table ID', { pad: '\0', default: QEMU_OEM_TABLE_ID }),
  u32('oemRevision', 'Oem Revision', { default: 1 }),
  ascii('creatorId', 4, 'Asl Compiler ID', { default: QEMU_CREATOR_ID }),
  u32('creatorRevision', 'Asl Compiler Revision', { default: 1 }),
]);

export const ACPI_HEADER_LEN = ACPI_HEADER.end;
const LENGTH_AT = fieldOffset(ACPI_HEADER, 'length');
const CHECKSUM_AT = fieldOffset(ACPI_HEADER, 'checksum');

export type AcpiHeaderFields = RecordOf<typeof ACPI_HEADER>;

export interface AcpiHeader {
  signature: string;
  revision: number;
  oemId?: string;
  oemTableId?: string;
}

/** Start a table: header with Length and Checksum 0, to be finished by `endAcpiTable`. */
export function beginAcpiTable(w: ByteWriter, h: AcpiHeader): void {
  writeFields(w, ACPI_HEADER, { ...h, length: 0, checksum: 0 });
}

/**
 * Write the header at the start of `view`, a table of exactly `view.byteLength` bytes (Length filled, Checksum 0:
 * `finishAcpiTable` fills it once the rest is written).
 */
export function writeAcpiHeader(view: DataView, h: AcpiHeader): void {
  fieldWriter(ACPI_HEADER).write(view, 0, { ...h, length: view.byteLength, checksum: 0 });
}

/** Fill the checksum byte of a whole table written in place; returns the bytes. */
export function finishAcpiTable(bytes: Uint8Array): Uint8Array {
  bytes[CHECKSUM_AT] = acpiChecksum(bytes);
  return bytes;
}

/** Patch Length, then the checksum byte so that all bytes sum to 0 mod 256. */
export function endAcpiTable(w: ByteWriter): Uint8Array {
  w.patchU32(LENGTH_AT, w.length);
  const bytes = w.bytes();
  bytes[CHECKSUM_AT] = acpiChecksum(bytes);
  return bytes;
}

/** The byte that makes the table's sum 0 mod 256 (computed with the checksum byte taken as 0). */
export function acpiChecksum(table: Uint8Array): number {
  // a plain sum (exact up to 2^53 / 255 bytes, far beyond any table), the checksum byte taken back out
  let sum = 0;
  for (let i = 0; i < table.length; i++) sum += table[i]!;
  if (table.length > CHECKSUM_AT) sum -= table[CHECKSUM_AT]!;
  return (0x100 - (sum % 0x100)) & 0xff;
}

export function decodeAcpiHeader(b: Uint8Array): AcpiHeaderFields | null {
  if (b.length < ACPI_HEADER_LEN) return null;
  return readFields(ACPI_HEADER, b);
}
