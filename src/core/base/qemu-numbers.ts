/**
 * QEMU's number syntaxes: sizes (`qemu_strtosz`: `4G`, `1.5G`, `0x1000`, `128` with a default unit), plain
 * integers of QOM/qdev properties (decimal, `0x` hex, `0` octal), and hex formatting.
 */

export const KiB = 1024n;
export const MiB = 1024n * KiB;
export const GiB = 1024n * MiB;
export const TiB = 1024n * GiB;
export const U64_MAX = (1n << 64n) - 1n;

const SUFFIX_SHIFT: Record<string, bigint> = { B: 0n, K: 10n, M: 20n, G: 30n, T: 40n, P: 50n, E: 60n };

function suffixMul(ch: string | undefined): bigint | null {
  if (!ch) return null;
  const shift = SUFFIX_SHIFT[ch.toUpperCase()];
  return shift === undefined ? null : 1n << shift;
}

/**
 * Parse a size the way QEMU's `qemu_strtosz` does: a decimal integer with an optional fraction and a
 * mandatory-when-fractional suffix, or a `0x` hex integer without fraction or suffix. `defaultSuffix` applies
 * when no suffix is given (`B` normally). Returns null for anything QEMU refuses (including values ≥ 2^64).
 */
export function parseQemuSize(text: string, defaultSuffix = 'B'): bigint | null {
  let i = 0;
  const s = text;
  // QEMU skips leading white space (strtoull) and refuses any minus sign.
  while (i < s.length && /\s/.test(s[i]!)) i++;
  if (s.includes('-')) return null;
  if (s[i] === '+') i++;
  const intStart = i;
  while (i < s.length && s[i]! >= '0' && s[i]! <= '9') i++;
  if (i === intStart) return null;
  let val = BigInt(s.slice(intStart, i));
  let valf = 0n; // 64-bit fixed-point fraction
  if (val === 0n && (s[i] === 'x' || s[i] === 'X') && i - intStart === 1) {
    const hexStart = i + 1;
    let j = hexStart;
    while (j < s.length && /[0-9a-fA-F]/.test(s[j]!)) j++;
    if (j === hexStart) return null;
    val = BigInt('0x' + s.slice(hexStart, j));
    if (val > U64_MAX) return null;
    if (j !== s.length) return null; // no fraction, no suffix, nothing after hex
    return val;
  }
  if (val > U64_MAX) return null;
  if (s[i] === '.') {
    const fracStart = i;
    i++;
    while (i < s.length && s[i]! >= '0' && s[i]! <= '9') i++;
    if (s[i] === 'e' || s[i] === 'E') {
      // strtod would read an exponent: QEMU refuses the whole input
      if (/^[eE][+-]?\d/.test(s.slice(i))) return null;
    }
    const fraction = Number('0' + s.slice(fracStart, i));
    // (uint64_t)(fraction * 0x1p64)
    const scaled = fraction * 2 ** 64;
    valf = scaled >= 2 ** 64 ? U64_MAX : BigInt(Math.floor(scaled));
  }
  let mul = suffixMul(s[i]);
  if (mul !== null) i++;
  else mul = suffixMul(defaultSuffix)!;
  if (i !== s.length) return null;
  if (mul === 1n) {
    if (valf !== 0n) return null;
    return val;
  }
  const fprod = valf * mul;
  let result = val * mul + (fprod >> 64n);
  if ((fprod & U64_MAX) >> 63n) result += 1n;
  if (result > U64_MAX) return null;
  return result;
}

/**
 * Parse an unsigned integer as QEMU's keyval/qdev visitors do (`qemu_strtou64` with base 0: decimal, `0x` hex,
 * leading `0` octal). Returns null for anything else, or above `max`.
 */
export function parseQemuUint(text: string, max: bigint = U64_MAX): bigint | null {
  const s = text.trim();
  if (s !== text && text.trimEnd() !== text) return null;
  let v: bigint;
  if (/^0[xX][0-9a-fA-F]+$/.test(s)) v = BigInt(s);
  else if (/^0[0-7]+$/.test(s)) v = BigInt('0o' + s.slice(1));
  else if (/^[0-9]+$/.test(s)) v = BigInt(s);
  else return null;
  return v > max ? null : v;
}

/** A plain decimal number as QemuOpts' NUMBER type reads it (`parse_option_number`: base 0 strtou64). */
export function parseOptNumber(text: string): bigint | null {
  return parseQemuUint(text);
}

/** `0x%x`-style lowercase hex */
export function hex(v: bigint | number): string {
  return '0x' + v.toString(16);
}

export function alignUp(v: bigint, align: bigint): bigint {
  return ((v + align - 1n) / align) * align;
}

export function isAligned(v: bigint, align: bigint): boolean {
  return v % align === 0n;
}

/** Human-readable size with a binary unit (`16 GiB`, `640 KiB`, `0x1234 B`). */
export function formatSize(v: bigint): string {
  const units: Array<[bigint, string]> = [
    [1n << 60n, 'EiB'],
    [1n << 50n, 'PiB'],
    [TiB, 'TiB'],
    [GiB, 'GiB'],
    [MiB, 'MiB'],
    [KiB, 'KiB'],
  ];
  for (const [u, name] of units) {
    if (v >= u && v % u === 0n) return `${v / u} ${name}`;
  }
  for (const [u, name] of units) {
    if (v >= u) return `${(Number(v) / Number(u)).toFixed(2)} ${name}`;
  }
  return `${v} B`;
}

/** A size as QEMU's command line would take it, exactly: `16G`, `512M`, `640K`, or bytes. */
export function formatQemuSize(v: bigint): string {
  const units: Array<[bigint, string]> = [
    [TiB, 'T'],
    [GiB, 'G'],
    [MiB, 'M'],
    [KiB, 'K'],
  ];
  for (const [u, name] of units) if (v !== 0n && v % u === 0n) return `${v / u}${name}`;
  return v.toString();
}
