/**
 * A piecewise-linear scale from guest physical addresses (bigint) to a unit interval [0, 1].
 *
 * A real address space spans 640 KiB to terabytes, so a linear axis would hide everything small. The axis is cut
 * at every interesting address (region, range and device boundaries); each piece is linear inside, and its share
 * of the axis grows with a compressed power of its length (plus a floor), so every piece stays readable while a
 * bigger piece still looks bigger. The cut points are "breaks": the axis marks them, because the bytes-per-pixel
 * density changes there.
 *
 * Unit positions are converted to pixels by d3 (a linear scale over [0, 1], rescaled by the zoom transform).
 */

export interface Segment {
  /** first address of the piece */
  start: bigint;
  /** exclusive end */
  end: bigint;
  /** unit position of `start` */
  u0: number;
  /** unit position of `end` */
  u1: number;
}

export interface SegmentedScale {
  readonly segments: readonly Segment[];
  readonly domainStart: bigint;
  readonly domainEnd: bigint;
  /** unit position of an address (clamped to the domain) */
  toUnit(addr: bigint): number;
  /** the address at a unit position, rounded down to a byte (clamped to the domain) */
  fromUnit(u: number): bigint;
  /** index of the segment holding the address (the last one for the domain end) */
  segmentIndexAt(addr: bigint): number;
  /** index of the segment holding the unit position */
  segmentIndexAtUnit(u: number): number;
}

export interface SegmentWeightOptions {
  /** exponent applied to each piece's length (0 = equal shares, 1 = linear) */
  exponent?: number;
  /** floor added to each weight, as a fraction of the mean weight */
  floor?: number;
}

export interface SegmentedScaleOptions extends SegmentWeightOptions {
  /**
   * Boundaries of top-level groups (the machine's regions). Each group first gets its share of the axis from its
   * own length (more when it is cut into more pieces, up to √pieces ≤ MAX_PIECES_BOOST); the pieces inside a
   * group then share the group's part. So a window cut into hundreds of device ranges cannot squeeze the other
   * regions out of view.
   */
  groups?: Iterable<bigint>;
  /** floor of the pieces inside a group, as a fraction of the group's mean piece weight */
  innerFloor?: number;
  /** extra factor for the group starting at an address (e.g. the hotplug window, where the blocks live) */
  groupBoost?: (groupStart: bigint) => number;
  /**
   * Groups whose pieces share the group's part of the axis in proportion to their lengths (no compression, no
   * floor): inside such a group equal widths are equal sizes (the hotplug window, where blocks are compared).
   */
  proportionalGroup?: (groupStart: bigint) => boolean;
}

/** A group cut into more pieces gets more room, up to this factor (√pieces). */
export const MAX_PIECES_BOOST = 4;

const TWO_53 = 2n ** 53n;

/** Sorted, de-duplicated break points. */
export function normaliseBreakpoints(points: Iterable<bigint>): bigint[] {
  // (the map's break points come sorted: thousands of them on a large design, checked in one pass)
  const given = [...points];
  let ordered = given.length === 0 || given[0]! >= 0n;
  for (let i = 1; ordered && i < given.length; i++) ordered = given[i - 1]! < given[i]!;
  if (ordered) return given;
  const out = [...new Set(given)].filter((p) => p >= 0n);
  out.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return out;
}

/** The relative width each piece gets: length^exponent plus a floor. */
export function segmentWeights(lengths: readonly bigint[], opts: SegmentWeightOptions = {}): number[] {
  const exponent = opts.exponent ?? 0.2;
  const floor = opts.floor ?? 0.4;
  const raw = lengths.map((len) => Math.pow(Number(len), exponent));
  const mean = raw.reduce((a, b) => a + b, 0) / Math.max(1, raw.length);
  return raw.map((w) => w + floor * mean);
}

/** Offset of `u` inside a piece of `len` bytes spanning `du` units, as a whole byte count. */
function offsetBytes(len: bigint, frac: number): bigint {
  if (frac <= 0) return 0n;
  if (frac >= 1) return len;
  if (len <= TWO_53) {
    const v = BigInt(Math.floor(frac * Number(len)));
    return v > len ? len : v;
  }
  // beyond 2^53 bytes a double cannot hold every byte: scale the fraction in two 26-bit halves
  const hi = Math.floor(frac * 2 ** 26);
  const lo = Math.floor((frac * 2 ** 26 - hi) * 2 ** 26);
  return (len * BigInt(hi)) / 2n ** 26n + (len * BigInt(lo)) / 2n ** 52n;
}

