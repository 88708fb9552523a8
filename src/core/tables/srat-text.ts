/**
 * A text view of SRAT bytes in the layout and vocabulary of the ACPICA disassembler (`iasl -d`): every field as
 * `[HexOffset DecimalOffset ByteLength]  FieldName : FieldValue`, the flags decoded below their field, then the
 * raw bytes. Someone used to reading `iasl -d` output reads this the same way, and the field lines can be
 * compared with iasl's line for line.
 */
import { decodeAcpiHeader, acpiChecksum } from './acpi-header.ts';

const NAME_WIDTH = 29; // the field name is right-aligned in 29 columns after the offset bracket
const FLAG_WIDTH = 15 + NAME_WIDTH;

const SUBTABLE_NAMES: Record<number, string> = {
  0: 'Processor Local APIC/SAPIC Affinity',
  1: 'Memory Affinity',
  2: 'Processor Local x2APIC Affinity',
  3: 'GICC Affinity',
  4: 'GIC ITS Affinity',
  5: 'Generic Initiator Affinity',
};

function hex(v: number | bigint, bytes: number): string {
  return v.toString(16).toUpperCase().padStart(bytes * 2, '0');
}

class Out {
  readonly lines: string[] = [];
  constructor(private readonly b: Uint8Array) {}

  field(offset: number, length: number, name: string, value: string): void {
    const where = `[${offset.toString(16).toUpperCase().padStart(3, '0')}h ${offset.toString().padStart(4, '0')} ${length.toString().padStart(3, ' ')}]`;
    this.lines.push(`${where}${name.padStart(NAME_WIDTH, ' ')} : ${value}`);
  }

  /** An unsigned little-endian field shown in hex; `value` replaces the bytes' own when given. */
  num(offset: number, length: number, name: string): bigint {
    let v = 0n;
    for (let i = length - 1; i >= 0; i--) v = (v << 8n) | BigInt(this.b[offset + i] ?? 0);
    this.field(offset, length, name, hex(v, length));
    return v;
  }

  str(offset: number, length: number, name: string, suffix = ''): void {
    const s = String.fromCharCode(...this.b.subarray(offset, offset + length)).replace(/[^\x20-\x7e]/g, '.');
    this.field(offset, length, name, `"${s}"${suffix}`);
  }

  flag(name: string, bit: boolean): void {
    this.lines.push(`${name.padStart(FLAG_WIDTH, ' ')} : ${bit ? 1 : 0}`);
  }

  blank(): void {
    this.lines.push('');
  }
}

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
  const out = new Out(bytes);
  out.lines.push(
    '/*',
    ' * ACPI Data Table [SRAT]',
    ' *',
    ' * Format: [HexOffset DecimalOffset ByteLength]  FieldName : FieldValue',
    ' */',
    '',
  );
  const h = decodeAcpiHeader(bytes);
  if (!h || bytes.length < 48) {
    out.lines.push(`**** Too short for an SRAT: ${bytes.length} bytes (at least 48 needed)`);
  } else {
    out.str(0, 4, 'Signature', h.signature === 'SRAT' ? '    [System Resource Affinity Table]' : '');
    out.num(4, 4, 'Table Length');
    out.num(8, 1, 'Revision');
    const want = acpiChecksum(bytes);
    const where = out.lines.length;
    out.num(9, 1, 'Checksum');
    if (want !== bytes[9]) out.lines[where] += `     /* Incorrect checksum, should be ${hex(want, 1)} */`;
    out.str(10, 6, 'Oem ID');
    out.str(16, 8, 'Oem Table ID');
    out.num(24, 4, 'Oem Revision');
    out.str(28, 4, 'Asl Compiler ID');
    out.num(32, 4, 'Asl Compiler Revision');
    out.blank();
    out.num(36, 4, 'Table Revision');
    out.num(40, 8, 'Reserved');
    out.blank();
    const end = Math.min(bytes.length, h.length);
    if (h.length !== bytes.length) {
      out.lines.push(`**** Table Length ${h.length} differs from the ${bytes.length} bytes given`, '');
    }
    let o = 48;
    while (o < end) {
      const type = bytes[o]!;
      const len = bytes[o + 1] ?? 0;
      out.field(o, 1, 'Subtable Type', `${hex(type, 1)} [${SUBTABLE_NAMES[type] ?? 'Unknown Subtable Type'}]`);
      out.num(o + 1, 1, 'Length');
      out.blank();
      if (len < 2 || o + len > end) {
        out.lines.push(`**** Invalid subtable length ${len} at offset 0x${o.toString(16).toUpperCase()}`, '');
        break;
      }
      if (type === 0 && len >= 16) {
        out.num(o + 2, 1, 'Proximity Domain Low(8)');
        out.num(o + 3, 1, 'Apic ID');
        const flags = Number(out.num(o + 4, 4, 'Flags (decoded below)'));
        out.flag('Enabled', (flags & 1) !== 0);
        out.num(o + 8, 1, 'Local Sapic EID');
        out.num(o + 9, 3, 'Proximity Domain High(24)');
        out.num(o + 12, 4, 'Clock Domain');
      } else if (type === 1 && len >= 40) {
        out.num(o + 2, 4, 'Proximity Domain');
        out.num(o + 6, 2, 'Reserved1');
        out.num(o + 8, 8, 'Base Address');
        out.num(o + 16, 8, 'Address Length');
        out.num(o + 24, 4, 'Reserved2');
        const flags = Number(out.num(o + 28, 4, 'Flags (decoded below)'));
        out.flag('Enabled', (flags & 1) !== 0);
        out.flag('Hot Pluggable', (flags & 2) !== 0);
        out.flag('Non-Volatile', (flags & 4) !== 0);
        out.num(o + 32, 8, 'Reserved3');
      } else if (type === 2 && len >= 24) {
        out.num(o + 2, 2, 'Reserved1');
        out.num(o + 4, 4, 'Proximity Domain');
        out.num(o + 8, 4, 'Apic ID');
        const flags = Number(out.num(o + 12, 4, 'Flags (decoded below)'));
        out.flag('Enabled', (flags & 1) !== 0);
        out.num(o + 16, 4, 'Clock Domain');
        out.num(o + 20, 4, 'Reserved2');
      } else {
        out.lines.push(`**** Subtable type 0x${hex(type, 1)} of ${len} bytes is not decoded here`);
      }
      out.blank();
      o += len;
    }
  }
  const lines = out.lines;
  if (opts.rawDump ?? true) lines.push(...rawTableDump(bytes));
  return lines.join('\n') + '\n';
}
