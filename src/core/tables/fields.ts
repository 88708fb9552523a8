/**
 * Firmware table layouts as data. A table or sub-table is described once, as a list of fields — name, width in
 * bytes, the label the ACPICA disassembler (`iasl -d`) prints for it, how its value is shown — and that one
 * description drives the encoder (`fieldWriter`: the layout compiled once into a writer of DataView stores at
 * precomputed offsets; `writeFields` appends through it), the decoder (`readFields`) and the iasl-style text
 * (`fieldText`). Offsets follow from the widths; no other code restates them.
 *
 *   export const SRAT_X2APIC_AFFINITY = layout('Processor Local x2APIC Affinity', [
 *     u16('reserved1', 'Reserved1', { default: 0 }),
 *     u32('proximityDomain', 'Proximity Domain'),
 *     …
 *   ], 2);
 *
 * All integers are little-endian and unsigned: 1–4 bytes decode to `number`, 8 bytes to `bigint`. A table whose
 * length depends on its content (the SLIT's matrix, an HMAT structure's domain lists) describes that part with
 * `array` fields in a layout made for the counts at hand (`layout(…, [array('targets', t, 4, …)], start)`).
 */
import type { ByteWriter } from './byte-writer.ts';

/**
 * One bit of a flags field, shown below the field as iasl does (`Hot Pluggable : 1`); or, with `shift`, a bit field
 * of several bits shown as its value in hex (`Cache Line Size : 0040`: mask 0xffff0000, shift 16, 4 digits).
 */
export interface FlagBit {
  readonly mask: number;
  /** iasl's label: `Hot Pluggable` */
  readonly label: string;
  /** the flag's constant name: `HOTPLUGGABLE` */
  readonly name: string;
  /** a bit field: its value is `(field & mask) >>> shift` */
  readonly shift?: number;
  /** hex digits of a bit field's value (default 1) */
  readonly digits?: number;
}

interface FieldCommon<N extends string, V> {
  readonly name: N;
  readonly width: number;
  /** the field name `iasl -d` prints */
  readonly label: string;
  /** written when the record gives no value: reserved fields, QEMU's constants */
  readonly default?: V;
  /** text after the value on the iasl-style line, given the value and the whole table */
  readonly note?: (value: V, table: Uint8Array) => string;
  /**
   * iasl shows `width` bytes from this field on as one byte buffer labelled `label` (`Device Handle : 00 00 00 08 …`);
   * the fields it covers are not shown on their own
   */
  readonly shownAs?: { readonly label: string; readonly width: number };
}

/** An unsigned integer of 1 to 4 bytes, shown in hex. */
export interface UintField<N extends string = string> extends FieldCommon<N, number> {
  readonly kind: 'uint';
  /**
   * This field holds bits [split, split + 8·width) of a value spread over several fields of the same name (the
   * SRAT LAPIC entry's proximity domain: low 8 bits at offset 2, high 24 at offset 9).
   */
  readonly split?: number;
  /** bits decoded below the field */
  readonly flags?: readonly FlagBit[];
}

/** An unsigned 8-byte integer, shown in hex. */
export interface U64Field<N extends string = string> extends FieldCommon<N, bigint> {
  readonly kind: 'u64';
}

/** Fixed-width ASCII, padded with `pad` when encoded, shown quoted with non-printing bytes as `.`. */
export interface AsciiField<N extends string = string> extends FieldCommon<N, string> {
  readonly kind: 'ascii';
  readonly pad: string;
}

/**
 * `count` unsigned integers of `element` bytes each, shown one line each (`Target Proximity Domain List : 00000001`)
 * or, with `buffer`, as one line of bytes (`Locality   0 : 0A 15`, 16 a line as iasl wraps them).
 */
export interface ArrayField<N extends string = string> extends FieldCommon<N, readonly number[]> {
  readonly kind: 'array';
  readonly element: 1 | 2 | 4;
  readonly count: number;
  readonly buffer?: boolean;
}

