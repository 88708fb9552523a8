/** Fixed geometry of the map (px). */
import type { SegmentedScale } from '../map/segmented-scale.ts';
import { linearScale } from './linear-scale.ts';

export const MARGIN_LEFT = 128;
export const MARGIN_RIGHT = 14;
export const STRIP_Y = 4;
export const STRIP_H = 22;
export const AXIS_Y = 30;
export const AXIS_LABEL_Y = 45;
/** the second line of an axis label: the address as a GiB offset */
export const AXIS_GIB_Y = 57;
export const LANES_TOP = 64;
export const LANE_H = 48;
export const BLOCK_PAD = 6;
export const BOTTOM_PAD = 6;
/** horizontal movement below which a drag does not touch addr= */
export const AXIS_DEADZONE_PX = 4;
/** a dragged block's start or end within this distance of another block's or the window's edge snaps to it */
export const EDGE_SNAP_PX = 6;
/** movement below which a press is a click */
export const CLICK_DISTANCE_PX = 3;
/** a drag that left its lane keeps its address unless it also moved this far along the axis */
export const LANE_JITTER_PX = 10;
/** a drag leaves its lane only when the pointer is this far past the lane's edge */
export const LANE_HYSTERESIS_PX = 12;
/** the drag's snapping step is the smallest aligned power-of-two step at least this wide on screen (up to 1 GiB) */
export const SNAP_MIN_PX = 12;

export function mapHeight(lanes: number): number {
  return LANES_TOP + Math.max(1, lanes) * LANE_H + BOTTOM_PAD;
}

/** The map's address ↔ pixel mapping for one viewport. */
export interface MapScale {
  seg: SegmentedScale;
  plotW: number;
  /** unit position → px (a linear scale rescaled by the zoom transform, as d3-zoom's rescaleX does) */
  uToPx: (u: number) => number;
  /** address → px (unclamped) */
  toPx: (addr: bigint) => number;
  /** px → address (clamped to the domain) */
  pxToAddr: (px: number) => bigint;
}

export function createMapScale(seg: SegmentedScale, plotW: number, k: number, x: number): MapScale {
  const base = linearScale([0, 1], [0, plotW]);
  // d3-zoom's transform.rescaleX(base): the range's ends through the transform's inverse, then base's inverse
  const zoomed = base.copy().domain([base.invert((0 - x) / k), base.invert((plotW - x) / k)]);
  const uToPx = (u: number): number => zoomed(u);
  return {
    seg,
    plotW,
    uToPx,
    toPx: (addr) => zoomed(seg.toUnit(addr)),
    pxToAddr: (px) => seg.fromUnit(zoomed.invert(px)),
  };
}

/** Clamp a pixel span to the plot (with a little overflow so strokes at the edge are hidden by the clip). */
export function clampSpan(x0: number, x1: number, plotW: number): [number, number] | null {
  if (x1 < -2 || x0 > plotW + 2) return null;
  return [Math.max(x0, -4), Math.min(x1, plotW + 4)];
}

/** The narrowest view: this many bytes across the plot. */
export const MIN_VISIBLE_BYTES = 1024;

/** The largest zoom factor around unit position u: the piece of the axis there shows MIN_VISIBLE_BYTES. */
export function maxZoomScaleAt(seg: SegmentedScale, u: number): number {
  const s = seg.segments[seg.segmentIndexAtUnit(u)]!;
  const du = s.u1 - s.u0;
  if (!(du > 0)) return 1;
  return Math.max(1, Number(s.end - s.start) / (MIN_VISIBLE_BYTES * du));
}