/** Relative widths of the pieces: per group, then inside each group (see SegmentedScaleOptions.groups). */
function groupedWeights(bp: readonly bigint[], lengths: readonly bigint[], opts: SegmentedScaleOptions): number[] {
  const groupSet = new Set(opts.groups ?? []);
  if (groupSet.size === 0) return segmentWeights(lengths, opts);
  // pieces [i0, i1) of each group
  const groups: Array<[number, number]> = [];
  let start = 0;
  for (let i = 1; i < lengths.length; i++) {
    if (groupSet.has(bp[i]!)) {
      groups.push([start, i]);
      start = i;
    }
  }
  groups.push([start, lengths.length]);
  const groupLengths = groups.map(([a, b]) => bp[b]! - bp[a]!);
  const share = segmentWeights(groupLengths, opts).map(
    (w, g) => w * Math.min(MAX_PIECES_BOOST, Math.sqrt(groups[g]![1] - groups[g]![0])) * (opts.groupBoost?.(bp[groups[g]![0]]!) ?? 1),
  );
  const out: number[] = new Array(lengths.length).fill(0);
  groups.forEach(([a, b], g) => {
    const inner = opts.proportionalGroup?.(bp[a]!)
      ? lengths.slice(a, b).map((len) => Number(len))
      : segmentWeights(lengths.slice(a, b), { exponent: opts.exponent, floor: opts.innerFloor ?? 0.2 });
    const sum = inner.reduce((x, y) => x + y, 0);
    for (let i = a; i < b; i++) out[i] = (share[g]! * inner[i - a]!) / sum;
  });
  return out;
}

/**
 * Build the scale over `[points[0], points[last])`. Needs at least two distinct points.
 */
export function computeSegmentedScale(points: Iterable<bigint>, opts: SegmentedScaleOptions = {}): SegmentedScale {
  const bp = normaliseBreakpoints(points);
  if (bp.length < 2) throw new Error('a segmented scale needs two distinct break points');
  const lengths: bigint[] = [];
  for (let i = 0; i + 1 < bp.length; i++) lengths.push(bp[i + 1]! - bp[i]!);
  const weights = groupedWeights(bp, lengths, opts);
  const total = weights.reduce((a, b) => a + b, 0);
  const segments: Segment[] = [];
  let u = 0;
  for (let i = 0; i < lengths.length; i++) {
    const u1 = i === lengths.length - 1 ? 1 : u + weights[i]! / total;
    segments.push({ start: bp[i]!, end: bp[i + 1]!, u0: u, u1 });
    u = u1;
  }
  const domainStart = bp[0]!;
  const domainEnd = bp[bp.length - 1]!;

  const segmentIndexAt = (addr: bigint): number => {
    let lo = 0;
    let hi = segments.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (segments[mid]!.start <= addr) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const segmentIndexAtUnit = (v: number): number => {
    let lo = 0;
    let hi = segments.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (segments[mid]!.u0 <= v) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const toUnit = (addr: bigint): number => {
    if (addr <= domainStart) return 0;
    if (addr >= domainEnd) return 1;
    const s = segments[segmentIndexAt(addr)]!;
    const len = s.end - s.start;
    const off = addr - s.start;
    const frac = len <= TWO_53 ? Number(off) / Number(len) : Number((off << 20n) / len) / 2 ** 20;
    return s.u0 + frac * (s.u1 - s.u0);
  };
  const fromUnit = (v: number): bigint => {
    if (!(v > 0)) return domainStart;
    if (v >= 1) return domainEnd;
    const s = segments[segmentIndexAtUnit(v)]!;
    const frac = (v - s.u0) / (s.u1 - s.u0);
    return s.start + offsetBytes(s.end - s.start, frac);
  };
  return { segments, domainStart, domainEnd, toUnit, fromUnit, segmentIndexAt, segmentIndexAtUnit };
}

/** Bytes per unit of a piece. */
function density(s: Segment): number {
  return Number(s.end - s.start) / (s.u1 - s.u0);
}

/**
 * Whether the axis over [a0, a1) is compressed: the pieces it shows differ in bytes per pixel (more than 0.1 %),
 * so equal widths there are not equal sizes.
 */
export function isCompressedOver(scale: SegmentedScale, a0: bigint, a1: bigint): boolean {
  if (!(a1 > a0)) return false;
  const i0 = scale.segmentIndexAt(a0);
  const i1 = scale.segmentIndexAt(a1 - 1n);
  let lo = Infinity;
  let hi = 0;
  for (let i = i0; i <= i1; i++) {
    const seg = scale.segments[i]!;
    if (!(seg.u1 > seg.u0)) continue;
    const d = density(seg);
    if (d < lo) lo = d;
    if (d > hi) hi = d;
  }
  return hi > lo * 1.001;
}
