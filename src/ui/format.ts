/** Display helpers: exact hex, sizes, E820 types and SRAT flags in the words QEMU and Linux use. */
import { formatSize, QEMU_PROGRAM } from '../core/base/index.ts';
import {
  SRAT_MEM_ENABLED,
  SRAT_MEM_HOTPLUGGABLE,
  SRAT_MEM_NON_VOLATILE,
} from '../core/machine/index.ts';

export { hexAddr } from './hex.ts';
export { formatSize, QEMU_PROGRAM };

/** `16 GiB (0x400000000)` */
export function sizeWithHex(v: bigint): string {
  return `${formatSize(v)} (0x${v.toString(16)})`;
}

export { e820TypeName, e820TypeNumber } from '../core/tables/index.ts';

/** SRAT memory affinity flags decoded: `ENABLED | HOTPLUGGABLE`. */
export function sratMemFlags(flags: number): string {
  const out: string[] = [];
  if (flags & SRAT_MEM_ENABLED) out.push('ENABLED');
  if (flags & SRAT_MEM_HOTPLUGGABLE) out.push('HOTPLUGGABLE');
  if (flags & SRAT_MEM_NON_VOLATILE) out.push('NON_VOLATILE');
  const rest = flags & ~(SRAT_MEM_ENABLED | SRAT_MEM_HOTPLUGGABLE | SRAT_MEM_NON_VOLATILE);
  if (rest) out.push('0x' + rest.toString(16));
  return out.length ? out.join(' | ') : '—';
}

/** A hex dump: offset, 16 bytes, ASCII. */
export function hexDump(bytes: Uint8Array): string[] {
  const lines: string[] = [];
  for (let off = 0; off < bytes.length; off += 16) {
    const row = bytes.subarray(off, Math.min(off + 16, bytes.length));
    const hexes: string[] = [];
    let ascii = '';
    for (let i = 0; i < 16; i++) {
      if (i < row.length) {
        const b = row[i]!;
        hexes.push(b.toString(16).padStart(2, '0'));
        ascii += b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.';
      } else hexes.push('  ');
    }
    lines.push(`${off.toString(16).padStart(4, '0')}  ${hexes.slice(0, 8).join(' ')}  ${hexes.slice(8).join(' ')}  ${ascii}`);
  }
  return lines;
}