export type Field<N extends string = string> = UintField<N> | U64Field<N> | AsciiField<N> | ArrayField<N>;
export type PlacedField<F extends Field = Field> = F & { readonly offset: number };

/** A list of fields at their offsets, from `start` (within the enclosing table or sub-table) to `end`. */
export interface Layout<Fs extends readonly Field[] = readonly Field[]> {
  readonly name: string;
  readonly fields: ReadonlyArray<PlacedField<Fs[number]>>;
  readonly start: number;
  readonly end: number;
}

type ValueOf<F> = F extends { kind: 'u64' } ? bigint : F extends { kind: 'ascii' } ? string : F extends { kind: 'array' } ? number[] : number;

/** The decoded form of a layout: one property per field name (split fields give one). */
export type RecordOf<L extends Layout> = L extends Layout<infer Fs> ? { -readonly [F in Fs[number] as F['name']]: ValueOf<F> } : never;

type UintOpts = Pick<UintField, 'default' | 'note' | 'split' | 'flags' | 'shownAs'>;

export function uint<const N extends string>(width: 1 | 2 | 3 | 4, name: N, label: string, opts: UintOpts = {}): UintField<N> {
  return { kind: 'uint', name, width, label, ...opts };
}
export const u8 = <const N extends string>(name: N, label: string, opts: UintOpts = {}): UintField<N> => uint(1, name, label, opts);
export const u16 = <const N extends string>(name: N, label: string, opts: UintOpts = {}): UintField<N> => uint(2, name, label, opts);
export const u32 = <const N extends string>(name: N, label: string, opts: UintOpts = {}): UintField<N> => uint(4, name, label, opts);

export function u64<const N extends string>(name: N, label: string, opts: Pick<U64Field, 'default' | 'note' | 'shownAs'> = {}): U64Field<N> {
  return { kind: 'u64', name, width: 8, label, ...opts };
}

export function ascii<const N extends string>(
  name: N,
  width: number,
  label: string,
  opts: Pick<AsciiField, 'default' | 'note' | 'shownAs'> & { pad?: string } = {},
): AsciiField<N> {
  return { kind: 'ascii', name, width, label, ...opts, pad: opts.pad ?? ' ' };
}

/** `count` integers of `element` bytes (see ArrayField); `default` fills every element. */
export function array<const N extends string>(
  name: N,
  count: number,
  element: 1 | 2 | 4,
  label: string,
  opts: { default?: number; buffer?: boolean } = {},
): ArrayField<N> {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`${name}: bad count ${count}`);
  return {
    kind: 'array',
    name,
    width: count * element,
    label,
    element,
    count,
    ...(opts.default !== undefined ? { default: new Array<number>(count).fill(opts.default) } : {}),
    ...(opts.buffer ? { buffer: true } : {}),
  };
}

/** Place the fields one after the other from `start`. */
export function layout<const Fs extends readonly Field[]>(name: string, fields: Fs, start = 0): Layout<Fs> {
  let offset = start;
  const placed = fields.map((f) => {
    // every field gets the same properties in the same order: one object shape for the encode/decode loops
    const p = {
      kind: f.kind,
      name: f.name,
      width: f.width,
      label: f.label,
      default: f.default,
      note: f.note,
      split: f.kind === 'uint' ? f.split : undefined,
      flags: f.kind === 'uint' ? f.flags : undefined,
      pad: f.kind === 'ascii' ? f.pad : undefined,
      element: f.kind === 'array' ? f.element : undefined,
      count: f.kind === 'array' ? f.count : undefined,
      buffer: f.kind === 'array' ? f.buffer : undefined,
      shownAs: f.shownAs,
      offset,
    } as PlacedField<Fs[number]>;
    offset += f.width;
    return p;
  });
  return { name, fields: placed, start, end: offset };
}

/** The same layout with one ASCII field's note replaced (a table's own name after the shared header's Signature). */
export function withAsciiNote<L extends Layout>(l: L, name: string, note: (value: string, table: Uint8Array) => string): L {
  if (!l.fields.some((f) => f.name === name && f.kind === 'ascii')) throw new Error(`${l.name}: no ASCII field ${name}`);
  return { ...l, fields: l.fields.map((f) => (f.name === name ? { ...f, note } : f)) };
}

