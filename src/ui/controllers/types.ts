/** What the map's pointer controllers and their on-demand d3 side (lazy.ts) share: the types, one helper. */

export interface Viewport {
  k: number;
  x: number;
}

export interface ZoomControllerOptions {
  onTransform: (v: Viewport) => void;
}

export interface ZoomGeometry {
  domNode: SVGGElement;
  /** plot width and height in px */
  width: number;
  height: number;
  /** the largest zoom factor for zooming around unit position u (a piecewise axis: it depends on the piece) */
  maxScaleAt: (u: number) => number;
}

export interface ZoomController {
  update(g: ZoomGeometry): void;
  /** jump to a transform (clamped to the extents) */
  setViewport(v: Viewport, animate?: boolean): void;
  /** zoom by a factor around the plot's centre */
  scaleBy(factor: number): void;
  /** show unit range [u0, u1] across the plot */
  showUnitRange(u0: number, u1: number): void;
  fit(): void;
  destroy(): void;
}

/** One wheel notch (deltaY 100 px) zooms by √2. */
export function wheelZoomDelta(event: WheelEvent): number {
  const unit = event.deltaMode === 1 ? 0.05 : event.deltaMode ? 1 : 0.002;
  return -event.deltaY * unit * 2.5;
}

export interface BlockPointer {
  /** the block's key (device id or #option-index) */
  key: string;
  /** pointer in plot coordinates */
  x: number;
  y: number;
  /** movement since the gesture started */
  dx: number;
  dy: number;
  shiftKey: boolean;
}

export interface BlockDragCallbacks {
  onStart(p: BlockPointer): void;
  onMove(p: BlockPointer): void;
  onEnd(p: BlockPointer): void;
}

export interface BlockDragController {
  update(opts: { domNode: SVGGElement; container: SVGGElement }): void;
  destroy(): void;
}
