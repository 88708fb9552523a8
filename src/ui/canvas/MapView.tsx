/**
 * The address map: the guest physical address space along a piecewise axis, NUMA nodes as lanes, memory
 * devices as draggable blocks. d3 computes the scale, the zoom transform and drag positions; React draws every
 * element.
 *
 * The parts: the geometry (useMapGeometry), zoom and pan (useMapZoom), pointer and focus handling
 * (useMapHandlers, map-hover.ts), the toolbar (MapToolbar), the overview strip (Overview), and the plot's layers — regions, the hotplug window
 * band and the axis, the lanes (NumaLanes), the blocks (BlocksLayer) — plus the drag layer and the status lines.
 * The page's skip link ("Skip to the map", SkipToMap.tsx) lands on the blocks' Tab stop.
 */
import { useMemo, useRef, useState } from 'react';
import { useDesigner, useDesignerActions } from '../../state/store.ts';
import { useBlockInteractions } from '../hooks/useBlockDrag.ts';
import { useDerivedView } from '../hooks/useDerived.ts';
import { useElementWidth } from '../hooks/useElementWidth.ts';
import { computeLinks, diagnosticItems } from '../linking.ts';
import { AddressAxis } from './AddressAxis.tsx';
import { BlocksLayer } from './BlocksLayer.tsx';
import { DragLayer } from './DragLayer.tsx';
import { DragStatus } from './DragStatus.tsx';
import { LANES_TOP, MARGIN_LEFT, maxZoomScaleAt } from './geometry.ts';
import { MapEmpty, MapHint, StaleBanner } from './MapStatus.tsx';
import { MapSvgDefs } from './MapSvgDefs.tsx';
import { MapToolbar } from './MapToolbar.tsx';
import { MapTooltip, type TooltipHandle } from './MapTooltip.tsx';
import { NumaLanes } from './NumaLanes.tsx';
import { Overview } from './Overview.tsx';
import { isFocusMove } from '../map/block-nav.ts';
import type { DeviceBlock } from '../map/map-model.ts';
import { isCompressedOver } from '../map/segmented-scale.ts';
import { RegionStrip } from './RegionStrip.tsx';
import { useMapGeometry } from './useMapGeometry.ts';
import { useMapHandlers } from './useMapHandlers.ts';
import { useMapZoom } from './useMapZoom.ts';
import { WindowBand } from './WindowBand.tsx';
import { DeleteFocus } from '../panels/DeleteFocus.tsx';

