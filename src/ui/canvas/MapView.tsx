/**
 * The address map: the guest physical address space along a piecewise axis, NUMA nodes as lanes, memory
 * devices as draggable blocks. d3 computes the scale, the zoom transform and drag positions; React draws every
 * element.
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { formatSize } from '../../core/base/index.ts';
import { numaNodeOptionIndex } from '../../state/doc-edits.ts';
import { useDesigner, useDesignerActions, useDesignerApi } from '../../state/store.ts';
import { createZoomController } from '../controllers/zoom-controller.ts';
import { useBlockInteractions } from '../hooks/useBlockDrag.ts';
import { useDerivedView } from '../hooks/useDerived.ts';
import { computeLinks, diagnosticItems } from '../linking.ts';
import { computeMapModel, type MapModel } from '../map/map-model.ts';
import { computeSegmentedScale } from '../map/segmented-scale.ts';
import { hexAddr } from '../map/ticks.ts';
import { AddressAxis } from './AddressAxis.tsx';
import { DragLayer } from './DragLayer.tsx';
import { DragStatus } from './DragStatus.tsx';
import {
  clampSpan,
  createMapScale,
  LANE_H,
  LANES_TOP,
  mapHeight,
  MARGIN_LEFT,
  MARGIN_RIGHT,
  maxZoomScaleAt,
  type MapScale,
} from './geometry.ts';
import { MapTooltip, type HoverInfo, type TooltipHandle } from './MapTooltip.tsx';
import { MemoryBlock } from './MemoryBlock.tsx';
import { NumaLane, type LaneInfo } from './NumaLane.tsx';
import { RegionStrip } from './RegionStrip.tsx';
import { Legend } from './Legend.tsx';
import { useElementWidth } from '../hooks/useElementWidth.ts';

/** how much more of the axis the hotplug window gets than its length alone would give it */
const WINDOW_BOOST = 2;

const DRIVER_KIND: Record<string, string> = { 'sp-mem': 'sp-mem (SPM)', 'pc-dimm': 'pc-dimm', nvdimm: 'nvdimm' };

