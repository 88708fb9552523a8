/**
 * Decoding `etc/e820` and SRAT bytes into readable entries, and field-by-field diffs of two such byte strings,
 * for test failure reports.
 */

export interface E820Rec {
  address: bigint;
  length: bigint;
  type: number;
}

const E820_NAMES: Record<number, string> = {
  1: 'RAM',
  2: 'RESERVED',
  3: 'ACPI',
  4: 'NVS',
  5: 'UNUSABLE',
  0xefffffff: 'SOFT_RESERVED',
};

function h(v: bigint | number): string {
  return '0x' + v.toString(16);
}

export function decodeE820(b: Uint8Array): { entries: E820Rec[]; trailing: number } {
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const entries: E820Rec[] = [];
  let o = 0;
  for (; o + 20 <= b.length; o += 20) {
    entries.push({ address: dv.getBigUint64(o, true), length: dv.getBigUint64(o + 8, true), type: dv.getUint32(o + 16, true) });
  }
  return { entries, trailing: b.length - o };
}

export function formatE820(e: E820Rec): string {
  return `[${h(e.address)} +${h(e.length)} ${E820_NAMES[e.type] ?? 'type ' + h(e.type)}]`;
}

export function e820Json(b: Uint8Array): Array<{ start: string; length: string; type: number }> {
  return decodeE820(b).entries.map((e) => ({ start: h(e.address), length: h(e.length), type: e.type }));
}

export interface SratHeader {
  signature: string;
  length: number;
  revision: number;
  checksum: number;
  oemId: string;
  oemTableId: string;
  oemRevision: number;
  creatorId: string;
  creatorRevision: number;
  reserved1: number;
  reserved2: bigint;
}

export type SratRec = { offset: number; type: number; length: number; fields: Record<string, string | number> };

function str(b: Uint8Array, o: number, n: number): string {
  return String.fromCharCode(...b.subarray(o, o + n));
}

export function decodeSrat(b: Uint8Array): { header: SratHeader; entries: SratRec[]; problems: string[] } {
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const problems: string[] = [];
  const header: SratHeader = {
    signature: str(b, 0, 4),
    length: dv.getUint32(4, true),
    revision: b[8],
    checksum: b[9],
    oemId: str(b, 10, 6),
    oemTableId: str(b, 16, 8),
    oemRevision: dv.getUint32(24, true),
    creatorId: str(b, 28, 4),
    creatorRevision: dv.getUint32(32, true),
    reserved1: dv.getUint32(36, true),
    reserved2: dv.getBigUint64(40, true),
  };
  if (header.length !== b.length) problems.push(`header length ${header.length} but ${b.length} bytes`);
  const entries: SratRec[] = [];
  let o = 48;
  while (o + 2 <= b.length) {
    const type = b[o];
    const length = b[o + 1];
    if (length < 2 || o + length > b.length) {
      problems.push(`bad entry at offset ${o}: type ${type} length ${length}`);
      break;
    }
    const f: Record<string, string | number> = {};
    if (type === 0 && length === 16) {
      f.pxm = b[o + 2] | (b[o + 9] << 8) | (b[o + 10] << 16) | (b[o + 11] << 24);
      f.apicId = b[o + 3];
      f.flags = dv.getUint32(o + 4, true);
      f.sapicEid = b[o + 8];
      f.clockDomain = dv.getUint32(o + 12, true);
    } else if (type === 1 && length === 40) {
      f.pxm = dv.getUint32(o + 2, true);
      f.reserved1 = dv.getUint16(o + 6, true);
      f.base = h(dv.getBigUint64(o + 8, true));
      f.length = h(dv.getBigUint64(o + 16, true));
      f.reserved2 = dv.getUint32(o + 24, true);
      f.flags = dv.getUint32(o + 28, true);
      f.reserved3 = h(dv.getBigUint64(o + 32, true));
    } else if (type === 2 && length === 24) {
      f.reserved1 = dv.getUint16(o + 2, true);
      f.pxm = dv.getUint32(o + 4, true);
      f.x2apicId = dv.getUint32(o + 8, true);
      f.flags = dv.getUint32(o + 12, true);
      f.clockDomain = dv.getUint32(o + 16, true);
      f.reserved2 = dv.getUint32(o + 20, true);
    } else {
      f.raw = Array.from(b.subarray(o, o + length), (x) => x.toString(16).padStart(2, '0')).join('');
    }
    entries.push({ offset: o, type, length, fields: f });
    o += length;
  }
  return { header, entries, problems };
}

const SRAT_TYPE_NAMES: Record<number, string> = { 0: 'LAPIC', 1: 'MEM', 2: 'X2APIC', 5: 'GI', 6: 'GP' };