/** The offset of a field (the first part of a split one). */
export function fieldOffset(l: Layout, name: string): number {
  const f = l.fields.find((x) => x.name === name);
  if (!f) throw new Error(`${l.name}: no field ${name}`);
  return f.offset;
}

const widthMask = (width: number): number => (width >= 4 ? 0xffff_ffff : (1 << (8 * width)) - 1);

const K_UINT = 0;
const K_U64 = 1;
const K_ASCII = 2;
const K_ARRAY = 3;
const U64_MAX = 0xffff_ffff_ffff_ffffn;

/**
 * A layout compiled once for writing: its fields' offsets (from the layout's start), widths, kinds, names and
 * defaults in flat arrays, so that writing a record is one loop of DataView stores with no objects made.
 */
export interface FieldWriter<L extends Layout = Layout> {
  /** bytes the layout covers: `end - start` */
  readonly length: number;
  /**
   * Write the fields at `at` (where the layout's start falls) of `view`, which must hold them. Values come from
   * `values` by field name (other properties are ignored), else from the field's default; a value neither gives
   * is an error, as is a value out of its field's range.
   */
  write(view: DataView, at: number, values: Partial<RecordOf<L>>): void;
}

const compiled = new WeakMap<Layout, FieldWriter>();

/** The compiled writer of a layout (made on first use, then kept with the layout). */
export function fieldWriter<L extends Layout>(l: L): FieldWriter<L> {
  let c = compiled.get(l);
  if (!c) {
    c = compileWriter(l);
    compiled.set(l, c);
  }
  return c as FieldWriter<L>;
}

type WriteFn = (view: DataView, at: number, values: Record<string, unknown>) => void;

/** The layout compiled into flat arrays, read field by field by one loop (no generated code, so any CSP runs it). */
function compileWriter(l: Layout): FieldWriter {
  return { length: l.end - l.start, write: planWriter(l) as FieldWriter['write'] };
}

function missing(layoutName: string, name: string): never {
  throw new Error(`${layoutName}: no value for ${name}`);
}

/** The layout's plan: offsets, widths, kinds, names and defaults in flat arrays, and the loop that writes them. */
function planWriter(l: Layout): WriteFn {
  const n = l.fields.length;
  const names: string[] = [];
  const defaults: unknown[] = [];
  const pads: string[] = [];
  const kinds = new Uint8Array(n);
  const offsets = new Uint32Array(n);
  const widths = new Uint32Array(n);
  /** uint: split shift, -1 when not split; array: element width */
  const extra = new Int32Array(n);
  const counts = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const f = l.fields[i]!;
    names.push(f.name);
    defaults.push(f.default);
    pads.push(f.kind === 'ascii' ? f.pad : '');
    kinds[i] = f.kind === 'uint' ? K_UINT : f.kind === 'u64' ? K_U64 : f.kind === 'ascii' ? K_ASCII : K_ARRAY;
    offsets[i] = f.offset - l.start;
    widths[i] = f.width;
    extra[i] = f.kind === 'uint' ? (f.split ?? -1) : f.kind === 'array' ? f.element : 0;
    counts[i] = f.kind === 'array' ? f.count : 0;
  }
  const layoutName = l.name;
  return (view, at, given) => {
    for (let i = 0; i < n; i++) {
      const name = names[i]!;
      const v = given[name] ?? defaults[i];
      if (v === undefined) missing(layoutName, name);
      const o = at + offsets[i]!;
      const width = widths[i]!;
      switch (kinds[i]) {
        case K_UINT: {
          let x = v as number;
          const split = extra[i]!;
          if (split >= 0) x = ((x >>> split) & widthMask(width)) >>> 0;
          putUint(view, o, width, x);
          break;
        }
        case K_U64:
          putU64(view, o, v as bigint);
          break;
        case K_ASCII:
          putAscii(view, o, width, v as string, pads[i]!);
          break;
        default:
          putArray(view, o, extra[i]!, counts[i]!, v as readonly number[], layoutName, name);
      }
    }
  };
}

