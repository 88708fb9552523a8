/**
 * Drawing a crowded hotplug window: thousands of parts (or SRAT entries) over a few hundred pixels are slivers
 * drawn on top of one another. Like the map (src/ui/map/block-cull.ts), a run of touching slivers of one kind is
 * drawn as one element per few pixels, standing for the items it covers; items wider than a sliver, and the ones
 * the user works with (`keep`), are drawn on their own. Up to `threshold` items, every item is its own run.
 */

/** a part narrower than this (px) is a sliver */
export const RUN_SLIVER_PX = 2;
/** how wide (px) one drawn run may grow */
export const RUN_MAX_PX = 8;

export interface DrawRun {
  /** the first and last item it stands for (indices, inclusive) */
  first: number;
  last: number;
  /** drawn from / to (px) */
  x0: number;
  x1: number;
}

export function drawRuns<T>(
  items: readonly T[],
  px: (item: T) => [number, number],
  kind: (item: T) => string,
  { threshold = 256, keep }: { threshold?: number; keep?: (item: T, i: number) => boolean } = {},
): DrawRun[] {
  const out: DrawRun[] = [];
  let run: (DrawRun & { kind: string }) | null = null;
  const crowded = items.length > threshold;
  // (an indexed loop: this runs over thousands of items on every edit)
  for (let i = 0; i < items.length; i++) {
    const it = items[i]!;
    const span = px(it);
    const x0 = span[0];
    const x1 = span[1];
    const sliver = crowded && x1 - x0 < RUN_SLIVER_PX && !keep?.(it, i);
    const k = kind(it);
    if (sliver && run && run.kind === k && x0 <= run.x1 + 0.5 && Math.max(x1, run.x1) - run.x0 <= RUN_MAX_PX) {
      run.last = i;
      if (x1 > run.x1) run.x1 = x1;
      continue;
    }
    if (run) out.push({ first: run.first, last: run.last, x0: run.x0, x1: run.x1 });
    run = null;
    if (sliver) run = { first: i, last: i, x0, x1, kind: k };
    else out.push({ first: i, last: i, x0, x1 });
  }
  if (run) out.push({ first: run.first, last: run.last, x0: run.x0, x1: run.x1 });
  return out;
}

/** The tick positions to draw: at most one per `minGapPx` pixels (the first of each), base and end always. */
export function thinTicks<T extends { at: number; priority: number }>(items: readonly T[], minGapPx: number, threshold = 256): T[] {
  if (items.length <= threshold) return [...items];
  const sorted = [...items].sort((a, b) => a.at - b.at);
  const out: T[] = [];
  let last = -Infinity;
  for (const t of sorted) {
    if (t.priority > 1 || t.at - last >= minGapPx) {
      out.push(t);
      last = t.at;
    }
  }
  return out;
}
