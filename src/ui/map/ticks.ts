/**
 * Axis ticks in exact hex. Decimal "nice" steps (1, 2, 5 × 10^k) give unreadable hex labels, so ticks here are
 * multiples of a power of two, computed in bigint: every label is an exact address.
 */
import type { SegmentedScale } from './segmented-scale.ts';

export interface AxisTick {
  addr: bigint;
  /** pixel position */
  x: number;
  /** a segment boundary (a break of the piecewise scale) rather than an in-segment tick */
  boundary: boolean;
}

/** The smallest power of two ≥ v (v ≥ 1). */
export function nextPowerOfTwo(v: bigint): bigint {
  if (v <= 1n) return 1n;
  let p = 1n;
  while (p < v) p <<= 1n;
  return p;
}

/** Trim a fixed-point number: `18.500` → `18.5`, `18.000` → `18`. */
function trimFixed(v: number, digits: number): string {
  return v.toFixed(digits).replace(/\.?0+$/, '');
}

/**
 * The address as an offset from 0 in GiB, for the axis's second line: `18 GiB`, `16.5 GiB`; below 1 GiB in MiB or
 * KiB (`640 KiB`), so that small addresses do not read as 0. Inexact values are rounded (to 3 decimals) and
 * marked `≈`.
 */
export function gibOffset(addr: bigint): string {
  const units: Array<[bigint, string]> = [
    [1n << 30n, 'GiB'],
    [1n << 20n, 'MiB'],
    [1n << 10n, 'KiB'],
  ];
  if (addr === 0n) return '0 GiB';
  for (const [u, name] of units) {
    if (addr < u) continue;
    if (addr % u === 0n) return `${addr / u} ${name}`;
    const v = Number(addr) / Number(u);
    const text = trimFixed(v, 3);
    return `${Number(text) === v ? '' : '≈'}${text} ${name}`;
  }
  return `${addr} B`;
}

export { hexAddr } from '../hex.ts';

export interface TickInput {
  scale: SegmentedScale;
  /** unit → pixel (the zoomed d3 scale) */
  toPx: (u: number) => number;
  /** visible pixel range */
  pxStart: number;
  pxEnd: number;
  /** wanted distance between ticks */
  minSpacingPx: number;
}

/**
 * Ticks inside each visible segment: multiples of a power-of-two step chosen so that ticks are at least
 * `minSpacingPx` apart, excluding the segment's own ends (those are boundary ticks).
 */
export function computeSegmentTicks(input: TickInput): AxisTick[] {
  const { scale, toPx, pxStart, pxEnd, minSpacingPx } = input;
  const out: AxisTick[] = [];
  for (const s of scale.segments) {
    const x0 = toPx(s.u0);
    const x1 = toPx(s.u1);
    if (x1 <= pxStart || x0 >= pxEnd) continue;
    const width = x1 - x0;
    if (width < minSpacingPx * 2) continue;
    const len = s.end - s.start;
    // bytes per pixel of this segment, as an upper bound on a step that keeps the spacing
    const bytesPerPx = Number(len) / width;
    const wanted = BigInt(Math.max(1, Math.ceil(bytesPerPx * minSpacingPx)));
    const step = nextPowerOfTwo(wanted);
    const visStartPx = Math.max(x0, pxStart);
    const visEndPx = Math.min(x1, pxEnd);
    const a0 = s.start + BigInt(Math.max(0, Math.floor(((visStartPx - x0) / width) * Number(len)))) - step;
    const a1 = s.start + BigInt(Math.min(Number(len), Math.ceil(((visEndPx - x0) / width) * Number(len)))) + step;
    let t = ((a0 > s.start ? a0 : s.start) + step - 1n) / step * step;
    const limit = a1 < s.end ? a1 : s.end;
    for (let guard = 0; t <= limit && guard < 2000; guard++, t += step) {
      if (t <= s.start || t >= s.end) continue;
      const x = toPx(scale.toUnit(t));
      if (x < pxStart - 1 || x > pxEnd + 1) continue;
      if (x - x0 < minSpacingPx * 0.6 || x1 - x < minSpacingPx * 0.6) continue;
      out.push({ addr: t, x, boundary: false });
    }
  }
  return out;
}

/** Segment boundaries on screen. */
export function computeBoundaryTicks(scale: SegmentedScale, toPx: (u: number) => number, pxStart: number, pxEnd: number): AxisTick[] {
  const out: AxisTick[] = [];
  const push = (addr: bigint, u: number) => {
    const x = toPx(u);
    if (x >= pxStart - 0.5 && x <= pxEnd + 0.5) out.push({ addr, x, boundary: true });
  };
  for (const s of scale.segments) push(s.start, s.u0);
  const last = scale.segments[scale.segments.length - 1];
  if (last) push(last.end, last.u1);
  return out;
}

/**
 * Keep the labels that fit: boundary labels with a higher priority first, then in address order, dropping any
 * label whose box would overlap one already kept.
 */
export function pickLabels<T extends { x: number; width: number; priority: number }>(items: readonly T[], gapPx = 6): T[] {
  const order = [...items].sort((a, b) => b.priority - a.priority || a.x - b.x);
  const kept: T[] = [];
  for (const it of order) {
    const l = it.x - it.width / 2 - gapPx / 2;
    const r = it.x + it.width / 2 + gapPx / 2;
    if (kept.some((k) => l < k.x + k.width / 2 && r > k.x - k.width / 2)) continue;
    kept.push(it);
  }
  return kept.sort((a, b) => a.x - b.x);
}