export function formatSratEntry(e: SratRec): string {
  const f = e.fields;
  if (e.type === 0) return `LAPIC(pxm ${f.pxm}, apic ${f.apicId}, flags ${f.flags})`;
  if (e.type === 2) return `X2APIC(pxm ${f.pxm}, x2apic ${f.x2apicId}, flags ${f.flags})`;
  if (e.type === 1) {
    const extra = f.reserved1 || f.reserved2 || f.reserved3 !== '0x0' ? ` reserved ${f.reserved1}/${f.reserved2}/${f.reserved3}` : '';
    return `MEM(pxm ${f.pxm}, base ${f.base}, len ${f.length}, flags ${f.flags}${extra})`;
  }
  return `${SRAT_TYPE_NAMES[e.type] ?? 'type ' + e.type}(len ${e.length}, ${JSON.stringify(f)})`;
}

/** An LCS-free, position-based diff of two lists of rendered lines, good enough for tables of tens of entries. */
function listDiff(label: string, want: string[], got: string[]): string[] {
  const out: string[] = [];
  const n = Math.max(want.length, got.length);
  for (let i = 0; i < n; i++) {
    if (want[i] === got[i]) continue;
    out.push(`  ${label}[${i}]: expected ${want[i] ?? '(none)'}`);
    out.push(`  ${' '.repeat(label.length + String(i).length + 2)}  actual   ${got[i] ?? '(none)'}`);
  }
  if (want.length !== got.length) out.push(`  ${label}: expected ${want.length} entries, actual ${got.length}`);
  return out;
}

/** Field-by-field differences of two `etc/e820` files; [] when equal. */
export function diffE820(expected: Uint8Array, actual: Uint8Array): string[] {
  const w = decodeE820(expected);
  const g = decodeE820(actual);
  const out = listDiff('e820', w.entries.map(formatE820), g.entries.map(formatE820));
  if (w.trailing || g.trailing) out.push(`  e820: trailing bytes expected ${w.trailing}, actual ${g.trailing}`);
  if (out.length === 0 && !bytesEqual(expected, actual)) out.push('  e820: bytes differ (decoded equal?)');
  return out;
}

/** Field-by-field differences of two SRATs (either may be null = absent); [] when equal. */
export function diffSrat(expected: Uint8Array | null, actual: Uint8Array | null): string[] {
  if (!expected && !actual) return [];
  if (!expected) return [`  SRAT: expected none, actual ${actual!.length} bytes: ${summarizeSrat(actual!)}`];
  if (!actual) return [`  SRAT: expected ${expected.length} bytes (${summarizeSrat(expected)}), actual none`];
  if (bytesEqual(expected, actual)) return [];
  const w = decodeSrat(expected);
  const g = decodeSrat(actual);
  const out: string[] = [];
  for (const k of Object.keys(w.header) as Array<keyof SratHeader>) {
    if (w.header[k] !== g.header[k]) out.push(`  SRAT header ${k}: expected ${fmt(w.header[k])}, actual ${fmt(g.header[k])}`);
  }
  const we = w.entries.map(formatSratEntry);
  const ge = g.entries.map(formatSratEntry);
  out.push(...listDiff('SRAT entry', we, ge));
  if (we.join('\n') !== ge.join('\n') && [...we].sort().join('\n') === [...ge].sort().join('\n')) {
    out.push('  SRAT: the same entries, in a different order');
  }
  for (const p of g.problems) out.push(`  SRAT (actual) ${p}`);
  if (out.length === 0) out.push('  SRAT: bytes differ (decoded equal?)');
  return out;
}

function fmt(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'bigint') return h(v);
  return String(v);
}

export function summarizeSrat(b: Uint8Array): string {
  return decodeSrat(b).entries.map(formatSratEntry).join(' ');
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function toHex(b: Uint8Array): string {
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

export function fromHex(s: string): Uint8Array {
  const t = s.replace(/\s+/g, '');
  const out = new Uint8Array(t.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(t.substr(i * 2, 2), 16);
  return out;
}

/** Canonical text of a JSON value with object keys sorted (for set comparison of QMP results). */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return '[' + v.map(canonicalJson).join(',') + ']';
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return '{' + Object.keys(o).sort().map((k) => JSON.stringify(k) + ':' + canonicalJson(o[k])).join(',') + '}';
  }
  if (typeof v === 'bigint') return v.toString();
  return JSON.stringify(v);
}

/** Differences of two query-memory-devices results compared as multisets of objects; [] when equal. */
export function diffMemoryDevices(expected: unknown[], actual: unknown[]): string[] {
  const w = expected.map(canonicalJson);
  const g = actual.map(canonicalJson);
  const left = [...g];
  const missing: string[] = [];
  for (const x of w) {
    const i = left.indexOf(x);
    if (i >= 0) left.splice(i, 1);
    else missing.push(x);
  }
  return [...missing.map((x) => `  memory-devices: expected ${x} (missing)`), ...left.map((x) => `  memory-devices: unexpected ${x}`)];
}
