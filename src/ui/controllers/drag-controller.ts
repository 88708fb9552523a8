/**
 * Dragging memory blocks: a controller bound to the blocks layer. d3-drag finds the block under the pointer and
 * tracks it in the plot's coordinates (d3-drag.ts); the gesture (block-gesture.ts) turns that into candidate
 * positions, the worker's verdicts and, on drop, one undo step. Both are loaded on demand with the rest of the
 * map's pointer code (lazy.ts); calls made before that code is there take effect, in order, when it is.
 */
import type { BlockGestureContext } from './block-gesture.ts';
import { deferred } from './lazy.ts';
import type { BlockDragController } from './types.ts';

export type { BlockGestureContext, DragCandidate } from './block-gesture.ts';
export type { BlockDragCallbacks, BlockDragController, BlockPointer } from './types.ts';

/** `context` is read at each event of a gesture: the store, the core, the map as drawn now. */
export function createBlockDragController(context: () => BlockGestureContext): BlockDragController {
  return deferred((m) => {
    const gesture = m.createBlockGesture(context);
    return m.createD3BlockDragController(() => gesture);
  }, ['update', 'destroy']);
}
