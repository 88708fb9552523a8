import { describe, expect, it } from 'vitest';
import { computeBoundaryTicks, computeSegmentTicks, gibOffset, hexAddr, nextPowerOfTwo, pickLabels } from './ticks.ts';
import { computeSegmentedScale } from './segmented-scale.ts';

describe('hex ticks', () => {
  it('rounds up to a power of two', () => {
    expect(nextPowerOfTwo(1n)).toBe(1n);
    expect(nextPowerOfTwo(3n)).toBe(4n);
    expect(nextPowerOfTwo(4096n)).toBe(4096n);
    expect(nextPowerOfTwo(4097n)).toBe(8192n);
  });

  it('formats addresses as QEMU does', () => {
    expect(hexAddr(0xa0000n)).toBe('0xa0000');
    expect(hexAddr(0x480000000n)).toBe('0x480000000');
  });

  it('puts exact power-of-two multiples inside a zoomed-in 4 KiB view', () => {
    // one linear piece [0x9f000, 0xa1000), 8 KiB drawn over 2000 px: 4.096 bytes per px
    const scale = computeSegmentedScale([0x9f000n, 0xa1000n]);
    const toPx = (u: number) => u * 2000 - 500; // visible: px 0..1000 = 0x9f800 .. 0xa0800 (4 KiB)
    const ticks = computeSegmentTicks({ scale, toPx, pxStart: 0, pxEnd: 1000, minSpacingPx: 100 });
    // 100 px ≈ 410 bytes → step 0x200
    const addrs = ticks.map((t) => t.addr);
    expect(addrs).toContain(0xa0000n);
    for (const a of addrs) expect(a % 0x200n).toBe(0n);
    for (let i = 1; i < addrs.length; i++) expect(addrs[i]! - addrs[i - 1]!).toBe(0x200n);
    const t = ticks.find((x) => x.addr === 0xa0000n)!;
    // 0xa0000 is 0x1000 into the piece: half-way, at u = 0.5 → 500 px
    expect(t.x).toBeCloseTo(500, 6);
  });

  it('lists the boundaries on screen', () => {
    const scale = computeSegmentedScale([0n, 0x1000n, 0x2000n]);
    const b = computeBoundaryTicks(scale, (u) => u * 100, 0, 100);
    expect(b.map((t) => t.addr)).toEqual([0n, 0x1000n, 0x2000n]);
  });

  it('keeps high-priority labels and drops overlapping ones', () => {
    const kept = pickLabels([
      { x: 0, width: 40, priority: 1, name: 'a' },
      { x: 30, width: 40, priority: 2, name: 'b' },
      { x: 100, width: 40, priority: 1, name: 'c' },
    ]);
    expect(kept.map((k) => k.name)).toEqual(['b', 'c']);
  });
});

describe('GiB offsets', () => {
  it('reads an address as GiB from 0, smaller units below 1 GiB', () => {
    expect(gibOffset(0n)).toBe('0 GiB');
    expect(gibOffset(0x480000000n)).toBe('18 GiB'); // 0x480000000 = 18 × 2^30
    expect(gibOffset(0x880000000n)).toBe('34 GiB');
    expect(gibOffset(0x420000000n)).toBe('16.5 GiB'); // 16.5 × 2^30 exactly
    // 0x880200000 = 34 GiB + 2 MiB = 34.001953125 GiB: rounded, marked
    expect(gibOffset(0x880200000n)).toBe('≈34.002 GiB');
    expect(gibOffset(0xa0000n)).toBe('640 KiB');
    expect(gibOffset(0x80000000n)).toBe('2 GiB');
  });
});
