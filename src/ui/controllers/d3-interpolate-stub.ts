/**
 * d3-zoom imports `interpolateZoom` from d3-interpolate for zoom transitions (`zoom.transform` given a transition);
 * the designer starts none (see d3-transition-stub.ts), so the build leaves d3-interpolate and d3-color out.
 */
export function interpolateZoom(): never {
  throw new Error('zoom transitions are not part of the designer (src/ui/controllers/d3-interpolate-stub.ts)');
}
