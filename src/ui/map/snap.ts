/**
 * Address snapping for drags and keyboard moves. QEMU refuses an `addr=` that is not a multiple of the device's
 * alignment ("address must be aligned to 0x… bytes"), so the designer only ever proposes aligned addresses.
 */
import { GiB } from '../../core/base/index.ts';

/** The multiple of `align` nearest to `addr` (ties go up), never below 0. */
export function snapToAlign(addr: bigint, align: bigint): bigint {
  if (align <= 1n) return addr < 0n ? 0n : addr;
  if (addr <= 0n) return 0n;
  const down = (addr / align) * align;
  const rest = addr - down;
  return rest * 2n >= align ? down + align : down;
}

/** Round down to a multiple of `align`. */
export function alignDown(addr: bigint, align: bigint): bigint {
  if (align <= 1n) return addr;
  return (addr / align) * align;
}

/**
 * The step of a keyboard move: one alignment step, or with `big` the larger of 1 GiB and the alignment, rounded
 * to a multiple of the alignment.
 */
export function keyboardStep(align: bigint, big: boolean): bigint {
  const a = align > 0n ? align : 1n;
  if (!big) return a;
  if (a >= GiB) return a;
  return ((GiB + a - 1n) / a) * a;
}

/**
 * The address after a keyboard move in `direction` (−1 or +1) from `addr`. Moving right goes one step past the
 * aligned address at or below `addr`; moving left from an unaligned address first lands on that aligned address.
 * Every result is aligned and never below 0.
 */
export function stepAddress(addr: bigint, align: bigint, direction: -1 | 1, big: boolean): bigint {
  const step = keyboardStep(align, big);
  const a = align > 0n ? align : 1n;
  const base = alignDown(addr, a);
  let next: bigint;
  if (direction > 0) next = base + step;
  else next = base === addr ? base - step : base;
  if (next < 0n) return 0n;
  return next;
}

/** An edge a dragged block can snap to, with its position on screen (computed once per drag). */
export interface SnapEdge {
  addr: bigint;
  px: number;
}

/**
 * Where a dragged block's start lands: on an edge of another block or of the window when its start or end comes
 * within `thresholdPx` of one (so blocks can be put end to end), else on the nearest aligned address. Edge
 * positions that are not aligned are rounded up to the alignment.
 */
export function snapWithEdges(
  raw: bigint,
  size: bigint,
  align: bigint,
  edges: readonly SnapEdge[],
  toPx: (addr: bigint) => number,
  thresholdPx: number,
): bigint {
  const rawPx = toPx(raw);
  const rawEndPx = toPx(raw + size);
  let best: bigint | null = null;
  let bestDist = thresholdPx;
  for (const e of edges) {
    // the block's start on the edge, or its end on the edge
    const dStart = Math.abs(e.px - rawPx);
    if (dStart <= bestDist) {
      best = e.addr;
      bestDist = dStart;
    }
    const dEnd = Math.abs(e.px - rawEndPx);
    if (dEnd <= bestDist && e.addr >= size) {
      best = e.addr - size;
      bestDist = dEnd;
    }
  }
  if (best === null) return snapToAlign(raw, align);
  const a = align > 0n ? align : 1n;
  return ((best + a - 1n) / a) * a;
}
