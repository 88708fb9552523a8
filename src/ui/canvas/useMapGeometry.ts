/**
 * The map's geometry for a layout: the map model, the piecewise axis (the hotplug window gets more than its share),
 * the plot's size, the scale under the current zoom, and where each node's lane lies.
 */
import { useCallback, useMemo } from 'react';
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

export function useMapGeometry(layout: DerivedView['layout'], width: number, viewport: Viewport): MapGeometry {
  const model = useMemo(() => (layout ? computeMapModel(layout) : null), [layout]);
  const seg = useMemo(
    () =>
      model && model.breakpoints.length >= 2
        ? computeSegmentedScale(model.breakpoints, {
            groups: model.regions.map((r) => r.start),
            // the hotplug window holds the blocks you move: it gets twice its share
            groupBoost: (start) => (model.window && start === model.window.start ? WINDOW_BOOST : 1),
          })
        : null,
    [model],
  );
  const plotW = Math.max(240, width - MARGIN_LEFT - MARGIN_RIGHT);
  const height = mapHeight(model?.nodeIds.length ?? 1);
  const scale = useMemo(() => (seg ? createMapScale(seg, plotW, viewport.k, viewport.x) : null), [seg, plotW, viewport.k, viewport.x]);
  const laneY = useCallback(
    (node: number): number | null => {
      const i = model ? model.nodeIds.indexOf(node) : -1;
      return i < 0 ? null : LANES_TOP + i * LANE_H;
    },
    [model],
  );
  return { model, seg, plotW, height, scale, laneY };
}
