/**
 * Zoom and pan along the address axis over d3-zoom, bound to one SVG group. d3 only listens and does the
 * transform math; the controller reports each transform (k, x) and React draws everything from it. Loaded on
 * demand (lazy.ts); zoom-controller.ts is the page's side.
 */
import { pointer, select, type Selection } from 'd3-selection';
import { zoom, zoomIdentity, zoomTransform, type ZoomBehavior } from 'd3-zoom';
import { wheelZoomDelta, type Viewport, type ZoomController, type ZoomControllerOptions, type ZoomGeometry } from './types.ts';

export function createD3ZoomController({ onTransform }: ZoomControllerOptions): ZoomController {
  let geometry: ZoomGeometry | null = null;
  let selection: Selection<SVGGElement, unknown, null, undefined> | null = null;
  /** Let the zoom go as deep as the piece of the axis under plot x allows (never forcing a zoom out). */
  const limitAt = (x: number): void => {
    if (!geometry) return;
    const t = zoomTransform(geometry.domNode);
    const u = (x - t.x) / (t.k * geometry.width);
    behavior.scaleExtent([1, Math.max(1, t.k, geometry.maxScaleAt(Math.min(1, Math.max(0, u))))]);
  };

  const behavior: ZoomBehavior<SVGGElement, unknown> = zoom<SVGGElement, unknown>()
    .filter((event: Event) => {
      const e = event as MouseEvent;
      if (e.type === 'wheel' && geometry) limitAt(pointer(e, geometry.domNode)[0]);
      if (e.type !== 'wheel' && (e.ctrlKey || e.button)) return false;
      // blocks have their own drag; everything else pans
      const target = e.target as Element | null;
      return !(e.type === 'mousedown' && target?.closest('[data-block-key]'));
    })
    .wheelDelta(wheelZoomDelta)
    .on('zoom', (event: { transform: { k: number; x: number } }) => {
      onTransform({ k: event.transform.k, x: event.transform.x });
    });

  const apply = (v: Viewport): void => {
    if (!selection) return;
    behavior.transform(selection, zoomIdentity.translate(v.x, 0).scale(v.k));
  };

  return {
    update(g) {
      geometry = g;
      behavior
        .extent([
          [0, 0],
          [g.width, g.height],
        ])
        .translateExtent([
          [0, 0],
          [g.width, g.height],
        ]);
      if (!selection || selection.node() !== g.domNode) {
        selection?.on('.zoom', null);
        selection = select(g.domNode);
        selection.call(behavior).on('dblclick.zoom', null);
      }
    },
    setViewport(v) {
      behavior.scaleExtent([1, Math.max(1, v.k)]);
      apply(v);
    },
    scaleBy(factor) {
      if (!selection || !geometry) return;
      limitAt(geometry.width / 2);
      behavior.scaleBy(selection, factor, [geometry.width / 2, geometry.height / 2]);
    },
    showUnitRange(u0, u1) {
      if (!geometry || !(u1 > u0)) return;
      const w = geometry.width;
      const k = 1 / (u1 - u0);
      behavior.scaleExtent([1, Math.max(1, k, geometry.maxScaleAt((u0 + u1) / 2))]);
      apply({ k, x: -u0 * w * k });
    },
    fit() {
      apply({ k: 1, x: 0 });
    },
    destroy() {
      selection?.on('.zoom', null);
      selection = null;
    },
  };
}
