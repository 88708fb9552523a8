import { describe, expect, it } from 'vitest';
import { groupBlocks, RUN_PX, SLIVER_PX, visibleBlocks } from './block-cull.ts';
import type { DeviceBlock } from './map-model.ts';

const GiB = 1n << 30n;

function block(i: number, node: number, startGiB: bigint, driver: DeviceBlock['driver'] = 'sp-mem'): DeviceBlock {
  const start = startGiB * GiB;
  return { optionIndex: i, id: `b${i}`, key: `b${i}`, driver, node, start, end: start + GiB, size: GiB, backendSize: GiB, memdev: `m${i}`, align: GiB, explicitAddr: false, slot: null };
}

/** `n` 1 GiB blocks in a row on `lanes` lanes (round robin), over a plot where 1 GiB is `pxPerGiB` pixels */
function run(n: number, lanes: number, pxPerGiB: number) {
  const blocks = Array.from({ length: n }, (_, i) => block(i, i % lanes, BigInt(i)));
  const toPx = (a: bigint) => (Number(a / (GiB / 1024n)) / 1024) * pxPerGiB;
  return { blocks, toPx };
}

/** The pixels a set of blocks paints in one lane: [start, end) intervals merged. */
function painted(bs: readonly DeviceBlock[], toPx: (a: bigint) => number, drawTo: ReadonlyMap<number, number>): Array<[number, number]> {
  const iv = bs
    .map((b) => [toPx(b.start), drawTo.get(b.optionIndex) ?? Math.max(toPx(b.end), toPx(b.start) + SLIVER_PX)] as [number, number])
    .sort((a, b) => a[0] - b[0]);
  const out: Array<[number, number]> = [];
  for (const [a, b] of iv) {
    const last = out.at(-1);
    if (last && a <= last[1] + 1e-9) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

describe('which blocks of a large design are drawn', () => {
  it('draws every block of a small design, and every wide block of a large one', () => {
    const small = run(300, 2, 0.1);
    expect(visibleBlocks(small.blocks, groupBlocks(small.blocks), small.toPx, 1000).blocks).toBe(small.blocks);
    const wide = run(2000, 4, 3);
    const v = visibleBlocks(wide.blocks, groupBlocks(wide.blocks), wide.toPx, 1e9);
    expect(v.blocks).toHaveLength(2000);
    expect(v.drawTo.size).toBe(0);
  });

  it('draws a dense run of slivers as one element per few pixels, painting exactly the same pixels', () => {
    // 5,000 blocks on 4 lanes over 1,000 pixels: 0.2 px each, 1,250 per lane, 0.8 px apart in a lane
    const { blocks, toPx } = run(5000, 4, 0.2);
    const v = visibleBlocks(blocks, groupBlocks(blocks), toPx, 1000);
    expect(v.blocks.length).toBeLessThanOrEqual(4 * Math.ceil(1000 / (RUN_PX - SLIVER_PX)) + 4);
    expect(v.blocks.length).toBeLessThan(2100);
    for (let lane = 0; lane < 4; lane++) {
      const all = blocks.filter((b) => b.node === lane);
      const drawn = v.blocks.filter((b) => b.node === lane);
      expect(painted(drawn, toPx, v.drawTo)).toEqual(painted(all, toPx, new Map()));
    }
    // in the order given
    expect(v.blocks.map((b) => b.optionIndex)).toEqual([...v.blocks.map((b) => b.optionIndex)].sort((x, y) => x - y));
  });

  it('always draws the blocks the user works with, at their own size', () => {
    const { blocks, toPx } = run(5000, 4, 0.2);
    const v = visibleBlocks(blocks, groupBlocks(blocks), toPx, 1000, { keep: new Set([101, 4001]) });
    expect(v.blocks.some((b) => b.optionIndex === 101)).toBe(true);
    expect(v.blocks.some((b) => b.optionIndex === 4001)).toBe(true);
    expect(v.drawTo.has(101)).toBe(false);
    for (let lane = 0; lane < 4; lane++) {
      expect(painted(v.blocks.filter((b) => b.node === lane), toPx, v.drawTo)).toEqual(painted(blocks.filter((b) => b.node === lane), toPx, new Map()));
    }
  });

  it('keeps each kind of device visible in a lane', () => {
    const blocks = Array.from({ length: 1000 }, (_, i) => block(i, 0, BigInt(i), i % 2 ? 'pc-dimm' : 'sp-mem'));
    const toPx = (a: bigint) => Number(a / GiB) * 0.1;
    const v = visibleBlocks(blocks, groupBlocks(blocks), toPx, 1000);
    expect(new Set(v.blocks.map((b) => b.driver))).toEqual(new Set(['sp-mem', 'pc-dimm']));
  });

  it('draws blocks off the plot, piled at its edges, as one', () => {
    const { blocks, toPx } = run(1000, 1, 10);
    // the plot shows 0 – 100 px: blocks 10 and up are off to the right, all clamped to 104
    const v = visibleBlocks(blocks, groupBlocks(blocks), toPx, 100);
    expect(v.blocks.length).toBeLessThanOrEqual(13);
  });
});

describe('the ends of a run', () => {
  it('the first and the last block of each lane and kind are drawn', () => {
    const { blocks, toPx } = run(5000, 4, 0.2);
    const v = visibleBlocks(blocks, groupBlocks(blocks), toPx, 1000);
    for (let lane = 0; lane < 4; lane++) {
      const all = blocks.filter((b) => b.node === lane);
      expect(v.blocks).toContain(all[0]);
      expect(v.blocks).toContain(all.at(-1));
    }
  });
});

describe('groups after small edits', () => {
  /** the grouping written out: by lane and kind, each group by address then option index */
  function expectedGroups(bs: readonly DeviceBlock[]): string[] {
    const by = new Map<string, DeviceBlock[]>();
    for (const b of bs) {
      const k = `${b.node}/${b.driver}`;
      by.set(k, [...(by.get(k) ?? []), b]);
    }
    return [...by.entries()]
      .map(([k, g]) => `${k}: ${[...g].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.optionIndex - b.optionIndex)).map((b) => b.key).join(',')}`)
      .sort();
  }
  const shown = (gs: DeviceBlock[][]) => gs.map((g) => `${g[0]!.node}/${g[0]!.driver}: ${g.map((b) => b.key).join(',')}`).sort();

  it('equal the grouping made from scratch, edit after edit (lane moves, address moves, kinds, a lane emptied)', () => {
    let bs: DeviceBlock[] = Array.from({ length: 60 }, (_, i) => block(i, i % 3, BigInt(i * 2), i % 7 === 0 ? 'pc-dimm' : 'sp-mem'));
    expect(shown(groupBlocks(bs))).toEqual(expectedGroups(bs));
    // a deterministic walk: each step changes one or two blocks (new objects), as an edit does
    let seed = 7;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648) % n);
    for (let step = 0; step < 200; step++) {
      bs = bs.slice();
      for (let k = 0; k <= step % 2; k++) {
        const i = rnd(bs.length);
        const b = bs[i]!;
        const start = step % 3 === 0 ? BigInt(rnd(200)) * GiB : b.start;
        bs[i] = { ...b, node: step % 3 === 0 ? b.node : rnd(4), start, end: start + GiB };
      }
      expect(shown(groupBlocks(bs))).toEqual(expectedGroups(bs));
    }
    // an unchanged list: the same groups
    expect(shown(groupBlocks(bs))).toEqual(expectedGroups(bs));
  });
});
