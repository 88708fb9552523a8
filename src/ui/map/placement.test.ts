import { describe, expect, it } from 'vitest';
import { explainRefusal, nearestFreeSpot, spacedFirstFit, validStarts, type SpotQuery } from './placement.ts';

const MiB = 1n << 20n;
const GiB = 1n << 30n;

// the example machine's window: 0x480000000, 84 GiB; hbm0 at its base, hbm1 2 MiB after hbm0's end, 16 GiB each
const WINDOW = { start: 0x480000000n, end: 0x480000000n + 84n * GiB };
const hbm0 = { key: 'hbm0', driver: 'sp-mem', start: 0x480000000n, end: 0x880000000n };
const hbm1 = { key: 'hbm1', driver: 'sp-mem', start: 0x880200000n, end: 0xc80200000n };
const dimm = { key: 'dimm0', driver: 'pc-dimm', start: 0xc80200000n, end: 0xd80200000n };

const q = (over: Partial<SpotQuery> = {}): SpotQuery => ({
  window: WINDOW,
  others: [hbm0, hbm1],
  size: 16n * GiB,
  align: 2n * MiB,
  spMem: true,
  gap: 2n * MiB,
  ...over,
});

describe('free spots in the hotplug window', () => {
  it('an sp-mem keeps the gap from other sp-mem, not from a pc-dimm', () => {
    // after hbm1 (ends 0xc80200000) + 2 MiB gap: 0xc80400000; the window ends at 0x480000000 + 84 GiB = 0x1980000000
    expect(validStarts(q())).toEqual([[0xc80400000n, 0x1980000000n - 16n * GiB]]);
    // a pc-dimm may touch hbm1
    expect(validStarts(q({ spMem: false }))[0]![0]).toBe(0xc80200000n);
    // an sp-mem next to a pc-dimm needs no gap: 0xd80200000 is free right at the dimm's end
    expect(spacedFirstFit(q({ others: [hbm0, hbm1, dimm] }))).toBe(0xd80200000n);
  });

  it('the first fit of a new sp-mem leaves 2 MiB after the last sp-mem (Linux merges touching SOFT_RESERVED ranges)', () => {
    // QEMU's own first fit would be hbm1's end, 0xc80200000, touching it
    expect(spacedFirstFit(q({ size: GiB }))).toBe(0xc80400000n);
  });

  it('the nearest spot to a refused drop', () => {
    // a drop onto the middle of hbm0: the nearest free 16 GiB is after hbm1 (before hbm0 is outside the window)
    expect(nearestFreeSpot(q(), 0x680000000n)).toBe(0xc80400000n);
    // a 1 GiB block dropped at 0x87fe00000 (overlapping hbm0's last 2 MiB): the 2 MiB between hbm0 and hbm1 is too
    // small, and below hbm0 is outside the window: the nearest is after hbm1 and its gap
    expect(nearestFreeSpot(q({ size: GiB }), 0x87fe00000n)).toBe(0xc80400000n);
    // unaligned wishes round to the nearer aligned address
    expect(nearestFreeSpot(q({ size: GiB, others: [] }), 0x480100001n)).toBe(0x480200000n);
    expect(nearestFreeSpot(q({ size: GiB, others: [] }), 0x4800fffffn)).toBe(0x480000000n);
    // too big to fit anywhere
    expect(nearestFreeSpot(q({ size: 100n * GiB }), 0x480000000n)).toBeNull();
  });
});

describe('refusals in plain words', () => {
  const cand = (start: bigint, size: bigint) => ({ start, end: start + size, node: 3, addrChanged: true });
  it('names the block it would overlap, with its range', () => {
    const w = explainRefusal('hbm2', cand(0x680000000n, 16n * GiB), { window: WINDOW, others: [hbm0, hbm1], align: 2n * MiB });
    // [0x680000000, 0xa80000000) overlaps hbm0 [0x480000000, 0x880000000) and hbm1 [0x880200000, 0xc80200000)
    expect(w.text).toBe('hbm2 would overlap hbm0 [0x480000000–0x87fffffff] and hbm1 [0x880200000–0xc801fffff]');
    expect(w.conflicts).toEqual(['hbm0', 'hbm1']);
  });
  it('says when it would leave the window', () => {
    const w = explainRefusal('hbm2', cand(0x2c0000000n, 16n * GiB), { window: WINDOW, others: [hbm0], align: 2n * MiB });
    expect(w.text).toBe('hbm2 [0x2c0000000–0x6bfffffff] would not lie inside the hotplug window [0x480000000–0x197fffffff]');
    expect(w.conflicts).toEqual(['hbm0']);
  });
  it('says when it is not aligned, and otherwise leaves the reason to QEMU', () => {
    expect(explainRefusal('x', cand(0x480001000n, MiB), { window: WINDOW, others: [], align: 2n * MiB }).text).toBe(
      'x at 0x480001000 would not be aligned to 0x200000',
    );
    expect(explainRefusal('x', { start: 0x480000000n, end: 0x480200000n, node: 3, addrChanged: false }, { window: WINDOW, others: [], align: 2n * MiB }, { origin: 1 }).text).toBe(
      'QEMU refuses x on node 3',
    );
  });
});
