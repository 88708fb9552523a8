/**
 * The overview strip above the map: the whole address space at the fit zoom (regions and devices), with the part
 * the map shows framed. Pressing or dragging on it centres the map there, at the same zoom.
 */
import { memo, useMemo } from 'react';
import type { ZoomController } from '../controllers/zoom-controller.ts';
import type { MapModel } from '../map/map-model.ts';
import type { SegmentedScale } from '../map/segmented-scale.ts';
import { createMapScale, MARGIN_LEFT } from './geometry.ts';

const H = 16;

interface Props {
  seg: SegmentedScale;
  model: MapModel;
  plotW: number;
  width: number;
  viewport: { k: number; x: number };
  zoom: ZoomController;
}

/** The regions and devices at the fit zoom: they change with the layout, not with the zoom. */
const OverviewShapes = memo(function OverviewShapes({ seg, model, plotW }: Pick<Props, 'seg' | 'model' | 'plotW'>) {
  const fit = useMemo(() => createMapScale(seg, plotW, 1, 0), [seg, plotW]);
  return (
    <>
      {model.regions.map((r) => {
        const x0 = fit.toPx(r.start);
        const x1 = fit.toPx(r.end);
        return <rect key={`r${r.start}`} className={`overview-region overview-${r.kind}`} x={x0} y={2} width={Math.max(0.5, x1 - x0)} height={H - 4} />;
      })}
      {model.devices.length <= 2000
        ? model.devices.map((d) => {
            const x0 = fit.toPx(d.start);
            const x1 = fit.toPx(d.end);
            return <rect key={d.key} className={`overview-device overview-${d.driver}`} x={x0} y={4} width={Math.max(1, x1 - x0)} height={H - 8} />;
          })
        : null}
    </>
  );
});

export function Overview({ seg, model, plotW, width, viewport, zoom }: Props) {
  const { k, x } = viewport;
  // the visible unit range, on the fit scale's pixels
  const v0 = Math.max(0, (-x / (k * plotW)) * plotW);
  const v1 = Math.min(plotW, ((plotW - x) / (k * plotW)) * plotW);
  const centreAt = (e: React.PointerEvent<SVGSVGElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    const u = Math.min(1, Math.max(0, (e.clientX - box.left - MARGIN_LEFT) / plotW));
    zoom.setViewport({ k, x: plotW / 2 - u * plotW * k });
  };
  return (
    <svg
      className="overview"
      data-testid="overview"
      width={width}
      height={H}
      role="img"
      aria-label="Overview of the whole address space; the frame is the part the map shows. Press on it to move the map there."
      onPointerDown={(e) => {
        e.currentTarget.setPointerCapture?.(e.pointerId);
        centreAt(e);
      }}
      onPointerMove={(e) => {
        if (e.buttons & 1) centreAt(e);
      }}
    >
      <text x={MARGIN_LEFT - 8} y={H - 4} textAnchor="end" className="overview-label">
        overview
      </text>
      <g transform={`translate(${MARGIN_LEFT},0)`}>
        <rect className="overview-bg" x={0} y={0} width={plotW} height={H} />
        <OverviewShapes seg={seg} model={model} plotW={plotW} />
        <rect
          className="overview-viewport"
          data-testid="overview-viewport"
          data-x0={v0.toFixed(1)}
          data-x1={v1.toFixed(1)}
          x={v0}
          y={0.5}
          width={Math.max(2, v1 - v0)}
          height={H - 1}
        />
      </g>
    </svg>
  );
}
