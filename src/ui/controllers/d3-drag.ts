/**
 * Dragging memory blocks over d3-drag, bound to the blocks layer. The subject is the block under the pointer
 * (any element carrying `data-block-key`); positions are in the plot's coordinates. The controller keeps the
 * gesture in closure variables and emits domain events; it never touches the DOM it is bound to. Loaded on
 * demand (lazy.ts); drag-controller.ts is the page's side.
 */
import { drag, type D3DragEvent } from 'd3-drag';
import { select, type Selection } from 'd3-selection';
import type { BlockDragCallbacks, BlockDragController, BlockPointer } from './types.ts';

interface Subject {
  key: string;
  x: number;
  y: number;
}

type DragEvent = D3DragEvent<SVGGElement, unknown, Subject>;

export function createD3BlockDragController(getCallbacks: () => BlockDragCallbacks): BlockDragController {
  let selection: Selection<SVGGElement, unknown, null, undefined> | null = null;
  let container: SVGGElement | null = null;
  let startX = 0;
  let startY = 0;

  const pointerOf = (event: DragEvent): BlockPointer => ({
    key: event.subject.key,
    x: event.x,
    y: event.y,
    dx: event.x - startX,
    dy: event.y - startY,
    shiftKey: Boolean((event.sourceEvent as MouseEvent | undefined)?.shiftKey),
  });

  const behavior = drag<SVGGElement, unknown, Subject>()
    .container(() => container ?? (selection?.node() as SVGGElement))
    .filter((event: MouseEvent) => !event.ctrlKey && !event.button && Boolean((event.target as Element | null)?.closest('[data-block-key]')))
    .subject((event: DragEvent) => {
      const el = (event.sourceEvent as Event).target as Element | null;
      const block = el?.closest('[data-block-key]') as SVGElement | null;
      const key = block?.getAttribute('data-block-key');
      return key ? { key, x: event.x, y: event.y } : (null as unknown as Subject);
    })
    .on('start', (event: DragEvent) => {
      startX = event.x;
      startY = event.y;
      getCallbacks().onStart(pointerOf(event));
    })
    .on('drag', (event: DragEvent) => getCallbacks().onMove(pointerOf(event)))
    .on('end', (event: DragEvent) => getCallbacks().onEnd(pointerOf(event)));

  return {
    update(opts) {
      container = opts.container;
      if (!selection || selection.node() !== opts.domNode) {
        selection?.on('.drag', null);
        selection = select(opts.domNode);
        selection.call(behavior);
      }
    },
    destroy() {
      selection?.on('.drag', null);
      selection = null;
    },
  };
}
