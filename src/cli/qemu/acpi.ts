/**
 * ACPI table plumbing for the capture harness: walking QEMU's `etc/acpi/tables` blob, filling a checksum the way
 * firmware does, and finding tables through the RSDP in a dump of guest memory.
 */

export interface AcpiTable {
  signature: string;
  /** offset in the blob or guest-physical address */
  offset: number;
  bytes: Uint8Array;
}

function sig(b: Uint8Array, o: number): string {
  return String.fromCharCode(b[o], b[o + 1], b[o + 2], b[o + 3]);
}

function u32(b: Uint8Array, o: number): number {
  return (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24)) >>> 0;
}

export function byteSum(b: Uint8Array): number {
  let s = 0;
  for (const x of b) s = (s + x) & 0xff;
  return s;
}

/** A copy of `table` with byte 9 set so that all bytes sum to 0 mod 256 (what firmware's ADD_CHECKSUM does). */
export function fillChecksum(table: Uint8Array): Uint8Array {
  const t = table.slice();
  t[9] = 0;
  t[9] = (256 - byteSum(t)) & 0xff;
  return t;
}

/**
 * The tables in QEMU's `etc/acpi/tables` blob: they follow each other from offset 0 (FACS first); the blob ends
 * with zero padding.
 */
export function walkTableBlob(blob: Uint8Array): AcpiTable[] {
  const out: AcpiTable[] = [];
  let o = 0;
  while (o + 8 <= blob.length) {
    const s = sig(blob, o);
    const len = u32(blob, o + 4);
    if (!/^[A-Z0-9_]{4}$/.test(s) || len < 8 || o + len > blob.length) break;
    out.push({ signature: s, offset: o, bytes: blob.slice(o, o + len) });
    o += len;
  }
  return out;
}

/** Offset of a valid RSDP (`RSD PTR `, 16-byte aligned, first 20 bytes sum to 0) in a memory dump, or -1. */
export function findRsdp(mem: Uint8Array): number {
  for (let o = 0; o + 20 <= mem.length; o += 16) {
    if (mem[o] !== 0x52 || sig(mem, o) !== 'RSD ' || sig(mem, o + 4) !== 'PTR ') continue;
    if (byteSum(mem.subarray(o, o + 20)) === 0) return o;
  }
  return -1;
}

export function rsdtAddress(rsdp: Uint8Array): number {
  return u32(rsdp, 16);
}

/** Entries (32-bit physical addresses) of an RSDT. */
export function rsdtEntries(rsdt: Uint8Array): number[] {
  const len = u32(rsdt, 4);
  const out: number[] = [];
  for (let o = 36; o + 4 <= len; o += 4) out.push(u32(rsdt, o));
  return out;
}

export function tableLength(header: Uint8Array): number {
  return u32(header, 4);
}

export function tableSignature(header: Uint8Array): string {
  return sig(header, 0);
}
