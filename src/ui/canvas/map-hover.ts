/** What the tooltip says about the map element under the pointer: a block, a RAM range, a region, a lane. */
import { formatSize } from '../../core/base/index.ts';
import type { MapModel } from '../map/map-model.ts';
import { hexAddr } from '../map/ticks.ts';
import type { MapScale } from './geometry.ts';
import type { HoverInfo } from './MapTooltip.tsx';

const DRIVER_KIND: Record<string, string> = {
  'sp-mem': 'sp-mem (SPM)',
  'pc-dimm': 'pc-dimm',
  nvdimm: 'nvdimm',
  'virtio-mem-pci': 'virtio-mem-pci',
  'virtio-pmem-pci': 'virtio-pmem-pci',
};

/** The tooltip for `target` (an element inside the map's SVG) at `clientX`, or null when there is nothing to say. */
export function hoverInfoAt(target: Element, clientX: number, model: MapModel, scale: MapScale, plot: SVGGElement | null): HoverInfo | null {
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
  const bg = plot?.querySelector('.plot-bg');
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
}
