/** The toolbar over the map: zoom buttons, the visible address range (and zoom factor), the colour key. */
import { formatSize } from '../../core/base/index.ts';
import type { ZoomController } from '../controllers/zoom-controller.ts';
import { hexAddr } from '../map/ticks.ts';
import { Legend } from './Legend.tsx';

interface Props {
  zoom: ZoomController;
  /** the addresses at the plot's left and right edges, or null while there is no map */
  visibleRange: { a0: bigint; a1: bigint } | null;
  /** the zoom factor */
  k: number;
}

export function MapToolbar({ zoom, visibleRange, k }: Props) {
  return (
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
          {k > 1.0001 ? <span className="muted"> · ×{formatZoom(k)}</span> : null}
        </div>
      ) : null}
      <Legend />
    </div>
  );
}

function formatZoom(k: number): string {
  if (k < 1000) return k.toFixed(k < 10 ? 1 : 0);
  const exp = Math.floor(Math.log10(k));
  return `${(k / 10 ** exp).toFixed(1)}e${exp}`;
}
