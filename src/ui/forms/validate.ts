/**
 * Field validation for the machine form and the inspector. A field that fails is not applied to the document:
 * its text stays in the field with a message that names the field. What passes is QEMU-readable text; whether
 * QEMU then accepts the whole configuration is the core's call (its message appears in the diagnostics).
 */
import { isWellFormedId } from '../../core/document/index.ts';
import { parseQemuSize, parseQemuUint } from '../../core/base/index.ts';

export type FieldCheck = { ok: true; value: string | undefined } | { ok: false; message: string };

const SIZE_HINT = 'use a number with an optional K, M, G or T suffix (16G, 1.5G, 512M) or hex bytes (0x40000000)';

export { isWellFormedId };

export interface SizeOptions {
  /** an empty field removes the property */
  allowEmpty?: boolean;
  /** the unit of a bare number: `M` for `-m` (QEMU's legacy rule), bytes otherwise */
  defaultSuffix?: 'B' | 'M';
  /** refuse 0 */
  nonZero?: boolean;
}

export function checkSize(field: string, text: string, opts: SizeOptions = {}): FieldCheck {
  const t = text.trim();
  if (t === '') return opts.allowEmpty ? { ok: true, value: undefined } : { ok: false, message: `${field} is required: ${SIZE_HINT}` };
  const v = parseQemuSize(t, opts.defaultSuffix ?? 'B');
  if (v === null) return { ok: false, message: `${field}: '${t}' is not a size QEMU accepts; ${SIZE_HINT}` };
  if (opts.nonZero && v === 0n) return { ok: false, message: `${field} must not be 0` };
  return { ok: true, value: t };
}

export function checkId(field: string, text: string, taken: ReadonlySet<string> = new Set()): FieldCheck {
  const t = text;
  if (t === '') return { ok: false, message: `${field} is required` };
  if (!isWellFormedId(t)) {
    return {
      ok: false,
      message: `${field}: '${t}' is not a valid QEMU id; it must start with a letter and contain only letters, digits, '-', '.' and '_'`,
    };
  }
  if (taken.has(t)) return { ok: false, message: `${field}: '${t}' is already used by another option` };
  return { ok: true, value: t };
}

export interface IntOptions {
  allowEmpty?: boolean;
  min?: number;
  max?: number;
}

/** A non-negative integer as QEMU reads numbers (decimal, 0x hex, 0-prefixed octal). */
export function checkInteger(field: string, text: string, opts: IntOptions = {}): FieldCheck {
  const t = text.trim();
  if (t === '') return opts.allowEmpty ? { ok: true, value: undefined } : { ok: false, message: `${field} is required` };
  const v = parseQemuUint(t);
  if (v === null) return { ok: false, message: `${field}: '${t}' is not a whole number` };
  if (opts.min !== undefined && v < BigInt(opts.min)) return { ok: false, message: `${field} must be at least ${opts.min}` };
  if (opts.max !== undefined && v > BigInt(opts.max)) return { ok: false, message: `${field} must be at most ${opts.max}` };
  return { ok: true, value: t };
}

/** A guest physical address (`addr=`), or empty for automatic placement. */
export function checkAddress(field: string, text: string): FieldCheck {
  const t = text.trim();
  if (t === '') return { ok: true, value: undefined };
  const v = parseQemuUint(t);
  if (v === null) return { ok: false, message: `${field}: '${t}' is not an address; use hex (0x480000000) or leave it empty for automatic placement` };
  return { ok: true, value: '0x' + v.toString(16) };
}

/** A machine type name (`q35`, `pc`, `pc-q35-9.2`); whether QEMU knows it is the core's check. */
export function checkMachineType(field: string, text: string): FieldCheck {
  const t = text.trim();
  if (t === '') return { ok: false, message: `${field} is required (q35, pc, pc-q35-9.2, …)` };
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(t)) return { ok: false, message: `${field}: '${t}' is not a machine type name` };
  return { ok: true, value: t };
}

/** A CPU model name (`qemu64`, `EPYC`, `Skylake-Client-v4`). */
export function checkCpuModel(field: string, text: string): FieldCheck {
  const t = text.trim();
  if (t === '') return { ok: false, message: `${field} is required (qemu64, EPYC, Skylake-Client, …)` };
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(t)) return { ok: false, message: `${field}: '${t}' is not a CPU model name` };
  return { ok: true, value: t };
}
