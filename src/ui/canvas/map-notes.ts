/**
 * What the map says beside the store's drag and notice: the drag's snapping step and axis lock, and the last
 * refused drop (in plain words, the blocks it collided with, the nearest valid spot). A small observable the drag
 * gesture writes and the status line, the blocks layer and the drag layer read; a refusal belongs to one notice
 * and is shown only while that notice is.
 */
import { useSyncExternalStore } from 'react';
import type { ConfigDocument } from '../../core/document/index.ts';
import { deviceKey } from '../map/map-model.ts';
import { explainRefusal, nearestFreeSpot, type PlacedRange, type RefusalWords } from '../map/placement.ts';

export interface DragNotes {
  /** the snapping step at the current zoom */
  step: bigint;
  /** Shift holds the drag to one direction: along the axis (lane kept) or across lanes (address kept) */
  lock: 'axis' | 'lane' | null;
}

export interface Refusal {
  /** the notice this refusal explains */
  noticeId: number;
  optionIndex: number;
  blockKey: string;
  /** plain words first */
  words: RefusalWords;
  /** QEMU's own message */
  qemu: string;
  /** the nearest spot QEMU accepts (checked), offered as a one-click move */
  nearest: { addr: bigint; node: number } | null;
  /** the document the drop was refused on */
  doc: ConfigDocument;
  /** where the block was (and stays) */
  origin: { addr: bigint; node: number };
}

interface Notes {
  drag: DragNotes | null;
  refusal: Refusal | null;
}

let notes: Notes = { drag: null, refusal: null };
const listeners = new Set<() => void>();

function set(next: Partial<Notes>): void {
  notes = { ...notes, ...next };
  for (const l of listeners) l();
}

export const mapNotes = {
  get: (): Notes => notes,
  setDrag(drag: DragNotes | null): void {
    const d = notes.drag;
    if (d === drag || (d && drag && d.step === drag.step && d.lock === drag.lock)) return;
    set({ drag });
  },
  setRefusal(refusal: Refusal | null): void {
    if (notes.refusal === refusal) return;
    set({ refusal });
  },
  subscribe(l: () => void): () => void {
    listeners.add(l);
    return () => listeners.delete(l);
  },
};

export function useMapNotes(): Notes {
  return useSyncExternalStore(mapNotes.subscribe, mapNotes.get, mapNotes.get);
}

/** The devices other than `optionIndex`, as ranges. */
export function otherRanges(
  devices: ReadonlyArray<{ optionIndex: number; id: string | null; driver: string; addr: bigint; size: bigint }>,
  optionIndex: number,
): PlacedRange[] {
  const out: PlacedRange[] = [];
  for (const d of devices) if (d.optionIndex !== optionIndex) out.push({ key: deviceKey(d), driver: d.driver, start: d.addr, end: d.addr + d.size });
  return out;
}

export interface RefusedCandidate {
  name: string;
  driver: string;
  addr: bigint;
  size: bigint;
  align: bigint;
  node: number;
  originNode: number;
  axisMoved: boolean;
}

/** A refused candidate in plain words, and the nearest free spot of the window to it (not yet checked with QEMU). */
export function describeRefusal(
  c: RefusedCandidate,
  window: { start: bigint; end: bigint } | null,
  others: readonly PlacedRange[],
): { words: RefusalWords; nearest: bigint | null } {
  const w = window ?? { start: 0n, end: 0n };
  const words = explainRefusal(
    c.name,
    { start: c.addr, end: c.addr + c.size, node: c.node, addrChanged: c.axisMoved },
    { window: w, others, align: c.align },
    { origin: c.originNode },
  );
  const nearest = window
    ? nearestFreeSpot({ window, others, size: c.size, align: c.align, spMem: c.driver === 'sp-mem', gap: spGap(c.align) }, c.addr)
    : null;
  return { words, nearest };
}

/** The gap kept between two sp-mem ranges (Linux merges SOFT_RESERVED ranges that touch): one alignment step, at least 2 MiB. */
export function spGap(align: bigint): bigint {
  const twoMiB = 2n << 20n;
  return align > twoMiB ? align : twoMiB;
}
