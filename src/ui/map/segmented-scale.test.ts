import { describe, expect, it } from 'vitest';
import { computeSegmentedScale, isCompressedOver, normaliseBreakpoints, segmentWeights } from './segmented-scale.ts';

const KiB = 1024n;
const MiB = 1024n * KiB;
const GiB = 1024n * MiB;

describe('segmented scale', () => {
  it('sorts and de-duplicates break points', () => {
    expect(normaliseBreakpoints([4n, 0n, 4n, 2n])).toEqual([0n, 2n, 4n]);
  });

  it('gives a bigger piece a bigger share, but compresses it', () => {
    const [small, big] = segmentWeights([4n * KiB, 1n << 40n], { exponent: 0.2, floor: 0 });
    // (2^40 / 2^12)^0.2 = 2^5.6 ≈ 48.5
    expect(big! / small!).toBeCloseTo(2 ** 5.6, 6);
  });

  it('maps each break point to its piece boundary and the domain to [0, 1]', () => {
    const s = computeSegmentedScale([0n, 0xa0000n, 0x100000n, 2n * GiB, 4n * GiB]);
    expect(s.segments).toHaveLength(4);
    expect(s.toUnit(0n)).toBe(0);
    expect(s.toUnit(4n * GiB)).toBe(1);
    for (const seg of s.segments) {
      expect(s.toUnit(seg.start)).toBeCloseTo(seg.u0, 12);
    }
    // every piece gets a visible share even though 640 KiB is 1/6700 of 4 GiB
    const hole = s.segments[1]!;
    expect(hole.u1 - hole.u0).toBeGreaterThan(0.05);
  });

  it('is linear inside a piece', () => {
    const s = computeSegmentedScale([0n, GiB, 17n * GiB]);
    const seg = s.segments[1]!;
    const mid = s.toUnit(9n * GiB); // half-way through [1G, 17G)
    expect(mid).toBeCloseTo((seg.u0 + seg.u1) / 2, 12);
  });

  it('inverts to the exact byte, including in a terabyte-sized piece', () => {
    const s = computeSegmentedScale([0n, 0xfd_0000_0000n, 1n << 40n]);
    for (const addr of [0n, 0x1000n, 0x480000000n, 0xfc_ffff_f000n, 0xfd_0000_1000n]) {
      const back = s.fromUnit(s.toUnit(addr));
      // within one byte: the unit value is a double
      expect(back >= addr - 1n && back <= addr + 1n).toBe(true);
    }
  });

  it('clamps outside the domain', () => {
    const s = computeSegmentedScale([0x1000n, 0x2000n]);
    expect(s.toUnit(0n)).toBe(0);
    expect(s.toUnit(0x9000n)).toBe(1);
    expect(s.fromUnit(-1)).toBe(0x1000n);
    expect(s.fromUnit(2)).toBe(0x2000n);
  });

  it('finds the segment of an address and of a unit position', () => {
    const s = computeSegmentedScale([0n, 10n, 20n, 30n]);
    expect(s.segmentIndexAt(0n)).toBe(0);
    expect(s.segmentIndexAt(10n)).toBe(1);
    expect(s.segmentIndexAt(29n)).toBe(2);
    expect(s.segmentIndexAtUnit(s.segments[2]!.u0 + 1e-9)).toBe(2);
  });

  it('refuses fewer than two distinct points', () => {
    expect(() => computeSegmentedScale([5n, 5n])).toThrow();
  });

  it('gives each group its share however many pieces it is cut into', () => {
    // a 4 GiB region and a 64 GiB region cut into 64 pieces of 1 GiB
    const points = [0n, 4n * GiB];
    for (let i = 1n; i <= 64n; i++) points.push(4n * GiB + i * GiB);
    const flat = computeSegmentedScale(points);
    const grouped = computeSegmentedScale(points, { groups: [0n, 4n * GiB, 68n * GiB] });
    const first = (sc: ReturnType<typeof computeSegmentedScale>) => sc.segments[0]!.u1 - sc.segments[0]!.u0;
    // without groups the small region is one piece among 65; with groups it competes with one other group
    expect(first(flat)).toBeLessThan(0.03);
    expect(first(grouped)).toBeGreaterThan(0.1);
    // inside the big group the equal pieces stay equal
    const s1 = grouped.segments[1]!;
    const s64 = grouped.segments[64]!;
    expect(s1.u1 - s1.u0).toBeCloseTo(s64.u1 - s64.u0, 12);
    expect(grouped.segments[64]!.u1).toBe(1);
  });
});

describe('a proportional group (the hotplug window)', () => {
  // regions: [0, 4 GiB) RAM, [4 GiB, 88 GiB) the window cut by two 16 GiB blocks 2 MiB apart, [88 GiB, 1 TiB)
  const W = 4n * GiB;
  const points = [0n, W, W + 16n * GiB, W + 16n * GiB + 2n * MiB, W + 32n * GiB + 2n * MiB, 88n * GiB, 1024n * GiB];
  const s = computeSegmentedScale(points, { groups: [0n, W, 88n * GiB], proportionalGroup: (g) => g === W });
  const width = (i: number) => s.segments[i]!.u1 - s.segments[i]!.u0;

  it('sizes inside it are proportional: a 2 MiB gap is 1/8192 of a 16 GiB block', () => {
    expect(width(1) / width(3)).toBeCloseTo(1, 9);
    expect(width(2) / width(1)).toBeCloseTo(1 / 8192, 9);
    // the free rest of the window: 88 − 4 − 32 GiB − 2 MiB = 52 GiB − 2 MiB
    expect(width(4) / width(1)).toBeCloseTo(Number(52n * GiB - 2n * MiB) / Number(16n * GiB), 9);
  });

  it('says where the axis is compressed', () => {
    // inside the window: one density
    expect(isCompressedOver(s, W, 88n * GiB)).toBe(false);
    // across regions: compressed
    expect(isCompressedOver(s, 0n, 1024n * GiB)).toBe(true);
    // a true-scale axis (exponent 1, no floor) is never compressed
    const t = computeSegmentedScale(points, { exponent: 1, floor: 0 });
    expect(isCompressedOver(t, 0n, 1024n * GiB)).toBe(false);
  });
});