function putUint(view: DataView, o: number, width: number, x: number): void {
  if (!Number.isInteger(x) || x < 0 || x > widthMask(width)) throw new RangeError(`u${8 * width} out of range: ${x}`);
  if (width === 1) view.setUint8(o, x);
  else if (width === 2) view.setUint16(o, x, true);
  else if (width === 4) view.setUint32(o, x, true);
  else for (let k = 0; k < width; k++) view.setUint8(o + k, (x >>> (8 * k)) & 0xff);
}

function putU64(view: DataView, o: number, x: bigint): void {
  if (typeof x !== 'bigint' || x < 0n || x > U64_MAX) throw new RangeError(`u64 out of range: ${x}`);
  view.setBigUint64(o, x, true);
}

function putAscii(view: DataView, o: number, width: number, t: string, pad: string): void {
  for (let k = 0; k < width; k++) {
    const c = k < t.length ? t.charCodeAt(k) : pad.charCodeAt((k - t.length) % pad.length);
    view.setUint8(o + k, c & 0xff);
  }
}

function putArray(view: DataView, o: number, element: number, count: number, a: readonly number[], layoutName: string, name: string): void {
  if (a.length !== count) throw new RangeError(`${layoutName}: ${name} has ${a.length} elements, the layout ${count}`);
  for (let k = 0; k < count; k++) putUint(view, o + k * element, element, a[k]!);
}

/**
 * Append the fields to `w`, which must stand at the layout's start: the compiled writer (`fieldWriter`) at the
 * bytes `w` reserves for them.
 */
export function writeFields<L extends Layout>(w: ByteWriter, l: L, values: Partial<RecordOf<L>>): void {
  const fw = fieldWriter(l);
  const at = w.skip(fw.length);
  fw.write(w.dataView, at, values);
}

/** Decode the fields of a (sub-)table that begins at `at`; a RangeError when the bytes end before the layout. */
export function readFields<L extends Layout>(l: L, bytes: Uint8Array, at = 0): RecordOf<L> {
  if (at + l.end > bytes.length) {
    throw new RangeError(`${l.name}: ${l.end - l.start} bytes needed at offset ${at + l.start}, the table has ${bytes.length}`);
  }
  const out: Record<string, number | bigint | string | number[]> = {};
  for (const f of l.fields) {
    const o = at + f.offset;
    if (f.kind === 'array') {
      out[f.name] = Array.from({ length: f.count }, (_, i) => uintAt(bytes, o + i * f.element, f.element));
    } else if (f.kind === 'ascii') {
      let t = '';
      for (let i = 0; i < f.width; i++) t += String.fromCharCode(bytes[o + i]!);
      out[f.name] = t;
    } else if (f.kind === 'u64') {
      out[f.name] = (BigInt(uintAt(bytes, o + 4, 4)) << 32n) | BigInt(uintAt(bytes, o, 4));
    } else {
      const n = uintAt(bytes, o, f.width);
      out[f.name] = f.split !== undefined ? (((out[f.name] as number | undefined) ?? 0) | (n << f.split)) >>> 0 : n;
    }
  }
  return out as RecordOf<L>;
}

function uintAt(bytes: Uint8Array, o: number, width: number): number {
  let n = 0;
  for (let i = width - 1; i >= 0; i--) n = n * 256 + bytes[o + i]!;
  return n;
}

/** The names of the flags set in `value`, in the description's order. */
export function flagNames(flags: readonly FlagBit[], value: number): string[] {
  return flags.filter((f) => (value & f.mask) !== 0).map((f) => f.name);
}

// ---- the iasl-style text: `[HexOffset DecimalOffset ByteLength]  FieldName : FieldValue` ----

