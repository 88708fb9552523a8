/**
 * The map's geometry for a layout: the map model, the axis, the plot's size, the scale under the current zoom,
 * and where each node's lane lies. The axis is piecewise by default: the regions are compressed so that each stays
 * readable (the hotplug window gets more than its share), while inside the hotplug window sizes are proportional.
 * At true scale every byte has the same width.
 */
import { useCallback, useMemo, useRef } from 'react';
import type { Viewport } from '../controllers/zoom-controller.ts';
import type { DerivedView } from '../hooks/useDerived.ts';
import { computeMapModel, type MapModel } from '../map/map-model.ts';
import { computeSegmentedScale, type SegmentedScale } from '../map/segmented-scale.ts';
import { createMapScale, LANE_H, LANES_TOP, mapHeight, MARGIN_LEFT, MARGIN_RIGHT, type MapScale } from './geometry.ts';

/** how much more of the axis the hotplug window gets than its length alone would give it */
const WINDOW_BOOST = 2;

export interface MapGeometry {
  model: MapModel | null;
  seg: SegmentedScale | null;
  /** plot width (px), without the margins */
  plotW: number;
  height: number;
  scale: MapScale | null;
  /** the top of a node's lane (px), or null when the map has no lane for it */
  laneY: (node: number) => number | null;
}

/** Equal bigint lists. */
function sameList(a: readonly bigint[], b: readonly bigint[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function useMapGeometry(layout: DerivedView['layout'], width: number, viewport: Viewport, trueScale = false): MapGeometry {
  const model = useMemo(() => (layout ? computeMapModel(layout) : null), [layout]);
  // the axis of the previous model while its break points, regions and window stay the same (an edit that moves
  // no address, e.g. a node change): the scale, and with it every unchanged block, stays as it is
  const segCache = useRef<{ key: { points: bigint[]; groups: bigint[]; window: bigint | null; trueScale: boolean }; seg: SegmentedScale | null } | null>(null);
  const seg = useMemo(() => {
    if (!model || model.breakpoints.length < 2) return null;
    const key = { points: model.breakpoints, groups: model.regions.map((r) => r.start), window: model.window?.start ?? null, trueScale };
    const c = segCache.current;
    if (c && c.key.trueScale === trueScale && c.key.window === key.window && sameList(c.key.points, key.points) && sameList(c.key.groups, key.groups)) {
      return c.seg;
    }
    const isWindow = (start: bigint) => Boolean(model.window && start === model.window.start);
    const next = trueScale
      ? computeSegmentedScale(model.breakpoints, { exponent: 1, floor: 0 })
      : computeSegmentedScale(model.breakpoints, {
          groups: key.groups,
          // the hotplug window holds the blocks you move: it gets twice its share, and inside it sizes are true
          groupBoost: (start) => (isWindow(start) ? WINDOW_BOOST : 1),
          proportionalGroup: isWindow,
        });
    segCache.current = { key, seg: next };
    return next;
  }, [model, trueScale]);
  const plotW = Math.max(240, width - MARGIN_LEFT - MARGIN_RIGHT);
  const height = mapHeight(model?.nodeIds.length ?? 1);
  const scale = useMemo(() => (seg ? createMapScale(seg, plotW, viewport.k, viewport.x) : null), [seg, plotW, viewport.k, viewport.x]);
  // one lane function while the node list stays the same
  const nodeKey = model ? model.nodeIds.join(',') : '';
  const nodeIds = useMemo(() => (model ? model.nodeIds : []), [nodeKey]);
  const laneY = useCallback(
    (node: number): number | null => {
      const i = nodeIds.indexOf(node);
      return i < 0 ? null : LANES_TOP + i * LANE_H;
    },
    [nodeIds],
  );
  return { model, seg, plotW, height, scale, laneY };
}
