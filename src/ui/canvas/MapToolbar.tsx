/**
 * The toolbar over the map: "go to" a device, zoom buttons (each disabled at its bound), the visible address range (and zoom
 * factor), the scale mode (true scale or not) with what it means for the part shown, the colour key.
 */
import { formatSize } from '../../core/base/index.ts';
import type { ZoomController } from '../controllers/zoom-controller.ts';
import type { DeviceBlock } from '../map/map-model.ts';
import { hexAddr } from '../map/ticks.ts';
import { GoToDevice } from './GoToDevice.tsx';
import { Legend } from './Legend.tsx';

interface Props {
  zoom: ZoomController;
  /** the addresses at the plot's left and right edges, or null while there is no map */
  visibleRange: { a0: bigint; a1: bigint } | null;
  /** the zoom factor */
  k: number;
  canZoomIn: boolean;
  trueScale: boolean;
  onTrueScale: (on: boolean) => void;
  /** the part shown mixes pieces of different bytes per pixel */
  compressed: boolean;
  devices: readonly DeviceBlock[];
  onGoTo: (block: DeviceBlock) => void;
}

export function MapToolbar({ zoom, visibleRange, k, canZoomIn, trueScale, onTrueScale, compressed, devices, onGoTo }: Props) {
  const zoomedOut = k <= 1.0001;
  return (
    <div className="map-toolbar">
      <GoToDevice devices={devices} onGo={onGoTo} />
      <label className="true-scale" title="Every byte the same width across the whole address space">
        <input type="checkbox" checked={trueScale} onChange={(e) => onTrueScale(e.target.checked)} data-testid="true-scale" /> True scale
      </label>
      <div className="zoom-controls" role="group" aria-label="Zoom">
        <button type="button" aria-label="Zoom out" title="Zoom out (− key, or scroll on the map)" disabled={zoomedOut} onClick={() => zoom.scaleBy(0.5)}>
          −
        </button>
        <button type="button" aria-label="Zoom in" title={canZoomIn ? 'Zoom in (+ key, or scroll on the map)' : 'Zoomed in as far as it goes'} disabled={!canZoomIn} onClick={() => zoom.scaleBy(2)}>
          +
        </button>
        <button type="button" aria-label="Fit whole address space" title="Fit the whole address space (0 key)" onClick={() => zoom.fit()}>
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
      <span className={`scale-note${compressed ? ' compressed' : ''}`} data-testid="scale-note" role="note">
        {compressed
          ? 'Compressed scale: widths outside the hotplug window are not to scale (// on the axis marks each change); inside it they are.'
          : 'To scale: equal widths are equal sizes.'}
      </span>
      <Legend />
    </div>
  );
}

function formatZoom(k: number): string {
  if (k < 1000) return k.toFixed(k < 10 ? 1 : 0);
  const exp = Math.floor(Math.log10(k));
  return `${(k / 10 ** exp).toFixed(1)}e${exp}`;
}