export function MapView() {
  const { layout, layoutStale, result } = useDerivedView();
  const viewport = useDesigner((s) => s.viewport);
  const selection = useDesigner((s) => s.selection);
  const doc = useDesigner((s) => s.doc);

  const containerRef = useRef<HTMLDivElement>(null);
  const plotRef = useRef<SVGGElement>(null);
  const blocksRef = useRef<SVGGElement>(null);
  const tooltip = useRef<TooltipHandle>(null);
  const width = useElementWidth(containerRef);
  // true scale: every byte the same width (by default the regions are compressed, the hotplug window is not)
  const [trueScale, setTrueScale] = useState(false);

  const { model, seg, plotW, height, scale, laneY } = useMapGeometry(layout, width, viewport, trueScale);
  const diagnostics = useMemo(() => diagnosticItems(result), [result]);
  const links = useMemo(() => computeLinks(selection, doc, layout, diagnostics), [selection, doc, layout, diagnostics]);
  const selectedIndex = selection?.kind === 'option' ? selection.index : null;

  const { zoom, zoomTo } = useMapZoom(plotRef, seg, scale, plotW, height);
  const actions = useDesignerActions();
  // a block the focus moves to: centred at the same zoom unless it is in view
  const reveal = (b: DeviceBlock) => {
    if (!scale || !seg || (scale.toPx(b.start) >= -1 && scale.toPx(b.end) <= plotW + 1)) return;
    zoom.setViewport({ k: viewport.k, x: plotW / 2 - seg.toUnit(b.start + b.size / 2n) * plotW * viewport.k });
  };
  const { onKeyDown } = useBlockInteractions(blocksRef, plotRef, model, scale, reveal);
  const handlers = useMapHandlers({ model, scale, selection, plotRef, containerRef, tooltip, zoomTo });
  const goTo = (b: DeviceBlock) => {
    zoomTo(b.start, b.end);
    actions.select({ kind: 'option', index: b.optionIndex });
  };

  const visibleRange = scale ? { a0: scale.pxToAddr(0), a1: scale.pxToAddr(plotW) } : null;
  const compressed = Boolean(seg && visibleRange && isCompressedOver(seg, visibleRange.a0, visibleRange.a1));
  // as deep as the piece of the axis at the centre allows
  const centreU = (plotW / 2 - viewport.x) / (viewport.k * plotW);
  const canZoomIn = Boolean(seg) && viewport.k < maxZoomScaleAt(seg!, Math.min(1, Math.max(0, centreU))) * 0.999;

  return (
    <section className="map-panel" aria-label="Address map" id="map">
      {/* a removed block's focus goes to its neighbour, and comes back on undo */}
      <DeleteFocus />
      <MapToolbar
        zoom={zoom}
        visibleRange={visibleRange}
        k={viewport.k}
        canZoomIn={canZoomIn}
        trueScale={trueScale}
        onTrueScale={setTrueScale}
        compressed={compressed}
        devices={model?.devices ?? []}
        onGoTo={goTo}
      />
      <DragStatus />
      {model && seg ? <Overview seg={seg} model={model} plotW={plotW} width={width} viewport={viewport} zoom={zoom} /> : <div className="overview-placeholder" />}
      <div className={`map-canvas${layoutStale ? ' stale' : ''}`} ref={containerRef}>
        {model && scale ? (
          <svg
            width={width}
            height={height}
            className="map-svg"
            role="group"
            aria-label="Guest physical address space: NUMA nodes as lanes, memory devices as blocks"
            onPointerMove={handlers.onPointerMove}
            onPointerLeave={handlers.onPointerLeave}
            onClick={handlers.onClick}
            onDoubleClick={handlers.onDoubleClick}
          >
            <MapSvgDefs plotW={plotW} height={height} />
            <g transform={`translate(${MARGIN_LEFT},0)`} ref={plotRef} className="plot">
              <rect className="plot-bg" x={0} y={0} width={plotW} height={height} />
              <g clipPath="url(#plot-clip)">
                <RegionStrip scale={scale} model={model} />
              </g>
              <g clipPath="url(#plot-clip)">
                <WindowBand scale={scale} model={model} top={LANES_TOP} bottom={height - 6} />
                <AddressAxis scale={scale} model={model} lanesBottom={height - 6} />
              </g>
              <NumaLanes nodes={layout?.nodes ?? []} model={model} scale={scale} links={links} onSelectNode={handlers.onSelectNode} />
              <BlocksLayer
                layerRef={blocksRef}
                model={model}
                scale={scale}
                laneY={laneY}
                selectedIndex={selectedIndex}
                links={links}
                onKeyDown={(e) => {
                  // a move or a removal makes the focus card stale; a focus move shows the next block's
                  if (!isFocusMove(e)) tooltip.current?.hide();
                  onKeyDown(e);
                }}
                onFocus={handlers.onFocus}
                onBlur={handlers.onBlur}
              />
            </g>
          </svg>
        ) : (
          <MapEmpty refused={Boolean(result?.error)} />
        )}
        {model && scale ? <DragLayer scale={scale} model={model} laneY={laneY} width={width} height={height} /> : null}
        {layoutStale ? <StaleBanner /> : null}
        <MapTooltip handle={tooltip} />
      </div>
      <MapHint />
    </section>
  );
}
