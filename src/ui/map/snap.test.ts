import { describe, expect, it } from 'vitest';
import { alignDown, keyboardStep, snapToAlign, snapWithEdges, stepAddress } from './snap.ts';

const MiB = 1n << 20n;
const GiB = 1n << 30n;

describe('snapping', () => {
  it('snaps to the nearest multiple of the alignment', () => {
    expect(snapToAlign(0x480000000n + MiB - 1n, 2n * MiB)).toBe(0x480000000n);
    expect(snapToAlign(0x480000000n + MiB, 2n * MiB)).toBe(0x480200000n);
    expect(snapToAlign(0x480000000n + 3n * MiB + 1n, 2n * MiB)).toBe(0x480400000n);
    expect(snapToAlign(-5n, 2n * MiB)).toBe(0n);
  });

  it('rounds down to the grid', () => {
    expect(alignDown(0x480300000n, 2n * MiB)).toBe(0x480200000n);
  });

  it('steps one alignment, or 1 GiB with the big step', () => {
    expect(keyboardStep(2n * MiB, false)).toBe(2n * MiB);
    expect(keyboardStep(2n * MiB, true)).toBe(GiB);
    expect(keyboardStep(4n * GiB, true)).toBe(4n * GiB);
    // a 3 MiB alignment: the big step is the first multiple of 3 MiB at or above 1 GiB
    expect(keyboardStep(3n * MiB, true)).toBe(342n * 3n * MiB);
  });

  it('moves by whole steps and lands on the grid from an unaligned address', () => {
    expect(stepAddress(0x480000000n, 2n * MiB, 1, false)).toBe(0x480200000n);
    expect(stepAddress(0x480000000n, 2n * MiB, -1, false)).toBe(0x47fe00000n);
    expect(stepAddress(0x480000000n, 2n * MiB, 1, true)).toBe(0x4c0000000n);
    expect(stepAddress(0x480100000n, 2n * MiB, -1, false)).toBe(0x480000000n);
    expect(stepAddress(0x480100000n, 2n * MiB, 1, false)).toBe(0x480200000n);
    expect(stepAddress(MiB, 2n * MiB, -1, false)).toBe(0n);
    expect(stepAddress(0n, 2n * MiB, -1, false)).toBe(0n);
  });
});

describe('edge snapping', () => {
  const toPx = (a: bigint) => Number(a / MiB); // 1 px per MiB
  const edges = (...addrs: bigint[]) => addrs.map((addr) => ({ addr, px: toPx(addr) }));
  it('puts the block end to end with a neighbour when close enough', () => {
    // a neighbour ends at 0x100000000 (4096 MiB); the raw start is 3 MiB past it
    expect(snapWithEdges(0x100300000n, 128n * MiB, 2n * MiB, edges(0x100000000n), toPx, 6)).toBe(0x100000000n);
    // the block's end near a neighbour's start: 0x140000000 − 128 MiB
    expect(snapWithEdges(0x137e00000n, 128n * MiB, 2n * MiB, edges(0x140000000n), toPx, 6)).toBe(0x138000000n);
  });
  it('falls back to the alignment grid when no edge is near', () => {
    expect(snapWithEdges(0x100a00000n + 1n, 128n * MiB, 2n * MiB, edges(0x100000000n), toPx, 6)).toBe(0x100a00000n);
  });
  it('rounds an unaligned edge up to the alignment', () => {
    expect(snapWithEdges(0x100100000n, 64n * MiB, 2n * MiB, edges(0x100100000n), toPx, 6)).toBe(0x100200000n);
  });
});
