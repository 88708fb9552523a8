/**
 * Zoom and pan of the map: one zoom controller bound to the plot group, the transform held by the store. When the
 * layout (and so the axis), the scale mode or the map's width changes while zoomed in, the same addresses stay in
 * view. Keys: + or = zooms in, − zooms out, 0 fits the whole address space (not while typing in a field).
 */
import { useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import { useDesignerApi } from '../../state/store.ts';
import { createZoomController, type ZoomController } from '../controllers/zoom-controller.ts';
import type { SegmentedScale } from '../map/segmented-scale.ts';
import { maxZoomScaleAt, type MapScale } from './geometry.ts';

export interface MapZoom {
  zoom: ZoomController;
  /** show [start, end) with a margin of 8 % on each side */
  zoomTo: (start: bigint, end: bigint) => void;
}

function isTextTarget(t: EventTarget | null): boolean {
  const el = t as HTMLElement | null;
  return Boolean(el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable || el.closest?.('[role="dialog"]')));
}

export function useMapZoom(
  plotRef: RefObject<SVGGElement | null>,
  seg: SegmentedScale | null,
  scale: MapScale | null,
  plotW: number,
  height: number,
): MapZoom {
  const store = useDesignerApi();
  const [zoom] = useState(() => createZoomController({ onTransform: (v) => store.getState().actions.setViewport(v) }));
  useEffect(() => () => zoom.destroy(), [zoom]);
  useLayoutEffect(() => {
    if (!plotRef.current || !seg) return;
    zoom.update({ domNode: plotRef.current, width: plotW, height, maxScaleAt: (u) => maxZoomScaleAt(seg, u) });
    zoom.setViewport(store.getState().viewport);
  }, [zoom, seg, plotW, height, store]);

  // keep the same addresses in view when the layout (and so the scale) or the plot's width changes
  const visible = useRef<{ seg: unknown; plotW: number; a0: bigint; a1: bigint } | null>(null);
  useLayoutEffect(() => {
    if (!seg || !scale) return;
    const prev = visible.current;
    if (prev && (prev.seg !== seg || prev.plotW !== plotW) && store.getState().viewport.k > 1.0001) {
      visible.current = { seg, plotW, a0: prev.a0, a1: prev.a1 };
      zoom.showUnitRange(seg.toUnit(prev.a0), seg.toUnit(prev.a1));
      return;
    }
    visible.current = { seg, plotW, a0: scale.pxToAddr(0), a1: scale.pxToAddr(plotW) };
  }, [seg, scale, plotW, zoom, store]);

  // zoom keys, anywhere on the page but in a text field or with a modifier
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || isTextTarget(e.target)) return;
      if (store.getState().drag) return;
      if (e.key === '+' || e.key === '=') zoom.scaleBy(2);
      else if (e.key === '-' || e.key === '_') zoom.scaleBy(0.5);
      else if (e.key === '0') zoom.fit();
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [zoom, store]);

  const zoomTo = (start: bigint, end: bigint) => {
    if (!seg) return;
    const u0 = seg.toUnit(start);
    const u1 = seg.toUnit(end);
    const pad = (u1 - u0) * 0.08;
    zoom.showUnitRange(Math.max(0, u0 - pad), Math.min(1, u1 + pad));
  };

  return { zoom, zoomTo };
}
