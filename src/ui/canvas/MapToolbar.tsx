/**
 * The toolbar over the map: "go to" a device, zoom buttons (each disabled at its bound), the visible address range (and zoom
 * factor), the scale mode (true scale or not) with what it means for the part shown, the colour key.
 */
import { useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
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
      <ZoomButtons zoom={zoom} canZoomOut={!zoomedOut} canZoomIn={canZoomIn} />
      {visibleRange ? (
        <div className="view-range" data-testid="view-range" title="Visible addresses">
          <span className="mono">{hexAddr(visibleRange.a0)}</span> – <span className="mono">{hexAddr(visibleRange.a1)}</span>
          <span className="muted"> · {formatSize(visibleRange.a1 - visibleRange.a0)}</span>
          {k > 1.0001 ? <span className="muted"> · ×{formatZoom(k)}</span> : null}
        </div>
      ) : null}
      <span className={`scale-note${compressed ? ' compressed' : ''}`} data-testid="scale-note" role="note" title={scaleNote(compressed)}>
        {scaleNote(compressed)}
      </span>
      <Legend />
    </div>
  );
}

const scaleNote = (compressed: boolean) =>
  compressed
    ? 'Compressed scale: widths outside the hotplug window are not to scale (// on the axis marks each change); inside it they are.'
    : 'To scale: equal widths are equal sizes.';

type ZoomKey = 'out' | 'in' | 'fit';

/**
 * The zoom buttons, one toolbar (WAI-ARIA toolbar pattern): one Tab stop, ←/→ between the buttons (Home/End to the
 * first and last); a button disabled at its bound is passed over. The button last used keeps the Tab stop.
 */
function ZoomButtons({ zoom, canZoomOut, canZoomIn }: { zoom: ZoomController; canZoomOut: boolean; canZoomIn: boolean }) {
  const [last, setLast] = useState<ZoomKey>('in');
  const buttons: Array<{ key: ZoomKey; label: string; title: string; text: string; enabled: boolean; run: () => void }> = [
    { key: 'out', label: 'Zoom out', title: 'Zoom out (− key, or scroll on the map)', text: '−', enabled: canZoomOut, run: () => zoom.scaleBy(0.5) },
    {
      key: 'in',
      label: 'Zoom in',
      title: canZoomIn ? 'Zoom in (+ key, or scroll on the map)' : 'Zoomed in as far as it goes',
      text: '+',
      enabled: canZoomIn,
      run: () => zoom.scaleBy(2),
    },
    { key: 'fit', label: 'Fit whole address space', title: 'Fit the whole address space (0 key)', text: 'Fit', enabled: true, run: () => zoom.fit() },
  ];
  const enabled = buttons.filter((b) => b.enabled);
  const stop = enabled.find((b) => b.key === last) ?? enabled[0]!;
  const bar = useRef<HTMLDivElement>(null);
  // the focus is in the toolbar (a button that becomes disabled under it drops it: it goes to the Tab stop)
  const focusWithin = useRef(false);
  useLayoutEffect(() => {
    const active = document.activeElement;
    if (!focusWithin.current || !bar.current || (active && active !== document.body && !(active as HTMLButtonElement).disabled)) return;
    bar.current.querySelector<HTMLButtonElement>(`[data-zoom="${stop.key}"]`)?.focus();
  }, [canZoomIn, canZoomOut, stop.key]);
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const at = enabled.findIndex((b) => b.key === (e.target as HTMLElement).dataset.zoom);
    if (at < 0) return;
    let to: number;
    if (e.key === 'ArrowRight') to = (at + 1) % enabled.length;
    else if (e.key === 'ArrowLeft') to = (at + enabled.length - 1) % enabled.length;
    else if (e.key === 'Home') to = 0;
    else if (e.key === 'End') to = enabled.length - 1;
    else return;
    // the map's own keys (+, −, 0, the arrows on a block) are not these: the arrows stop here
    e.preventDefault();
    e.stopPropagation();
    const next = enabled[to]!;
    setLast(next.key);
    e.currentTarget.querySelector<HTMLButtonElement>(`[data-zoom="${next.key}"]`)?.focus();
  };
  return (
    <div
      className="zoom-controls"
      role="toolbar"
      aria-label="Zoom"
      aria-orientation="horizontal"
      ref={bar}
      onKeyDown={onKeyDown}
      onFocus={() => (focusWithin.current = true)}
      onBlur={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null) && e.relatedTarget !== null) focusWithin.current = false;
      }}
    >
      {buttons.map((b) => (
        <button
          key={b.key}
          type="button"
          data-zoom={b.key}
          aria-label={b.label}
          title={b.title}
          disabled={!b.enabled}
          tabIndex={b === stop ? 0 : -1}
          onFocus={() => setLast(b.key)}
          onClick={b.run}
        >
          {b.text}
        </button>
      ))}
    </div>
  );
}

function formatZoom(k: number): string {
  if (k < 1000) return k.toFixed(k < 10 ? 1 : 0);
  const exp = Math.floor(Math.log10(k));
  return `${(k / 10 ** exp).toFixed(1)}e${exp}`;
}
