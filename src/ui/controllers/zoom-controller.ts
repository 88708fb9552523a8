/**
 * Zoom and pan along the address axis: a controller bound to one SVG group. d3-zoom listens and does the
 * transform math (d3-zoom.ts, loaded on demand with the rest of the map's pointer code, see lazy.ts); the
 * controller reports each transform (k, x) and React draws everything from it. Calls made before that code is
 * there take effect, in order, when it is.
 */
import { deferred } from './lazy.ts';
import type { ZoomController, ZoomControllerOptions } from './types.ts';

export { wheelZoomDelta, type Viewport, type ZoomController, type ZoomControllerOptions, type ZoomGeometry } from './types.ts';

export function createZoomController(options: ZoomControllerOptions): ZoomController {
  return deferred((m) => m.createD3ZoomController(options), ['update', 'setViewport', 'scaleBy', 'showUnitRange', 'fit', 'destroy']);
}
