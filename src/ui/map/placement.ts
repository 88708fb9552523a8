/**
 * Where a memory device can go in the hotplug window, as the map sees it: the nearest free, aligned spot to a
 * refused drop, the first spot for a new sp-mem that keeps the gap Linux needs, and a refusal said in plain words.
 *
 * QEMU places memory devices in the window without overlap, each at a multiple of its alignment
 * (hw/mem/memory-device.c). Linux merges E820 SOFT_RESERVED ranges that touch, so two sp-mem ranges stay apart by
 * at least `gap` bytes to remain two ranges (two dax devices) in the guest.
 */
import { hexAddr } from './ticks.ts';

export interface PlacedRange {
  /** the block's key (device id or #option index) */
  key: string;
  driver: string;
  start: bigint;
  /** exclusive */
  end: bigint;
}

export interface SpotQuery {
  window: { start: bigint; end: bigint };
  /** the other devices, where they are */
  others: readonly PlacedRange[];
  size: bigint;
  align: bigint;
  /** the block is an sp-mem: it keeps `gap` bytes from every other sp-mem */
  spMem: boolean;
  gap: bigint;
}

const alignUp = (v: bigint, a: bigint): bigint => ((v + a - 1n) / a) * a;
const alignDown = (v: bigint, a: bigint): bigint => (v / a) * a;

/** The spans of valid start addresses: [lo, hi] inclusive, each a multiple of the alignment, in address order. */
export function validStarts(q: SpotQuery): Array<[bigint, bigint]> {
  const a = q.align > 0n ? q.align : 1n;
  const taken = q.others
    .map((o) => (q.spMem && o.driver === 'sp-mem' ? { start: o.start - q.gap, end: o.end + q.gap } : { start: o.start, end: o.end }))
    .sort((x, y) => (x.start < y.start ? -1 : x.start > y.start ? 1 : 0));
  const out: Array<[bigint, bigint]> = [];
  let cursor = q.window.start;
  const push = (f0: bigint, f1: bigint) => {
    const lo = alignUp(f0, a);
    const hi = alignDown(f1 - q.size, a);
    if (f1 - f0 >= q.size && lo <= hi) out.push([lo, hi]);
  };
  for (const t of taken) {
    if (t.end <= cursor) continue;
    if (t.start >= q.window.end) break;
    if (t.start > cursor) push(cursor, t.start);
    cursor = t.end;
  }
  if (cursor < q.window.end) push(cursor, q.window.end);
  return out;
}

/** The valid start address nearest to `want` (ties go to the lower one), or null when the block fits nowhere. */
export function nearestFreeSpot(q: SpotQuery, want: bigint): bigint | null {
  const a = q.align > 0n ? q.align : 1n;
  let best: bigint | null = null;
  let bestDist = 0n;
  for (const [lo, hi] of validStarts(q)) {
    let c = want <= lo ? lo : want >= hi ? hi : alignDown(want, a);
    // the aligned address above may be nearer
    if (c < hi && c + a - want < want - c) c += a;
    const d = c > want ? c - want : want - c;
    if (best === null || d < bestDist) {
      best = c;
      bestDist = d;
    }
  }
  return best;
}

/**
 * The first spot of the window for a new device (QEMU's first fit, but an sp-mem keeps `gap` bytes from every
 * other sp-mem so that Linux does not merge the two ranges), or null when it fits nowhere.
 */
export function spacedFirstFit(q: SpotQuery): bigint | null {
  const spans = validStarts(q);
  return spans.length ? spans[0]![0] : null;
}

export interface RefusalWords {
  /** the plain-words sentence */
  text: string;
  /** keys of the blocks the candidate collides with */
  conflicts: string[];
}

const range = (start: bigint, end: bigint): string => `[${hexAddr(start)}–${hexAddr(end - 1n)}]`;

/**
 * What a refused drop means, in plain words: that it would leave the hotplug window (QEMU checks that first), the
 * blocks it would overlap (each with its range), or that it would miss its alignment. When none of these explains
 * QEMU's refusal, it says so and leaves the reason to QEMU's own text.
 */
export function explainRefusal(
  name: string,
  candidate: { start: bigint; end: bigint; node: number; addrChanged: boolean },
  q: Pick<SpotQuery, 'window' | 'others' | 'align'>,
  nodeNames?: { origin: number },
): RefusalWords {
  if (candidate.addrChanged && (candidate.start < q.window.start || candidate.end > q.window.end)) {
    return {
      text: `${name} ${range(candidate.start, candidate.end)} would not lie inside the hotplug window ${range(q.window.start, q.window.end)}`,
      conflicts: q.others.filter((o) => o.start < candidate.end && candidate.start < o.end).map((o) => o.key),
    };
  }
  const overl = q.others.filter((o) => o.start < candidate.end && candidate.start < o.end);
  if (overl.length) {
    const shown = overl.slice(0, 2).map((o) => `${o.key} ${range(o.start, o.end)}`);
    const more = overl.length > 2 ? ` and ${overl.length - 2} more` : '';
    return { text: `${name} would overlap ${shown.join(' and ')}${more}`, conflicts: overl.map((o) => o.key) };
  }
  if (candidate.addrChanged && q.align > 1n && candidate.start % q.align !== 0n) {
    return { text: `${name} at ${hexAddr(candidate.start)} would not be aligned to ${hexAddr(q.align)}`, conflicts: [] };
  }
  const where = candidate.addrChanged ? ` at ${range(candidate.start, candidate.end)}` : '';
  const node = nodeNames && nodeNames.origin !== candidate.node ? ` on node ${candidate.node}` : '';
  return { text: `QEMU refuses ${name}${where}${node}`, conflicts: [] };
}
