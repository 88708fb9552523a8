/**
 * Which blocks of a large design the map draws. Thousands of devices over a thousand pixels are slivers drawn two
 * pixels wide on top of one another: in each lane and for each kind of device, the map draws one sliver per few
 * pixels of a run, each drawn as far as the slivers it stands for reach (and every block wider than a sliver), so
 * a dense run paints the same pixels with one element per few pixels instead of several per pixel. The blocks the user works with (selected,
 * highlighted, dragged) are always drawn, and so are the first and last of each lane's kind; zooming in draws
 * every block again as it widens.
 *
 * Small designs are drawn whole: up to `threshold` devices nothing is left out.
 */
import type { DeviceBlock } from './map-model.ts';

/** the width a sliver is drawn at (MemoryBlock: `Math.max(2, x1 - x0)`) */
export const SLIVER_PX = 2;

export interface CullOptions {
  /** draw every block of designs with up to this many devices */
  threshold?: number;
  /** always drawn (option indices): the selection, the highlighted blocks, the dragged block */
  keep?: ReadonlySet<number>;
}

const groupKey = (b: DeviceBlock): string => `${b.node}/${b.driver}`;
const inGroupOrder = (a: DeviceBlock, b: DeviceBlock): number => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.optionIndex - b.optionIndex);

function groupAll(blocks: readonly DeviceBlock[]): Map<string, DeviceBlock[]> {
  const groups = new Map<string, DeviceBlock[]>();
  for (const b of blocks) {
    const k = groupKey(b);
    let g = groups.get(k);
    if (!g) groups.set(k, (g = []));
    g.push(b);
  }
  for (const g of groups.values()) g.sort(inGroupOrder);
  return groups;
}

/** Most blocks an edit may change for the groups to be patched rather than made again. */
const PATCH_AT_MOST = 16;

/**
 * The last grouping. After an edit the client keeps the very objects of unchanged devices' blocks, so the blocks
 * that differ are found by identity; when they are few, only their groups are made again (a large design's
 * edit changes one or two of thousands).
 */
let last: { blocks: readonly DeviceBlock[]; groups: Map<string, DeviceBlock[]> } | null = null;

function patchGroups(prev: NonNullable<typeof last>, blocks: readonly DeviceBlock[]): Map<string, DeviceBlock[]> | null {
  if (prev.blocks.length !== blocks.length) return null;
  const changed: number[] = [];
  for (let i = 0; i < blocks.length; i++) {
    if (prev.blocks[i] !== blocks[i] && changed.push(i) > PATCH_AT_MOST) return null;
  }
  if (changed.length === 0) return prev.groups;
  const groups = new Map(prev.groups);
  const own = new Set<string>();
  const editable = (k: string): DeviceBlock[] | null => {
    const g = groups.get(k);
    if (!g) return null;
    if (!own.has(k)) {
      own.add(k);
      groups.set(k, g.slice());
    }
    return groups.get(k)!;
  };
  for (const i of changed) {
    const old = prev.blocks[i]!;
    const g = editable(groupKey(old));
    const at = g ? g.indexOf(old) : -1;
    if (!g || at < 0) return null;
    g.splice(at, 1);
  }
  for (const i of changed) {
    const b = blocks[i]!;
    // (a lane or kind no block had before: grouped again from scratch)
    const g = editable(groupKey(b));
    if (!g) return null;
    let lo = 0;
    let hi = g.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (inGroupOrder(g[mid]!, b) < 0) lo = mid + 1;
      else hi = mid;
    }
    g.splice(lo, 0, b);
  }
  for (const g of groups.values()) if (g.length === 0) return null;
  return groups;
}

/** Blocks by lane and kind, each group in address order (computed once per model; patched after a small edit). */
export function groupBlocks(blocks: readonly DeviceBlock[]): DeviceBlock[][] {
  const groups = (last && patchGroups(last, blocks)) ?? groupAll(blocks);
  last = { blocks, groups };
  return [...groups.values()];
}

/** How wide (px) one drawn sliver may grow to stand for the slivers after it. */
export const RUN_PX = 8;

export interface VisibleBlocks {
  /** the blocks to draw, in the order given */
  blocks: readonly DeviceBlock[];
  /**
   * For a sliver drawn for the slivers that follow it: where its drawing ends (plot px), so that it covers what
   * they would have covered. Option index → px.
   */
  drawTo: ReadonlyMap<number, number>;
}

const NONE: ReadonlyMap<number, number> = new Map();

/**
 * Where each block lies on a scale (unclamped px), per scale function: after an edit the blocks it leaves alone
 * are the same objects as before, and the scale is the same unless an address moved, so they are not placed again.
 */
const spans = new WeakMap<(addr: bigint) => number, WeakMap<DeviceBlock, [number, number]>>();

/** Where a block lies on the scale `toPx` (unclamped px: start, end), remembered per scale and block. */
export function blockSpan(toPx: (addr: bigint) => number, b: DeviceBlock): readonly [number, number] {
  let placed = spans.get(toPx);
  if (!placed) spans.set(toPx, (placed = new WeakMap()));
  let at = placed.get(b);
  if (!at) placed.set(b, (at = [toPx(b.start), toPx(b.end)]));
  return at;
}

/**
 * The blocks to draw. `toPx` is the scale (address → plot pixel), `plotW` the plot's width; off-plot blocks are
 * drawn clamped to its edges (MemoryBlock), where they pile up like slivers. In each group (lane and kind), a run
 * of touching or overlapping slivers is drawn as one sliver per `RUN_PX` pixels, each drawn up to where the
 * slivers it stands for end: the same pixels, painted by a fraction of the elements.
 */
export function visibleBlocks(
  blocks: readonly DeviceBlock[],
  groups: readonly DeviceBlock[][],
  toPx: (addr: bigint) => number,
  plotW: number,
  { threshold = 512, keep }: CullOptions = {},
): VisibleBlocks {
  if (blocks.length <= threshold) return { blocks, drawTo: NONE };
  const shown = new Set<DeviceBlock>();
  const drawTo = new Map<number, number>();
  const clamp = (x: number) => Math.min(Math.max(x, -4), plotW + 4);
  for (const g of groups) {
    // the sliver standing for the run so far: where it starts and where the run's slivers end
    let run: { b: DeviceBlock; x0: number; natural: number; end: number } | null = null;
    const close = () => {
      if (run && run.end > run.natural + 0.01) drawTo.set(run.b.optionIndex, run.end);
      run = null;
    };
    g.forEach((b, i) => {
      const at = blockSpan(toPx, b);
      const x0 = clamp(at[0]);
      const x1 = clamp(at[1]);
      const end = Math.max(x1, x0 + SLIVER_PX);
      // (the first and last block of a lane's kind are always drawn: the run's ends are exact)
      const sliver = x1 - x0 < SLIVER_PX && !keep?.has(b.optionIndex) && i !== g.length - 1;
      const r = run as { b: DeviceBlock; x0: number; natural: number; end: number } | null;
      if (sliver && r && x0 <= r.end && end - r.x0 <= RUN_PX) {
        if (end > r.end) r.end = end;
        return;
      }
      close();
      shown.add(b);
      if (sliver) run = { b, x0, natural: end, end };
    });
    close();
  }
  return { blocks: blocks.filter((b) => shown.has(b)), drawTo };
}
