/**
 * The hover card of the map: start, end, size, node and type of the block or gap under the pointer. It keeps
 * its own state so that hovering never re-renders the map.
 */
import { useImperativeHandle, useState, type Ref } from 'react';
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
  show(info: HoverInfo, x: number, y: number): void;
  hide(): void;
}

export function MapTooltip({ handle }: { handle: Ref<TooltipHandle> }) {
  const [state, setState] = useState<{ info: HoverInfo; x: number; y: number } | null>(null);
  useImperativeHandle(handle, () => ({
    show: (info, x, y) => setState({ info, x, y }),
    hide: () => setState(null),
  }));
  if (!state) return null;
  const { info, x, y } = state;
  const size = info.end - info.start;
  return (
    <div className="map-tooltip" data-testid="map-tooltip" role="tooltip" style={{ left: x + 14, top: y + 16 }}>
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
    </div>
  );
}
