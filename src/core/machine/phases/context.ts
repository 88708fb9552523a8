/**
 * What every phase of `computeMachine` shares: the document, the QEMU release followed, the warnings QEMU
 * prints on the way, and the way QEMU stops — at the first error, which `reject` throws and `computeMachine`
 * catches. Plus the few ways QEMU's property setters read a value that several phases use.
 */
import type { ConfigDocument } from '../../document/index.ts';
import type { CoreError, Diagnostic, ErrorKind } from '../../base/index.ts';
import { parseQemuSize, parseQemuUint } from '../../base/index.ts';
import { optionRef } from '../../syntax/index.ts';
import type { QemuVersion } from '../results.ts';
import type { QemuRelease } from '../qemu-versions.ts';
import type { QemuCatalog } from '../qemu-catalog.ts';

export interface Ctx {
  doc: ConfigDocument;
  version: QemuVersion;
  /** the release table row of `version` */
  release: QemuRelease;
  /** QEMU's warnings so far */
  diagnostics: Diagnostic[];
  /** the release's lists of names (qemu-catalog.ts); null: not at hand, the name checks are not made */
  catalog: QemuCatalog | null;
  /** a name check was skipped for want of the catalog */
  catalogNeeded: boolean;
  /**
   * values read so far, by text: documents repeat the same few (`size=16G`, `node=1`), and a value read once
   * need not be read again in this run
   */
  sizes: Map<string, bigint | null>;
  u64s: Map<string, bigint | null>;
}

export function newContext(doc: ConfigDocument, version: QemuVersion, release: QemuRelease, catalog: QemuCatalog | null = null): Ctx {
  // a catalog of another release's lists is no catalog for this one
  const own = catalog !== null && catalog.helpLists === release.helpLists ? catalog : null;
  return { doc, version, release, diagnostics: [], catalog: own, catalogNeeded: false, sizes: new Map(), u64s: new Map() };
}

/** The catalog for a name check; null (and the check noted as skipped) when it is not at hand. */
export function catalogFor(ctx: Ctx): QemuCatalog | null {
  if (ctx.catalog === null) ctx.catalogNeeded = true;
  return ctx.catalog;
}

/** An option of the document and its index in `doc.options`. */
export interface Indexed<T> {
  index: number;
  option: T;
}

/** QEMU's refusal, thrown by `reject` and caught by `computeMachine`. */
export class Rejected {
  constructor(readonly error: CoreError) {}
}

/** Stop as QEMU does: with its message, the option it names (`index`, or null) and the field concerned. */
export function reject(ctx: Ctx, kind: ErrorKind, message: string, index: number | null, field?: string): never {
  const error: CoreError = { kind, message, option: index === null ? null : optionRef(ctx.doc, index) };
  if (field !== undefined) error.field = field;
  throw new Rejected(error);
}

/** A warning QEMU prints and goes on. */
export function qemuWarning(ctx: Ctx, message: string, index: number | null = null, field?: string): void {
  const d: Diagnostic = {
    kind: 'qemu/warning',
    severity: 'warning',
    source: 'qemu',
    message,
    option: index === null ? null : optionRef(ctx.doc, index),
  };
  if (field !== undefined) d.field = field;
  ctx.diagnostics.push(d);
}

/** A size property (`parseQemuSize`), read once per text in a run. */
export function readSize(ctx: Ctx, text: string): bigint | null {
  let v = ctx.sizes.get(text);
  if (v === undefined) ctx.sizes.set(text, (v = parseQemuSize(text)));
  return v;
}

/** A uint64 device property (`parseU64Prop`), read once per text in a run. */
export function readU64(ctx: Ctx, text: string): bigint | null {
  let v = ctx.u64s.get(text);
  if (v === undefined) ctx.u64s.set(text, (v = parseU64Prop(text)));
  return v;
}

/**
 * A value written the plain way — 1 to 9 decimal digits, no leading zero — as a number; null for anything else
 * (which `parseU64Prop` reads). The common case of `node=`, read without a lookup.
 */
export function plainDecimal(text: string): number | null {
  const n = text.length;
  if (n === 0 || n > 9 || (n > 1 && text.charCodeAt(0) === 48)) return null;
  let v = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return null;
    v = v * 10 + c;
  }
  return v;
}

/** qemu_strtou64-style (base 0, a leading '-' wraps) for uint64 device properties. */
export function parseU64Prop(text: string): bigint | null {
  const neg = /^\s*-/.test(text);
  const v = parseQemuUint(neg ? text.replace(/^\s*-/, '') : text.trimStart());
  if (v === null) return null;
  return neg ? (v === 0n ? 0n : (1n << 64n) - v) : v;
}

/** A boolean property value as QEMU reads it; null when it is not one. */
export function parseBool(text: string): boolean | null {
  if (text === 'on' || text === 'yes' || text === 'true' || text === 'y') return true;
  if (text === 'off' || text === 'no' || text === 'false' || text === 'n') return false;
  return null;
}

/** The value of the last `key` among unmodelled properties: undefined when absent, null when given bare. */
export function extraValue(extra: ReadonlyArray<[string, string | null]> | undefined, key: string): string | null | undefined {
  const hit = extra?.filter(([k]) => k === key).pop();
  return hit ? hit[1] : undefined;
}
