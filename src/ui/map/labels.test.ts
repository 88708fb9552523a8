import { describe, expect, it } from 'vitest';
import { abbreviations, LABEL_PAD, placeLabels, type LabelBlock } from './labels.ts';

// every character 6 px wide
const width = (t: string) => t.length * 6;
const block = (key: string, x0: number, x1: number, lane = 0): LabelBlock => ({ key, lane, x0, x1, name: key, full: `${key} · 1 GiB` });

describe('block labels', () => {
  it('abbreviates the head and keeps a trailing number', () => {
    expect(abbreviations('hbm12')).toEqual(['h…12']);
    expect(abbreviations('dimm0')).toEqual(['di…0', 'd…0']);
    expect(abbreviations('accel')).toEqual(['acc…', 'ac…', 'a…']);
  });

  it('inside a wide block: name and size; narrower: the name, then an abbreviation', () => {
    // 'hbm12 · 1 GiB' is 13 characters: 78 px + 2 × 4 px padding
    const wide = placeLabels([block('hbm12', 0, 86)], 1000, width);
    expect(wide.get('hbm12')).toEqual({ text: 'hbm12 · 1 GiB', x: LABEL_PAD, outside: false });
    // 30 px of name + 8 px of padding (one pixel less: the full label no longer fits either)
    expect(placeLabels([block('hbm12', 100, 138)], 1000, width).get('hbm12')?.text).toBe('hbm12');
    expect(placeLabels([block('hbm12', 0, 85)], 1000, width).get('hbm12')?.text).toBe('hbm12');
    // 'h…12' is 24 px: fits in 32 px; the name (30 px) does not; a neighbour right after it leaves no room outside
    const narrow = placeLabels([block('hbm12', 100, 132), block('hbm13', 132, 400)], 1000, width);
    expect(narrow.get('hbm12')).toEqual({ text: 'h…12', x: 104, outside: false });
    // 22 px between two blocks: '…12' (18 px, 2 px padding)
    expect(placeLabels([block('hbm11', 0, 100), block('hbm12', 100, 122), block('hbm13', 122, 400)], 1000, width).get('hbm12')).toEqual({ text: '…12', x: 102, outside: false });
    // a name without a number: nothing shorter than 'a…'
    expect(placeLabels([block('b', 0, 100), block('accel', 100, 115), block('c', 115, 400)], 1000, width).has('accel')).toBe(false);
  });

  it('a sliver with free space beside it is labelled outside, right first, then left', () => {
    const right = placeLabels([block('a1', 100, 102), block('b1', 200, 300)], 1000, width);
    expect(right.get('a1')).toEqual({ text: 'a1', x: 105, outside: true });
    // no room right (b1 starts 10 px after), room left
    const left = placeLabels([block('a1', 100, 102), block('b1', 112, 300)], 1000, width);
    expect(left.get('a1')).toEqual({ text: 'a1', x: 100 - 3 - 12, outside: true });
    // beside it, abbreviated: 'hbm12' (30 px) fits neither in the 28 px before the next block nor after the one
    // before, 'h…12' (24 px) does
    const short = placeLabels([block('z', 0, 98), block('hbm12', 100, 102), block('b1', 133, 300)], 1000, width);
    expect(short.get('hbm12')).toEqual({ text: 'h…12', x: 105, outside: true });
    // 21 px: its number alone (18 px)
    const tail = placeLabels([block('z', 0, 98), block('hbm12', 100, 102), block('b1', 127, 300)], 1000, width);
    expect(tail.get('hbm12')).toEqual({ text: '…12', x: 105, outside: true });
  });

  it('48 blocks of mixed widths in two lanes: no two labels overlap, none covers another block, all inside the plot', () => {
    // widths 3, 20, 45, 90 px in turn, 2 px apart, a 40 px gap after every fifth
    const blocks: LabelBlock[] = [];
    const x = [0, 0];
    for (let i = 0; i < 48; i++) {
      const lane = i % 2;
      const w = [3, 20, 45, 90][i % 4]!;
      blocks.push(block(`hbm${i}`, x[lane]!, x[lane]! + w, lane));
      x[lane]! += w + (i % 5 === 4 ? 40 : 2);
    }
    const labels = placeLabels(blocks, 1000, width);
    const boxes = [...labels].map(([key, l]) => ({ key, lane: blocks.find((b) => b.key === key)!.lane, x0: l.x, x1: l.x + width(l.text) }));
    // every block of 45 px or more has a label inside it; some slivers have one beside them
    for (const b of blocks) if (b.x1 - b.x0 >= 45 && b.x1 <= 1000) expect(labels.get(b.key)?.outside).toBe(false);
    expect([...labels.values()].some((l) => l.outside)).toBe(true);
    for (const a of boxes) {
      expect(a.x0).toBeGreaterThanOrEqual(0);
      expect(a.x1).toBeLessThanOrEqual(1000);
      for (const b of boxes) if (a !== b && a.lane === b.lane) expect(a.x1 <= b.x0 || b.x1 <= a.x0).toBe(true);
      for (const b of blocks) if (b.key !== a.key && b.lane === a.lane) expect(a.x1 <= b.x0 || b.x1 <= a.x0).toBe(true);
    }
  });

  it('keeps clear of other shapes in the lane (RAM) and of the plot edge', () => {
    const labels = placeLabels([block('a1', 280, 282)], 295, width, [{ lane: 0, x0: 250, x1: 275 }]);
    // right: 285 + 12 > 295; left: 264 is inside the RAM range ending at 275
    expect(labels.has('a1')).toBe(false);
    // a block half off the plot is labelled in the part shown
    expect(placeLabels([block('hbm1', -50, 60)], 300, width).get('hbm1')).toEqual({ text: 'hbm1', x: LABEL_PAD, outside: false });
  });
});