/** the field name is right-aligned in 28 columns, one space after the offset bracket; flag names in 44 */
const LABEL_WIDTH = 28;
const FLAG_WIDTH = 44;
/** where a field's value starts: what iasl indents a buffer's continuation lines by */
const VALUE_COLUMN = '[000h 0000   0] '.length + LABEL_WIDTH + ' : '.length;

export function hexUpper(v: number | bigint, bytes: number): string {
  return v.toString(16).toUpperCase().padStart(bytes * 2, '0');
}

/** One field line as `iasl -d` prints it. */
export function iaslFieldLine(offset: number, width: number, label: string, value: string): string {
  const where = `[${offset.toString(16).toUpperCase().padStart(3, '0')}h ${offset.toString().padStart(4, '0')} ${width.toString().padStart(3, ' ')}]`;
  return `${where} ${label.padStart(LABEL_WIDTH, ' ')} : ${value}`;
}

/** A byte buffer's value as iasl prints it: `0A 15 …`, 16 bytes a line, continued with ` \` and indented. */
export function iaslBufferValue(bytes: ArrayLike<number>): string {
  let t = '';
  for (let j = 0; j < bytes.length; j++) {
    t += hexUpper(bytes[j] ?? 0, 1);
    if (j + 1 < bytes.length) t += (j + 1) % 16 === 0 ? ' \\\n' + ' '.repeat(VALUE_COLUMN) : ' ';
  }
  return t;
}

/**
 * The iasl-style lines of the fields of a (sub-)table that begins at `at` of `table`. Never throws: bytes past
 * the end read as 0, so a truncated table still shows.
 */
export function fieldText(l: Layout, table: Uint8Array, at = 0): string[] {
  const lines: string[] = [];
  const byte = (o: number) => table[o] ?? 0;
  let hiddenUntil = -1;
  for (const f of l.fields) {
    const o = at + f.offset;
    if (o < hiddenUntil) continue;
    let value: string;
    if (f.shownAs) {
      const bytes = Array.from({ length: f.shownAs.width }, (_, i) => byte(o + i));
      lines.push(iaslFieldLine(o, f.shownAs.width, f.shownAs.label, iaslBufferValue(bytes)));
      hiddenUntil = o + f.shownAs.width;
      continue;
    }
    if (f.kind === 'array') {
      if (f.buffer) {
        const bytes = Array.from({ length: f.width }, (_, i) => byte(o + i));
        lines.push(iaslFieldLine(o, f.width, f.label, iaslBufferValue(bytes)));
      } else {
        for (let i = 0; i < f.count; i++) {
          const e = o + i * f.element;
          let n = 0;
          for (let k = f.element - 1; k >= 0; k--) n = n * 256 + byte(e + k);
          lines.push(iaslFieldLine(e, f.element, f.label, hexUpper(n, f.element)));
        }
      }
      continue;
    }
    if (f.kind === 'ascii') {
      const raw = String.fromCharCode(...table.subarray(o, o + f.width));
      value = `"${raw.replace(/[^\x20-\x7e]/g, '.')}"${f.note?.(raw, table) ?? ''}`;
    } else {
      let n = 0n;
      for (let i = f.width - 1; i >= 0; i--) n = (n << 8n) | BigInt(table[o + i] ?? 0);
      const note = f.kind === 'u64' ? f.note?.(n, table) : f.note?.(Number(n), table);
      value = hexUpper(n, f.width) + (note ?? '');
      if (f.kind === 'uint' && f.flags) {
        lines.push(iaslFieldLine(o, f.width, f.label, value));
        for (const bit of f.flags) {
          const shown =
            bit.shift === undefined ? ((Number(n) & bit.mask) !== 0 ? '1' : '0') : (((Number(n) & bit.mask) >>> 0) >>> bit.shift).toString(16).toUpperCase().padStart(bit.digits ?? 1, '0');
          lines.push(`${bit.label.padStart(FLAG_WIDTH, ' ')} : ${shown}`);
        }
        continue;
      }
    }
    lines.push(iaslFieldLine(o, f.width, f.label, value));
  }
  return lines;
}
