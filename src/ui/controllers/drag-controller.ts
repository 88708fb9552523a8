/**
 * Dragging memory blocks: one factory over d3-drag bound to the blocks layer. The subject is the block under
 * the pointer (any element carrying `data-block-key`); positions are in the plot's coordinates. The controller
 * keeps the gesture in closure variables and emits domain events; it never touches the DOM it is bound to.
 */
import { drag, type D3DragEvent } from 'd3-drag';
import { select, type Selection } from 'd3-selection';

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

interface Subject {
  key: string;
  x: number;
  y: number;
}

type DragEvent = D3DragEvent<SVGGElement, unknown, Subject>;

export function createBlockDragController(getCallbacks: () => BlockDragCallbacks): BlockDragController {
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
