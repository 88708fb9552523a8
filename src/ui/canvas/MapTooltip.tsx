/**
 * The hover card of the map: start, end, size, node and type of the block or gap under the pointer. It keeps
 * its own state so that hovering never re-renders the map. It is drawn in a portal on the page's body, at the
 * pointer's viewport position, flipped to the pointer's other side where it would not fit, so that no scroll
 * area or edge of the window clips it; scrolling (the page, or a scroll area holding the map) or resizing
 * dismisses it.
 */
import { useEffect, useImperativeHandle, useLayoutEffect, useRef, useState, type Ref } from 'react';
import { createPortal } from 'react-dom';
import { formatSize } from '../../core/base/index.ts';
import { hexAddr } from '../map/ticks.ts';

export interface HoverInfo {
  title: string;
  kind: string;
  start: bigint;
  /** exclusive */
  end: bigint;
  node: number | null;
  notes?: string[];
}

const KIND_LABEL: Record<string, string> = {
  ram: 'RAM',
  'hole-640k': 'hole (VGA and option ROMs)',
  'pci-hole': 'MMIO hole',
  'pci-hole64': 'MMIO hole',
  'align-gap': 'gap',
  window: 'hotplug window',
  free: 'free hotplug window',
  'amd-ht': 'reserved (E820 RESERVED)',
  reserved: 'reserved (E820 RESERVED)',
  unused: 'unused',
  'sp-mem': 'sp-mem: specific purpose memory (E820 SOFT_RESERVED)',
  'pc-dimm': 'pc-dimm: hot-pluggable RAM',
  nvdimm: 'nvdimm: persistent memory',
};

export interface TooltipHandle {
  /** show at the pointer's viewport position (clientX, clientY) */
  show(info: HoverInfo, x: number, y: number): void;
  hide(): void;
}

const OFFSET_X = 14;
const OFFSET_Y = 16;
const EDGE = 4;

/** Where a card of size w × h goes beside the pointer (x, y) in a viewport of vw × vh: right and below, else flipped. */
export function placeTooltip(x: number, y: number, w: number, h: number, vw: number, vh: number): { left: number; top: number } {
  let left = x + OFFSET_X;
  if (left + w > vw - EDGE) left = x - OFFSET_X - w;
  let top = y + OFFSET_Y;
  if (top + h > vh - EDGE) top = y - OFFSET_Y - h;
  return { left: Math.max(EDGE, Math.min(left, vw - EDGE - w)), top: Math.max(EDGE, Math.min(top, vh - EDGE - h)) };
}

export function MapTooltip({ handle }: { handle: Ref<TooltipHandle> }) {
  const [state, setState] = useState<{ info: HoverInfo; x: number; y: number } | null>(null);
  useImperativeHandle(
    handle,
    () => ({
      show: (info, x, y) => setState({ info, x, y }),
      hide: () => setState(null),
    }),
    [],
  );
  const ref = useRef<HTMLDivElement>(null);
  const [pos, setPos] = useState<{ left: number; top: number } | null>(null);
  // measured after each render: flip to fit the viewport
  useLayoutEffect(() => {
    const el = ref.current;
    if (!state || !el) return;
    // measured at the viewport's left edge: near the right edge a fixed box would shrink to the room left there
    el.style.left = '0px';
    const next = placeTooltip(state.x, state.y, el.offsetWidth, el.offsetHeight, window.innerWidth, window.innerHeight);
    el.style.left = `${next.left}px`;
    setPos((p) => (p && p.left === next.left && p.top === next.top ? p : next));
  }, [state]);
  // dismissed on scroll (of the page or any scroll area) and on resize
  const shown = state !== null;
  useEffect(() => {
    if (!shown) return;
    const hide = (e: Event) => {
      // a scroll area the map is not in (a table scrolling to the selection) does not move the card's anchor
      if (e.type === 'scroll' && e.target instanceof Element && !e.target.contains(document.getElementById('map'))) return;
      setState(null);
    };
    window.addEventListener('scroll', hide, { capture: true, passive: true });
    window.addEventListener('resize', hide);
    return () => {
      window.removeEventListener('scroll', hide, { capture: true });
      window.removeEventListener('resize', hide);
    };
  }, [shown]);
  if (!state) return null;
  const { info, x, y } = state;
  const size = info.end - info.start;
  const at = pos ?? { left: x + OFFSET_X, top: y + OFFSET_Y };
  return createPortal(
    <div
      ref={ref}
      className="map-tooltip"
      data-testid="map-tooltip"
      role="tooltip"
      style={{ position: 'fixed', left: at.left, top: at.top, visibility: pos ? 'visible' : 'hidden', zIndex: 50 }}
    >
      <div className="tt-title">
        <span className={`swatch swatch-${info.kind}`} aria-hidden="true" />
        {info.title}
      </div>
      <dl>
        <dt>start</dt>
        <dd className="mono">{hexAddr(info.start)}</dd>
        <dt>end</dt>
        <dd className="mono">
          {hexAddr(info.end - 1n)} <span className="muted">(last byte)</span>
        </dd>
        <dt>size</dt>
        <dd>
          {formatSize(size)} <span className="mono muted">{hexAddr(size)}</span>
        </dd>
        <dt>node</dt>
        <dd>{info.node === null ? '—' : info.node}</dd>
        <dt>type</dt>
        <dd>{KIND_LABEL[info.kind] ?? info.kind}</dd>
      </dl>
      {info.notes?.map((n, i) => (
        <div key={i} className="tt-note">
          {n}
        </div>
      ))}
    </div>,
    document.body,
  );
}
