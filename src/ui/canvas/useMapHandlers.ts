/**
 * The map's pointer, click and focus handling: the tooltip follows the pointer (hidden while dragging), a click
 * selects a node's RAM or clears the selection, a double click zooms to a block, RAM range or region, focusing a
 * block selects it; a block focused from the keyboard shows its card (full name, range, node) under it.
 */
import { useCallback, type RefObject } from 'react';
import { numaNodeOptionIndex } from '../../state/doc-edits.ts';
import { useDesignerActions, useDesignerApi, type Selection } from '../../state/store.ts';
import type { MapModel } from '../map/map-model.ts';
import type { MapScale } from './geometry.ts';
import { hoverInfoAt } from './map-hover.ts';
import type { TooltipHandle } from './MapTooltip.tsx';

export interface MapHandlerInputs {
  model: MapModel | null;
  scale: MapScale | null;
  selection: Selection;
  plotRef: RefObject<SVGGElement | null>;
  containerRef: RefObject<HTMLDivElement | null>;
  tooltip: RefObject<TooltipHandle | null>;
  zoomTo: (start: bigint, end: bigint) => void;
}

export interface MapHandlers {
  /** select the -numa node option of a node and open the inspector (stable across renders) */
  onSelectNode: (nodeId: number) => void;
  onPointerMove: (e: React.PointerEvent<SVGSVGElement>) => void;
  onPointerLeave: () => void;
  onClick: (e: React.MouseEvent<SVGSVGElement>) => void;
  onDoubleClick: (e: React.MouseEvent<SVGSVGElement>) => void;
  /** on the blocks layer */
  onFocus: (e: React.FocusEvent<SVGGElement>) => void;
  onBlur: () => void;
}

export function useMapHandlers({ model, scale, selection, plotRef, tooltip, zoomTo }: MapHandlerInputs): MapHandlers {
  const store = useDesignerApi();
  const actions = useDesignerActions();

  const onSelectNode = useCallback(
    (nodeId: number) => {
      const s = store.getState();
      const i = numaNodeOptionIndex(s.doc, nodeId);
      s.actions.select(i >= 0 ? { kind: 'option', index: i } : null);
      if (i >= 0) s.actions.setActivePanel('inspector');
    },
    [store],
  );

  const onPointerMove = (e: React.PointerEvent<SVGSVGElement>) => {
    if (store.getState().drag?.active || e.buttons) {
      tooltip.current?.hide();
      return;
    }
    const info = model && scale ? hoverInfoAt(e.target as Element, e.clientX, model, scale, plotRef.current) : null;
    if (info) tooltip.current?.show(info, e.clientX, e.clientY);
    else tooltip.current?.hide();
  };

  const onPointerLeave = () => tooltip.current?.hide();

  const onClick = (e: React.MouseEvent<SVGSVGElement>) => {
    const t = e.target as Element;
    if (t.closest('[data-block-key]')) return;
    const ram = t.closest('[data-ram-index]');
    if (ram && model) {
      const r = model.ram.find((x) => x.index === Number(ram.getAttribute('data-ram-index')));
      if (r) onSelectNode(r.node);
      return;
    }
    if (t.classList.contains('lane-bg') || t.classList.contains('plot-bg')) actions.select(null);
  };

  const onDoubleClick = (e: React.MouseEvent<SVGSVGElement>) => {
    if (!model) return;
    const t = e.target as Element;
    const b = t.closest('[data-block-key]');
    if (b) {
      const d = model.devices.find((x) => x.key === b.getAttribute('data-block-key'));
      if (d) zoomTo(d.start, d.end);
      return;
    }
    const ram = t.closest('[data-ram-index]');
    if (ram) {
      const r = model.ram.find((x) => x.index === Number(ram.getAttribute('data-ram-index')));
      if (r) zoomTo(r.start, r.end);
      return;
    }
    const region = t.closest('[data-region-index]');
    if (region) {
      const r = model.regions[Number(region.getAttribute('data-region-index'))];
      if (r) zoomTo(r.start, r.end);
    }
  };

  const onFocus = (e: React.FocusEvent<SVGGElement>) => {
    const key = (e.target as Element).getAttribute?.('data-block-key');
    const b = key && model?.devices.find((d) => d.key === key);
    if (b && !(selection?.kind === 'option' && selection.index === b.optionIndex)) actions.select({ kind: 'option', index: b.optionIndex });
    const el = e.target as Element;
    const body = el.querySelector?.('.block-body')?.getBoundingClientRect();
    const plot = plotRef.current?.querySelector('.plot-bg')?.getBoundingClientRect();
    const info = b && body && plot && el.matches(':focus-visible') ? hoverInfoAt(el, 0, model!, scale!, plotRef.current) : null;
    if (info) tooltip.current?.show(info, Math.min(Math.max(body!.left + 8, plot!.left), plot!.right - 8), body!.bottom - 12);
  };

  return { onSelectNode, onPointerMove, onPointerLeave, onClick, onDoubleClick, onFocus, onBlur: onPointerLeave };
}
