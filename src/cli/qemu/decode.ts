/**
 * Decoding `etc/e820` and SRAT bytes into readable entries, and field-by-field diffs of two such byte strings,
 * for test failure reports.
 */

import {
  e820ToJson,
  e820Type,
  readE820,
  readSratLayout,
  sratSubtableKind,
  type E820Entry,
  type SratSubtable,
  type SratTableHeader,
} from '../../core/tables/index.ts';

export type E820Rec = Pick<E820Entry, 'address' | 'length' | 'type'>;

function h(v: bigint | number): string {
  return '0x' + v.toString(16);
}

export function decodeE820(b: Uint8Array): { entries: E820Rec[]; trailing: number } {
  return readE820(b);
}

export function formatE820(e: E820Rec): string {
  return `[${h(e.address)} +${h(e.length)} ${e820Type(e.type).name ?? 'type ' + h(e.type)}]`;
}

export function e820Json(b: Uint8Array): Array<{ start: string; length: string; type: number }> {
  return e820ToJson(readE820(b).entries);
}

export type SratHeader = SratTableHeader;

/** A structure of the SRAT: its fields as the core's layout names them, or its bytes (`raw`) when not described. */
export type SratRec = { offset: number; type: number; length: number; fields: Record<string, string | number | bigint> };

/** The SRAT read field by field with the core's layouts; a RangeError when shorter than its 48-byte header. */
export function decodeSrat(b: Uint8Array): { header: SratHeader; entries: SratRec[]; problems: string[] } {
  const r = readSratLayout(b);
  const problems: string[] = [];
  if (r.header.length !== b.length) problems.push(`header length ${r.header.length} but ${b.length} bytes`);
  if (r.bad) problems.push(`bad entry at offset ${r.bad.offset}: type ${r.bad.type} length ${r.bad.length}`);
  const entries = r.subtables.map(
    (s: SratSubtable): SratRec => ({
      offset: s.offset,
      type: s.type,
      length: s.length,
      fields: s.fields ?? { raw: Array.from(b.subarray(s.offset, s.offset + s.length), (x) => x.toString(16).padStart(2, '0')).join('') },
    }),
  );
  return { header: r.header, entries, problems };
}

/** One line per structure: `MEM(pxm 0, base 0x0, len 0xa0000, flags 1)`. */
export function formatSratEntry(e: SratRec): string {
  const f = e.fields;
  const kind = sratSubtableKind(e.type);
  const tag = kind?.tag;
  if (f.raw === undefined) {
    if (kind?.entry === 'lapic') return `${tag}(pxm ${f.proximityDomain}, apic ${f.apicId}, flags ${f.flags})`;
    if (kind?.entry === 'x2apic') return `${tag}(pxm ${f.proximityDomain}, x2apic ${f.x2apicId}, flags ${f.flags})`;
    if (kind?.entry === 'memory') {
      const extra = f.reserved1 || f.reserved2 || f.reserved3 ? ` reserved ${f.reserved1}/${f.reserved2}/${h(f.reserved3 as bigint)}` : '';
      return `${tag}(pxm ${f.proximityDomain}, base ${h(f.baseAddress as bigint)}, len ${h(f.length as bigint)}, flags ${f.flags}${extra})`;
    }
  }
  return `${tag ?? 'type ' + e.type}(len ${e.length}, ${JSON.stringify(f, (_k, v: unknown) => (typeof v === 'bigint' ? h(v) : v))})`;
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