export function MapView() {
  const { layout, layoutStale, result } = useDerivedView();
  const store = useDesignerApi();
  const actions = useDesignerActions();
  const viewport = useDesigner((s) => s.viewport);
  const selection = useDesigner((s) => s.selection);
  const doc = useDesigner((s) => s.doc);

  const containerRef = useRef<HTMLDivElement>(null);
  const plotRef = useRef<SVGGElement>(null);
  const blocksRef = useRef<SVGGElement>(null);
  const tooltip = useRef<TooltipHandle>(null);
  const width = useElementWidth(containerRef);

  const model = useMemo(() => (layout ? computeMapModel(layout) : null), [layout]);
  const seg = useMemo(
    () =>
      model && model.breakpoints.length >= 2
        ? computeSegmentedScale(model.breakpoints, {
            groups: model.regions.map((r) => r.start),
            // the hotplug window holds the blocks you move: it gets twice its share
            groupBoost: (start) => (model.window && start === model.window.start ? WINDOW_BOOST : 1),
          })
        : null,
    [model],
  );
  const plotW = Math.max(240, width - MARGIN_LEFT - MARGIN_RIGHT);
  const height = mapHeight(model?.nodeIds.length ?? 1);
  const scale = useMemo(() => (seg ? createMapScale(seg, plotW, viewport.k, viewport.x) : null), [seg, plotW, viewport.k, viewport.x]);
  const diagnostics = useMemo(() => diagnosticItems(result), [result]);
  const links = useMemo(() => computeLinks(selection, doc, layout, diagnostics), [selection, doc, layout, diagnostics]);
  const selectedIndex = selection?.kind === 'option' ? selection.index : null;

  const laneY = useCallback(
    (node: number): number | null => {
      const i = model ? model.nodeIds.indexOf(node) : -1;
      return i < 0 ? null : LANES_TOP + i * LANE_H;
    },
    [model],
  );

  // zoom: one controller bound to the plot group; the store holds the transform
  const [zoom] = useState(() => createZoomController({ onTransform: (v) => store.getState().actions.setViewport(v) }));
  useEffect(() => () => zoom.destroy(), [zoom]);
  useLayoutEffect(() => {
    if (!plotRef.current || !seg) return;
    zoom.update({ domNode: plotRef.current, width: plotW, height, maxScaleAt: (u) => maxZoomScaleAt(seg, u) });
    zoom.setViewport(store.getState().viewport);
  }, [zoom, seg, plotW, height, store]);

  // keep the same addresses in view when the layout (and so the scale) changes
  const visible = useRef<{ seg: unknown; a0: bigint; a1: bigint } | null>(null);
  useLayoutEffect(() => {
    if (!seg || !scale) return;
    const prev = visible.current;
    if (prev && prev.seg !== seg && store.getState().viewport.k > 1.0001) {
      visible.current = { seg, a0: prev.a0, a1: prev.a1 };
      zoom.showUnitRange(seg.toUnit(prev.a0), seg.toUnit(prev.a1));
      return;
    }
    visible.current = { seg, a0: scale.pxToAddr(0), a1: scale.pxToAddr(plotW) };
  }, [seg, scale, plotW, zoom, store]);

  const { onKeyDown } = useBlockInteractions(blocksRef, plotRef, model, scale);

  const lanes: LaneInfo[] = useMemo(
    () => layout?.nodes.map((n) => ({ id: n.id, ram: n.size, cpus: n.cpus.length, implicit: n.implicit })) ?? [],
    [layout],
  );

  const onSelectNode = useCallback(
    (nodeId: number) => {
      const s = store.getState();
      const i = numaNodeOptionIndex(s.doc, nodeId);
      s.actions.select(i >= 0 ? { kind: 'option', index: i } : null);
      if (i >= 0) s.actions.setActivePanel('inspector');
    },
    [store],
  );

  const hoverInfo = (target: Element, clientX: number): HoverInfo | null => {
    if (!model || !scale) return null;
    const blockEl = target.closest('[data-block-key]');
    if (blockEl) {
      const b = model.devices.find((d) => d.key === blockEl.getAttribute('data-block-key'));
      if (!b) return null;
      return {
        title: `${b.driver} ${b.id ?? '(unnamed)'}`,
        kind: b.driver,
        start: b.start,
        end: b.end,
        node: b.node,
        notes: [
          `${DRIVER_KIND[b.driver]} · backend ${b.memdev} · align ${hexAddr(b.align)}`,
          b.explicitAddr ? 'addr= fixed' : 'placed automatically (first fit)',
          ...(b.driver === 'nvdimm' && b.backendSize !== b.size ? [`backend ${formatSize(b.backendSize)}, label area excluded`] : []),
        ],
      };
    }
    const ramEl = target.closest('[data-ram-index]');
    if (ramEl) {
      const r = model.ram.find((x) => x.index === Number(ramEl.getAttribute('data-ram-index')));
      if (!r) return null;
      return { title: `Node ${r.node} RAM`, kind: 'ram', start: r.start, end: r.end, node: r.node, notes: ['-numa node,memdev= RAM (not draggable)'] };
    }
    const regionEl = target.closest('[data-region-index]');
    const laneEl = target.closest('[data-lane]');
    let addr: bigint | null = null;
    const bg = plotRef.current?.querySelector('.plot-bg');
    if (bg) addr = scale.pxToAddr(clientX - bg.getBoundingClientRect().left);
    if (regionEl) {
      const r = model.regions[Number(regionEl.getAttribute('data-region-index'))];
      if (!r) return null;
      return { title: r.label, kind: r.kind, start: r.start, end: r.end, node: null, notes: [r.detail] };
    }
    if (laneEl && addr !== null) {
      const node = Number(laneEl.getAttribute('data-lane'));
      const free = model.windowFree.find((f) => f.start <= addr && addr < f.end);
      if (free) {
        return {
          title: 'Free hotplug window',
          kind: 'free',
          start: free.start,
          end: free.end,
          node,
          notes: ['room for more memory devices'],
        };
      }
      const r = model.regions.find((x) => x.start <= addr && addr < x.end);
      if (!r) return null;
      return { title: `${r.label} (no memory of node ${node} here)`, kind: r.kind, start: r.start, end: r.end, node, notes: [r.detail] };
    }
    return null;
  };

  const onPointerMove = (e: React.PointerEvent<SVGSVGElement>) => {
    if (store.getState().drag?.active || e.buttons) {
      tooltip.current?.hide();
      return;
    }
    const info = hoverInfo(e.target as Element, e.clientX);
    const box = containerRef.current?.getBoundingClientRect();
    if (info && box) tooltip.current?.show(info, e.clientX - box.left, e.clientY - box.top);
    else tooltip.current?.hide();
  };

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

  const zoomTo = (start: bigint, end: bigint) => {
    if (!seg) return;
    const u0 = seg.toUnit(start);
    const u1 = seg.toUnit(end);
    const pad = (u1 - u0) * 0.08;
    zoom.showUnitRange(Math.max(0, u0 - pad), Math.min(1, u1 + pad));
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
  };

  const visibleRange = scale ? { a0: scale.pxToAddr(0), a1: scale.pxToAddr(plotW) } : null;

  return (
    <section className="map-panel" aria-label="Address map">
      <div className="map-toolbar">
        <div className="zoom-controls" role="group" aria-label="Zoom">
          <button type="button" aria-label="Zoom out" title="Zoom out (or scroll on the map)" onClick={() => zoom.scaleBy(0.5)}>
            −
          </button>
          <button type="button" aria-label="Zoom in" title="Zoom in (or scroll on the map)" onClick={() => zoom.scaleBy(2)}>
            +
          </button>
          <button type="button" aria-label="Fit whole address space" title="Fit the whole address space" onClick={() => zoom.fit()}>
            Fit
          </button>
        </div>
        {visibleRange ? (
          <div className="view-range" data-testid="view-range" title="Visible addresses">
            <span className="mono">{hexAddr(visibleRange.a0)}</span> – <span className="mono">{hexAddr(visibleRange.a1)}</span>
            <span className="muted"> · {formatSize(visibleRange.a1 - visibleRange.a0)}</span>
            {viewport.k > 1.0001 ? <span className="muted"> · ×{formatZoom(viewport.k)}</span> : null}
          </div>
        ) : null}
        <Legend />
      </div>
      <DragStatus />
      <div className={`map-canvas${layoutStale ? ' stale' : ''}`} ref={containerRef}>
        {model && scale ? (
          <svg
            width={width}
            height={height}
            className="map-svg"
            role="group"
            aria-label="Guest physical address space: NUMA nodes as lanes, memory devices as blocks"
            onPointerMove={onPointerMove}
            onPointerLeave={() => tooltip.current?.hide()}
            onClick={onClick}
            onDoubleClick={onDoubleClick}
          >
            <defs>
              <clipPath id="plot-clip">
                <rect x={0} y={0} width={plotW} height={height} />
              </clipPath>
              <pattern id="hatch-free" width={6} height={6} patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                <rect width={6} height={6} className="hatch-free-bg" />
                <line x1={0} y1={0} x2={0} y2={6} className="hatch-free-line" />
              </pattern>
              <pattern id="hatch-hole" width={5} height={5} patternUnits="userSpaceOnUse" patternTransform="rotate(-45)">
                <rect width={5} height={5} className="hatch-hole-bg" />
                <line x1={0} y1={0} x2={0} y2={5} className="hatch-hole-line" />
              </pattern>
            </defs>
            <g transform={`translate(${MARGIN_LEFT},0)`} ref={plotRef} className="plot">
              <rect className="plot-bg" x={0} y={0} width={plotW} height={height} />
              <g clipPath="url(#plot-clip)">
                <RegionStrip scale={scale} model={model} />
              </g>
              <g clipPath="url(#plot-clip)">
                <WindowBand scale={scale} model={model} top={LANES_TOP} bottom={height - 6} />
                <AddressAxis scale={scale} model={model} lanesBottom={height - 6} />
              </g>
              {lanes.map((lane, i) => (
                <NumaLane
                  key={lane.id}
                  lane={lane}
                  y={LANES_TOP + i * LANE_H}
                  scale={scale}
                  ram={model.ram.filter((r) => r.node === lane.id)}
                  highlighted={links.lanes.has(lane.id)}
                  highlightedRam={links.ramRanges}
                  onSelectNode={onSelectNode}
                />
              ))}
              <g ref={blocksRef} className="blocks" clipPath="url(#plot-clip)" onKeyDown={onKeyDown} onFocus={onFocus}>
                {model.devices.map((b) => (
                  <MemoryBlock
                    key={b.key}
                    block={b}
                    scale={scale}
                    laneY={laneY}
                    selected={selectedIndex === b.optionIndex}
                    highlighted={links.devices.has(b.optionIndex) && selectedIndex !== b.optionIndex}
                  />
                ))}
              </g>
            </g>
          </svg>
        ) : (
          <div className="map-empty" role="status">
            {result?.error ? 'QEMU refuses this configuration; fix the error below to see its memory map.' : 'Computing the memory map…'}
          </div>
        )}
        {model && scale ? <DragLayer scale={scale} model={model} laneY={laneY} width={width} height={height} /> : null}
        {layoutStale ? (
          <div className="stale-banner" role="status">
            QEMU refuses the current configuration; the map shows the last configuration it accepted.
          </div>
        ) : null}
        <MapTooltip handle={tooltip} />
      </div>
      <p className="map-hint">
        Scroll to zoom, drag the background to pan, double-click a block or region to zoom to it. Drag a block along the
        axis to set <code>addr=</code> (it snaps to its alignment and to neighbouring edges), onto another lane to set{' '}
        <code>node=</code>; Esc cancels. Selected block: ←/→ one alignment step (Shift: 1 GiB), ↑/↓ change node, Delete removes it.
      </p>
    </section>
  );
}

function formatZoom(k: number): string {
  if (k < 1000) return k.toFixed(k < 10 ? 1 : 0);
  const exp = Math.floor(Math.log10(k));
  return `${(k / 10 ** exp).toFixed(1)}e${exp}`;
}

/** The hotplug window across all lanes, with its free parts hatched. */
function WindowBand({ scale, model, top, bottom }: { scale: MapScale; model: MapModel; top: number; bottom: number }) {
  if (!model.window) return null;
  const span = clampSpan(scale.toPx(model.window.start), scale.toPx(model.window.end), scale.plotW);
  return (
    <g className="window-band" aria-hidden="true">
      {span ? <rect className="window-outline" x={span[0]} y={top} width={Math.max(1, span[1] - span[0])} height={bottom - top} /> : null}
      {model.windowFree.map((f) => {
        const s = clampSpan(scale.toPx(f.start), scale.toPx(f.end), scale.plotW);
        if (!s) return null;
        return <rect key={String(f.start)} className="free-window" x={s[0]} y={top} width={Math.max(1, s[1] - s[0])} height={bottom - top} />;
      })}
    </g>
  );
}
