/**
 * Moving memory blocks with the pointer and the keyboard.
 *
 * A pointer drag is the block drag controller's (controllers/drag-controller.ts, loaded on demand with d3): the
 * block moves at once, snapped to the device's alignment, the worker says whether QEMU would accept each
 * candidate (latest request wins, the verdict shows while dragging), and on drop an accepted candidate becomes
 * one undo step; a refused one changes nothing. Keyboard moves (here) go through the same check.
 *
 * The keys of a focused block: arrows move it (←/→ one alignment step, Shift: 1 GiB; ↑/↓ to the next node),
 * Ctrl+arrows (or Alt+arrows) move the focus to the neighbouring block (map/block-nav.ts), Home/End to the
 * lane's first or last; the block the focus lands on is selected and brought into view.
 */
import { useEffect, useMemo, useRef, type RefObject } from 'react';
import type { ConfigDocument } from '../../core/document/index.ts';
import { createBlockDragController, type BlockGestureContext, type DragCandidate } from '../controllers/drag-controller.ts';
import { describeOption, removeOption, setDeviceAddr, setDeviceNode } from '../../state/doc-edits.ts';
import { useDesignerApi } from '../../state/store.ts';
import type { CheckResult } from '../../worker/api.ts';
import { createLatestRunner } from '../../worker/latest.ts';
import { useCoreClient } from '../core-client-context.ts';
import { isFocusMove, neighbourBlock } from '../map/block-nav.ts';
import type { DeviceBlock, MapModel } from '../map/map-model.ts';
import { stepAddress } from '../map/snap.ts';
import { hexAddr } from '../map/ticks.ts';
import type { MapScale } from '../canvas/geometry.ts';

export interface BlockInteractions {
  /** keyboard moves on a focused block */
  onKeyDown: (event: React.KeyboardEvent<SVGGElement>) => void;
}

export function useBlockInteractions(
  layerRef: RefObject<SVGGElement | null>,
  containerRef: RefObject<SVGGElement | null>,
  model: MapModel | null,
  scale: MapScale | null,
  /** bring a block into view (the focus moved to it) */
  reveal: (block: DeviceBlock) => void = () => {},
): BlockInteractions {
  const store = useDesignerApi();
  const client = useCoreClient();
  // each drag step sends only the move; the worker holds the document the drag started from
  const runner = useMemo(() => createLatestRunner<DragCandidate, CheckResult>((c) => client.checkMove(c.move)), [client]);
  // what a drag reads at each event: this render's
  const ctx = useRef<Omit<BlockGestureContext, 'layer'>>({ store, client, runner, model, scale });
  ctx.current = { store, client, runner, model, scale };

  const findBlock = (key: string) => ctx.current.model?.devices.find((d) => d.key === key) ?? null;

  useEffect(() => {
    const controller = createBlockDragController(() => ({ ...ctx.current, layer: layerRef.current }));
    const layer = layerRef.current;
    const container = containerRef.current;
    if (layer && container) controller.update({ domNode: layer, container });
    return () => controller.destroy();
  }, [layerRef, containerRef, model !== null]);

  const tryCommit = (before: ConfigDocument, next: ConfigDocument, optionIndex: number, what: string): void => {
    void client.check(next).then((r) => {
      const s = store.getState();
      if (s.doc !== before) return;
      if (r.error) {
        s.actions.notify('error', `Move refused, nothing changed. ${r.message ?? ''}`.trim());
        return;
      }
      s.actions.commit(next, { selection: { kind: 'option', index: optionIndex } });
      s.actions.notify('info', what);
    });
  };

  const onKeyDown = (event: React.KeyboardEvent<SVGGElement>): void => {
    const target = (event.target as Element).closest('[data-block-key]');
    const key = target?.getAttribute('data-block-key');
    if (!key) return;
    const block = findBlock(key);
    const m = ctx.current.model;
    if (!block || !m) return;
    const s = store.getState();
    const doc = s.doc;
    const name = describeOption(doc.options[block.optionIndex]!);
    const sc = ctx.current.scale;
    if (isFocusMove(event) && sc) {
      event.preventDefault();
      const to = neighbourBlock(m.devices, m.nodeIds, block, event.key, (b) => (sc.toPx(b.start) + sc.toPx(b.end)) / 2);
      if (!to) return;
      s.actions.select({ kind: 'option', index: to.optionIndex });
      reveal(to);
      return;
    }
    switch (event.key) {
      case 'ArrowLeft':
      case 'ArrowRight': {
        event.preventDefault();
        const dir = event.key === 'ArrowLeft' ? -1 : 1;
        const addr = stepAddress(block.start, block.align, dir, event.shiftKey);
        if (addr === block.start) return;
        tryCommit(doc, setDeviceAddr(doc, block.optionIndex, addr), block.optionIndex, `${name}: addr=${hexAddr(addr)}`);
        return;
      }
      case 'ArrowUp':
      case 'ArrowDown': {
        event.preventDefault();
        const i = m.nodeIds.indexOf(block.node);
        const j = i + (event.key === 'ArrowUp' ? -1 : 1);
        if (i < 0 || j < 0 || j >= m.nodeIds.length) return;
        const node = m.nodeIds[j]!;
        tryCommit(doc, setDeviceNode(doc, block.optionIndex, node), block.optionIndex, `${name}: node=${node}`);
        return;
      }
      case 'Delete':
      case 'Backspace': {
        event.preventDefault();
        const r = removeOption(doc, block.optionIndex);
        if (!r.ok) {
          s.actions.notify('error', `Not removed: ${r.message}`);
          return;
        }
        s.actions.commit(r.doc, { selection: null });
        s.actions.notify('info', `Removed ${name} (Ctrl+Z brings it back)`);
        return;
      }
      case 'Enter':
      case ' ': {
        event.preventDefault();
        s.actions.select({ kind: 'option', index: block.optionIndex });
        s.actions.setActivePanel('inspector');
        return;
      }
      default:
        return;
    }
  };

  return { onKeyDown };
}
