/**
 * A text view of SRAT bytes in the layout and vocabulary of the ACPICA disassembler (`iasl -d`): every field as
 * `[HexOffset DecimalOffset ByteLength]  FieldName : FieldValue`, the flags decoded below their field, then the
 * raw bytes. Someone used to reading `iasl -d` output reads this the same way, and the field lines can be
 * compared with iasl's line for line.
 */
import { ACPI_HEADER, decodeAcpiHeader } from './acpi-header.ts';
import { fieldText, hexUpper as hex } from './fields.ts';
import { SRAT_HEADER, SRAT_SUBTABLE_HEADER, sratSubtableBody } from './srat.ts';

/** The hex dump iasl appends: 16 bytes per line with their ASCII. */
export function rawTableDump(b: Uint8Array): string[] {
  const lines = [`Raw Table Data: Length ${b.length} (0x${b.length.toString(16).toUpperCase()})`, ''];
  for (let o = 0; o < b.length; o += 16) {
    const row = b.subarray(o, o + 16);
    const hexPart = Array.from(row, (x) => hex(x, 1)).join(' ').padEnd(47, ' ');
    const ascii = Array.from(row, (x) => (x >= 0x20 && x < 0x7f ? String.fromCharCode(x) : '.')).join('');
    lines.push(`    ${hex(o, 2)}: ${hexPart}  // ${ascii}`);
  }
  return lines;
}

export interface SratTextOptions {
  /** append the raw bytes as iasl does (default true) */
  rawDump?: boolean;
}

/** SRAT bytes → `iasl -d`-style text. Malformed input is shown as far as it can be read, with a remark. */
export function formatSratText(bytes: Uint8Array, opts: SratTextOptions = {}): string {
  const lines: string[] = [
    '/*',
    ' * ACPI Data Table [SRAT]',
    ' *',
    ' * Format: [HexOffset DecimalOffset ByteLength]  FieldName : FieldValue',
    ' */',
    '',
  ];
  const h = decodeAcpiHeader(bytes);
  if (!h || bytes.length < SRAT_HEADER.end) {
    lines.push(`**** Too short for an SRAT: ${bytes.length} bytes (at least ${SRAT_HEADER.end} needed)`);
  } else {
    lines.push(...fieldText(ACPI_HEADER, bytes), '', ...fieldText(SRAT_HEADER, bytes), '');
    const end = Math.min(bytes.length, h.length);
    if (h.length !== bytes.length) {
      lines.push(`**** Table Length ${h.length} differs from the ${bytes.length} bytes given`, '');
    }
    let o = SRAT_HEADER.end;
    while (o < end) {
      const type = bytes[o]!;
      const len = bytes[o + 1] ?? 0;
      lines.push(...fieldText(SRAT_SUBTABLE_HEADER, bytes, o), '');
      if (len < SRAT_SUBTABLE_HEADER.end || o + len > end) {
        lines.push(`**** Invalid subtable length ${len} at offset 0x${o.toString(16).toUpperCase()}`, '');
        break;
      }
      const body = sratSubtableBody(bytes, o);
      if (body && len >= body.end) lines.push(...fieldText(body, bytes, o));
      else lines.push(`**** Subtable type 0x${hex(type, 1)} of ${len} bytes is not decoded here`);
      lines.push('');
      o += len;
    }
  }
  if (opts.rawDump ?? true) lines.push(...rawTableDump(bytes));
  return lines.join('\n') + '\n';
}
