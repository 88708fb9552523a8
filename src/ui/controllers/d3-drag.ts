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
  let startClient: { x: number; y: number } | null = null;

  /** The pointer in the viewport's coordinates: unlike the plot's, they do not move when the page or the map does. */
  const clientOf = (event: DragEvent): { x: number; y: number } | null => {
    const e = event.sourceEvent as (MouseEvent & TouchEvent) | undefined;
    if (e && typeof e.clientX === 'number') return { x: e.clientX, y: e.clientY };
    const t = e?.changedTouches?.[0];
    return t ? { x: t.clientX, y: t.clientY } : null;
  };

  // movement is measured on screen from where the press began, so that anything moving the map under a held
  // pointer (the page scrolling, a status line growing) never moves the block
  const pointerOf = (event: DragEvent): BlockPointer => {
    const c = clientOf(event);
    const dx = c && startClient ? c.x - startClient.x : event.x - startX;
    const dy = c && startClient ? c.y - startClient.y : event.y - startY;
    return {
      key: event.subject.key,
      x: startX + dx,
      y: startY + dy,
      dx,
      dy,
      shiftKey: Boolean((event.sourceEvent as MouseEvent | undefined)?.shiftKey),
    };
  };

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
      startClient = clientOf(event);
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
