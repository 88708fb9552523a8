import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
// d3-scale stays installed (part of `d3`); the app no longer ships it, the test compares against it
import { scaleLinear } from 'd3-scale';
import { zoomIdentity } from 'd3-zoom';
import { linearScale } from './linear-scale.ts';

const finite = fc.double({ min: -1e12, max: 1e12, noNaN: true, noDefaultInfinity: true });

describe('linear scale', () => {
  it('maps the domain onto the range and back', () => {
    const s = linearScale([0, 10], [100, 200]);
    expect(s(0)).toBe(100);
    expect(s(5)).toBe(150);
    expect(s(10)).toBe(200);
    expect(s(20)).toBe(300);
    expect(s.invert(150)).toBe(5);
    expect(s.invert(300)).toBe(20);
    expect(s.domain()).toEqual([0, 10]);
    expect(s.range()).toEqual([100, 200]);
  });

  it('is set up fluently, as d3-scale is', () => {
    const s = linearScale().domain([2, 4]).range([0, 1]);
    expect(s(3)).toBe(0.5);
    expect(linearScale()(0.25)).toBe(0.25);
  });

  it('clamps input and inverted output to the domain when asked', () => {
    const s = linearScale([0, 10], [0, 100]).clamp(true);
    expect(s.clamp()).toBe(true);
    expect(s(-5)).toBe(0);
    expect(s(15)).toBe(100);
    expect(s.invert(-50)).toBe(0);
    expect(s.invert(150)).toBe(10);
    expect(s.clamp(false)(15)).toBe(150);
  });

  it('handles a descending domain or range and a one-point domain', () => {
    expect(linearScale([10, 0], [0, 100])(2)).toBe(80);
    expect(linearScale([0, 10], [100, 0])(2)).toBe(80);
    expect(linearScale([3, 3], [0, 100])(7)).toBe(50);
  });

  it('copies independently', () => {
    const a = linearScale([0, 1], [0, 10]);
    const b = a.copy().domain([0, 2]);
    expect(a(1)).toBe(10);
    expect(b(1)).toBe(5);
  });

  it('equals d3-scale bit for bit, forward, inverse and clamped', () => {
    fc.assert(
      fc.property(finite, finite, finite, finite, finite, fc.boolean(), (d0, d1, r0, r1, v, clamp) => {
        const ours = linearScale([d0, d1], [r0, r1]).clamp(clamp);
        const theirs = scaleLinear().domain([d0, d1]).range([r0, r1]).clamp(clamp);
        expect(Object.is(ours(v), theirs(v))).toBe(true);
        expect(Object.is(ours.invert(v), theirs.invert(v))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it("reproduces d3-zoom's rescaleX of the map's base scale", () => {
    fc.assert(
      fc.property(fc.double({ min: 100, max: 4000, noNaN: true }), fc.double({ min: 1, max: 1e9, noNaN: true }), finite, fc.double({ min: 0, max: 1, noNaN: true }), (plotW, k, x, u) => {
        const t = zoomIdentity.translate(x, 0).scale(k);
        const d3Zoomed = t.rescaleX(scaleLinear().domain([0, 1]).range([0, plotW]));
        const base = linearScale([0, 1], [0, plotW]);
        const ours = base.copy().domain([(0 - x) / k, (plotW - x) / k].map(base.invert) as [number, number]);
        expect(Object.is(ours(u), d3Zoomed(u))).toBe(true);
        expect(Object.is(ours.invert(u * plotW), d3Zoomed.invert(u * plotW))).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});
