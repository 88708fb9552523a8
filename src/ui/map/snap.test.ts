import { describe, expect, it } from 'vitest';
import { alignDown, keyboardStep, snapDragAddress, snapToAlign, snapWithEdges, stepAddress, zoomSnapStep } from './snap.ts';

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

describe('zoom-adaptive drag snapping', () => {
  it('the step is 1 GiB at the overview and shrinks to the alignment when zoomed in', () => {
    // overview of the example's window: 84 GiB over ~420 px = 0.2 GiB/px; 12 px would be 2.4 GiB: capped at 1 GiB
    expect(zoomSnapStep(2n * MiB, Number(84n * GiB) / 420, 12)).toBe(GiB);
    // zoomed onto a 16 GiB block across 1000 px: 16 MiB/px × 12 = 192 MiB → 256 MiB
    expect(zoomSnapStep(2n * MiB, Number(16n * GiB) / 1000, 12)).toBe(256n * MiB);
    // very deep: never below the alignment
    expect(zoomSnapStep(2n * MiB, 1000, 12)).toBe(2n * MiB);
    // an alignment above 1 GiB is the step
    expect(zoomSnapStep(2n * GiB, 1, 12)).toBe(2n * GiB);
  });

  // 1 px = 16 MiB from 0x480000000
  const BASE = 0x480000000n;
  const PX = 16n * MiB;
  const toPx = (a: bigint) => Number(a - BASE) / Number(PX);
  const input = (raw: bigint, origin: bigint) => ({
    raw,
    origin,
    size: 4n * GiB,
    align: 2n * MiB,
    step: GiB,
    edges: [],
    toPx,
    edgePx: 6,
    jitterPx: 4,
  });

  it('small jitter keeps the address; the origin counts as a grid point', () => {
    const origin = 0x880200000n; // not a multiple of 1 GiB
    // 3 px right: jitter
    expect(snapDragAddress(input(origin + 3n * PX, origin))).toBe(origin);
    // 20 px right (320 MiB): the origin (320 MiB away) is nearer than the nearest GiB grid point, 0x880000000 (322 MiB)
    expect(snapDragAddress(input(origin + 20n * PX, origin))).toBe(origin);
    // 50 px right (800 MiB): 0x8c0000000 is 222 MiB away, the origin 800 MiB: the grid wins
    expect(snapDragAddress(input(origin + 50n * PX, origin))).toBe(0x8c0000000n);
  });

  it('edges win over the grid; one-sided edges only take the side they are for', () => {
    const origin = 0x1080000000n;
    const edgeAt = (addr: bigint, use?: 'start' | 'end') => ({ addr, px: toPx(addr), ...(use ? { use } : {}) });
    // the block's start 2 px from an edge at 0xc80400000 snaps onto it
    const raw = 0xc80400000n + 2n * PX;
    expect(snapDragAddress({ ...input(raw, origin), edges: [edgeAt(0xc80400000n)] })).toBe(0xc80400000n);
    // an 'end' edge does not take the block's start: the nearest GiB multiple, 0xc80000000 (50 GiB), is taken
    expect(snapDragAddress({ ...input(raw, origin), edges: [edgeAt(0xc80400000n, 'end')] })).toBe(0xc80000000n);
    // and takes its end: the end 2 px from 0xc7fe00000 → start = 0xc7fe00000 − 4 GiB
    const rawEnd = 0xc7fe00000n - 4n * GiB + 2n * PX;
    expect(snapDragAddress({ ...input(rawEnd, origin), edges: [edgeAt(0xc7fe00000n, 'end')] })).toBe(0xc7fe00000n - 4n * GiB);
  });
});
