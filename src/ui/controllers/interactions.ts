/** The on-demand chunk of the map's pointer machinery (see lazy.ts): what it offers. */
export { createD3ZoomController } from './d3-zoom.ts';
export { createD3BlockDragController } from './d3-drag.ts';
export { createBlockGesture } from './block-gesture.ts';
