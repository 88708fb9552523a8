/**
 * The address axis: exact hex labels at region and range boundaries and, inside each linear piece, at
 * power-of-two steps, each with the address as a GiB offset beneath it; break marks where the bytes-per-pixel
 * density changes (the piecewise scale says so).
 */
import { memo, useMemo } from 'react';
import type { MapModel } from '../map/map-model.ts';
import { computeBoundaryTicks, computeSegmentTicks, gibOffset, hexAddr, pickLabels } from '../map/ticks.ts';
import { AXIS_GIB_Y, AXIS_LABEL_Y, AXIS_Y, LANES_TOP, type MapScale } from './geometry.ts';

const CHAR_W = 6.3;
/** the GiB line's characters (a smaller font) */
const GIB_CHAR_W = 5.4;
const TICK_SPACING = 118;

interface Props {
  scale: MapScale;
  model: MapModel;
  lanesBottom: number;
}

/** One tick per pixel column: thousands of boundaries that fall on a few hundred pixels draw the same marks. */
function onePerPixel<T extends { x: number }>(ticks: readonly T[]): T[] {
  const out: T[] = [];
  let last = -Infinity;
  for (const t of ticks) {
    if (Math.round(t.x) === last) continue;
    last = Math.round(t.x);
    out.push(t);
  }
  return out;
}

/** An address's label: its two lines and their width, made once per address (a large design has thousands). */
const labelCache = new Map<bigint, { text: string; gib: string; width: number }>();
function labelOf(addr: bigint): { text: string; gib: string; width: number } {
  let l = labelCache.get(addr);
  if (!l) {
    if (labelCache.size >= 50_000) labelCache.clear();
    const text = hexAddr(addr);
    const gib = gibOffset(addr);
    l = { text, gib, width: Math.max(text.length * CHAR_W, gib.length * GIB_CHAR_W) + 4 };
    labelCache.set(addr, l);
  }
  return l;
}

export const AddressAxis = memo(function AddressAxis({ scale, model, lanesBottom }: Props) {
  const { seg, plotW, uToPx } = scale;
  // the axis depends on the model only through its regions: an edit that keeps them keeps the axis
  const regionKey = model.regions.map((r) => `${r.start}`).join(',');
  const view = useMemo(() => {
    const regionStarts = new Set<bigint>();
    for (const r of model.regions) regionStarts.add(r.start);
    const bounds = computeBoundaryTicks(seg, uToPx, 0, plotW);
    const inner = computeSegmentTicks({ scale: seg, toPx: uToPx, pxStart: 0, pxEnd: plotW, minSpacingPx: TICK_SPACING });
    const labelItems = [
      ...bounds.map((t) => ({ ...t, priority: regionStarts.has(t.addr) || t.addr === seg.domainEnd ? 3 : 2 })),
      ...inner.map((t) => ({ ...t, priority: 1 })),
    ].map((t) => ({ ...t, ...labelOf(t.addr) }));
    // keep labels inside the plot
    const labels = pickLabels(
      labelItems.map((l) => ({ ...l, x: Math.min(Math.max(l.x, l.width / 2), plotW - l.width / 2), tickX: l.x })),
    );
    // breaks: boundaries where the density of the two neighbouring pieces differs
    const breaks: number[] = [];
    let lastX = -Infinity;
    for (let i = 1; i < seg.segments.length; i++) {
      const a = seg.segments[i - 1]!;
      const b = seg.segments[i]!;
      const da = Number(a.end - a.start) / (a.u1 - a.u0);
      const db = Number(b.end - b.start) / (b.u1 - b.u0);
      if (Math.abs(da / db - 1) < 0.001) continue;
      const x = uToPx(b.u0);
      if (x < 0 || x > plotW || x - lastX < 9) continue;
      breaks.push(x);
      lastX = x;
    }
    const regionLines = bounds.filter((t) => regionStarts.has(t.addr));
    return { bounds: onePerPixel(bounds), inner, labels, breaks, regionLines };
  }, [seg, uToPx, plotW, regionKey]);

  return (
    <g className="axis" aria-hidden="true">
      {view.regionLines.map((t) => (
        <line key={`g${t.addr}`} className="grid-region" x1={t.x} x2={t.x} y1={LANES_TOP} y2={lanesBottom} />
      ))}
      {view.inner.map((t) => (
        <line key={`gi${t.addr}`} className="grid-tick" x1={t.x} x2={t.x} y1={LANES_TOP} y2={lanesBottom} />
      ))}
      <line className="axis-line" x1={0} x2={plotW} y1={AXIS_Y} y2={AXIS_Y} />
      {view.bounds.map((t) => (
        <line key={`b${t.addr}`} className="tick-boundary" x1={t.x} x2={t.x} y1={AXIS_Y} y2={AXIS_Y + 6} />
      ))}
      {view.inner.map((t) => (
        <line key={`t${t.addr}`} className="tick" x1={t.x} x2={t.x} y1={AXIS_Y} y2={AXIS_Y + 4} />
      ))}
      {view.breaks.map((x, i) => (
        <g key={`k${i}`} className="axis-break" transform={`translate(${x},${AXIS_Y})`}>
          <rect x={-3} y={-4} width={6} height={8} className="axis-break-bg" />
          <path d="M-4,3 L-1,-3 M1,3 L4,-3" />
        </g>
      ))}
      {view.labels.map((l) => (
        <g key={`l${l.addr}`}>
          <text className={`axis-label mono${l.boundary ? ' boundary' : ''}`} data-testid="axis-label" x={l.x} y={AXIS_LABEL_Y} textAnchor="middle">
            {l.text}
          </text>
          <text className="axis-gib" data-testid="axis-gib" data-addr={l.text} x={l.x} y={AXIS_GIB_Y} textAnchor="middle">
            {l.gib}
          </text>
        </g>
      ))}
    </g>
  );
});
