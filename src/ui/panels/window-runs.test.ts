import { describe, expect, it } from 'vitest';
import { drawRuns, thinTicks } from './window-runs.ts';

describe('drawRuns', () => {
  const items = Array.from({ length: 1000 }, (_, i) => ({ x: i * 0.5, kind: i < 500 ? 'a' : 'b' }));
  const px = (it: { x: number }): [number, number] => [it.x, it.x + 0.5];
  it('draws every item of a small list on its own', () => {
    expect(drawRuns(items.slice(0, 10), px, (it) => it.kind)).toHaveLength(10);
  });
  it('merges touching slivers of one kind into runs of at most a few pixels, covering every item once', () => {
    const runs = drawRuns(items, px, (it) => it.kind);
    expect(runs.length).toBeLessThan(200);
    let next = 0;
    for (const r of runs) {
      expect(r.first).toBe(next);
      expect(r.x1 - r.x0).toBeLessThanOrEqual(8);
      expect(items[r.first]!.kind).toBe(items[r.last]!.kind);
      next = r.last + 1;
    }
    expect(next).toBe(items.length);
  });
  it('keeps the items asked for on their own', () => {
    const runs = drawRuns(items, px, (it) => it.kind, { keep: (_, i) => i === 321 });
    expect(runs.some((r) => r.first === 321 && r.last === 321)).toBe(true);
  });
});

describe('thinTicks', () => {
  it('keeps one tick per gap and the priority ones', () => {
    const ticks = Array.from({ length: 1000 }, (_, i) => ({ at: i * 0.1, priority: i === 999 ? 2 : 1 }));
    const out = thinTicks(ticks, 2);
    expect(out.length).toBeLessThan(60);
    expect(out.at(-1)!.at).toBeCloseTo(99.9);
  });
});
