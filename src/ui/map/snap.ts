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
  /** only the block's start (or only its end) snaps to this edge; both when absent */
  use?: 'start' | 'end';
}

/**
 * The edge a dragged block's start snaps to when its start or end comes within `thresholdPx` of one (so blocks
 * can be put end to end), rounded up to the alignment; null when no edge is that close.
 */
export function edgeSnap(
  raw: bigint,
  size: bigint,
  align: bigint,
  edges: readonly SnapEdge[],
  toPx: (addr: bigint) => number,
  thresholdPx: number,
): bigint | null {
  const rawPx = toPx(raw);
  const rawEndPx = toPx(raw + size);
  let best: bigint | null = null;
  let bestDist = thresholdPx;
  for (const e of edges) {
    // the block's start on the edge, or its end on the edge
    const dStart = e.use === 'end' ? Infinity : Math.abs(e.px - rawPx);
    if (dStart <= bestDist) {
      best = e.addr;
      bestDist = dStart;
    }
    const dEnd = e.use === 'start' ? Infinity : Math.abs(e.px - rawEndPx);
    if (dEnd <= bestDist && e.addr >= size) {
      best = e.addr - size;
      bestDist = dEnd;
    }
  }
  if (best === null) return null;
  const a = align > 0n ? align : 1n;
  return ((best + a - 1n) / a) * a;
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
  return edgeSnap(raw, size, align, edges, toPx, thresholdPx) ?? snapToAlign(raw, align);
}

/**
 * The snapping step of a drag at the current zoom: the smallest power-of-two multiple of the alignment that is at
 * least `minPx` wide where the pointer is (`bytesPerPx` there), but never more than 1 GiB (or the alignment, when
 * that is larger). At the overview a step is 1 GiB; zoomed in it shrinks down to the alignment.
 */
export function zoomSnapStep(align: bigint, bytesPerPx: number, minPx: number): bigint {
  const a = align > 0n ? align : 1n;
  const cap = a >= GiB ? a : GiB;
  const wanted = bytesPerPx * minPx;
  let step = a;
  while (step < cap && Number(step) < wanted) step *= 2n;
  return step > cap ? cap : step;
}

export interface DragSnapInput {
  /** the address under the dragged block's start, unsnapped */
  raw: bigint;
  /** where the block was when the drag started */
  origin: bigint;
  size: bigint;
  align: bigint;
  /** the zoom's snapping step (zoomSnapStep), a multiple of `align` */
  step: bigint;
  edges: readonly SnapEdge[];
  toPx: (addr: bigint) => number;
  /** edge snapping distance (px) */
  edgePx: number;
  /** a movement of less than this (px) from the origin is jitter: the block stays where it was */
  jitterPx: number;
}

/**
 * Where a dragged block's start lands. Jitter (less than `jitterPx` from where it started) keeps the block's own
 * address; near another block's or the window's edge it snaps to that edge; else to the nearest multiple of the
 * zoom's step, where the block's own address counts as one more grid point (so moving back and forth near it
 * never changes `addr=`). Every result other than the origin is aligned.
 */
export function snapDragAddress(i: DragSnapInput): bigint {
  const rawPx = i.toPx(i.raw);
  const originPx = i.toPx(i.origin);
  if (Math.abs(rawPx - originPx) < i.jitterPx) return i.origin;
  const onEdge = edgeSnap(i.raw, i.size, i.align, i.edges, i.toPx, i.edgePx);
  if (onEdge !== null) return onEdge;
  const step = i.step > 0n ? i.step : 1n;
  const grid = snapToAlign(i.raw, step);
  if (Math.abs(originPx - rawPx) <= Math.abs(i.toPx(grid) - rawPx)) return i.origin;
  return grid;
}
