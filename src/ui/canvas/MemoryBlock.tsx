/**
 * A memory device on the map (sp-mem, pc-dimm, nvdimm): focusable and draggable (through the blocks layer's drag
 * controller). While it is dragged it stays here, dimmed, and the drag layer draws the moving copy. Its accessible
 * name says what it is in full, whatever its label shows; the keys are described once, under the map.
 */
import { memo } from 'react';
import { formatSize } from '../../core/base/index.ts';
import type { DeviceBlock } from '../map/map-model.ts';
import { hexAddr } from '../map/ticks.ts';
import { BLOCK_PAD, LANE_H } from './geometry.ts';

interface Props {
  block: DeviceBlock;
  /**
   * where it lies on the plot (px, clamped to the plot with a little overflow): numbers, not the scale, so that a
   * block an edit leaves where it was on screen renders nothing again even when the scale is a new one
   */
  x0: number;
  x1: number;
  laneY: (node: number) => number | null;
  selected: boolean;
  highlighted: boolean;
  /** the block is being dragged (it stays here, dimmed, as the drag's source) */
  dragSource: boolean;
  /** a sliver drawn for the slivers after it (block-cull.ts): where its drawing ends (plot px) */
  drawTo?: number | undefined;
  /** the map's one Tab stop among the blocks (the others are reached with Ctrl+arrows) */
  tabbable: boolean;
  /** its label (map/labels.ts): text, where it starts, and whether it is beside the block */
  labelText?: string | undefined;
  labelX?: number | undefined;
  labelOutside?: boolean | undefined;
}

const DRIVER_LABEL: Record<DeviceBlock['driver'], string> = {
  'sp-mem': 'sp-mem',
  'pc-dimm': 'pc-dimm',
  nvdimm: 'nvdimm',
  'virtio-mem-pci': 'virtio-mem',
  'virtio-pmem-pci': 'virtio-pmem',
};

export const MemoryBlock = memo(function MemoryBlock({ block, x0, x1, laneY, selected, highlighted, dragSource, drawTo, tabbable, labelText, labelX, labelOutside }: Props) {
  const addr = block.start;
  const node = block.node;
  const y = laneY(node);
  if (y === null) return null;
  const w = Math.max(2, x1 - x0, drawTo !== undefined ? drawTo - x0 : 0);
  const h = LANE_H - 2 * BLOCK_PAD;
  const name = block.id ?? `(unnamed #${block.optionIndex})`;
  const size = formatSize(block.size);
  const classes = [
    'block',
    `block-${block.driver}`,
    selected ? 'selected' : '',
    highlighted ? 'highlighted' : '',
    dragSource ? 'drag-source' : '',
  ]
    .filter(Boolean)
    .join(' ');
  const aria = `${DRIVER_LABEL[block.driver]} ${name}, ${size} at ${hexAddr(addr)}, node ${node}, ${
    block.explicitAddr ? 'fixed address' : 'placed automatically'
  }`;
  return (
    <g
      className={classes}
      data-testid={`block-${block.key}`}
      data-block-key={block.key}
      data-addr={hexAddr(addr)}
      data-node={node}
      tabIndex={tabbable ? 0 : -1}
      role="button"
      aria-pressed={selected}
      aria-label={aria}
      aria-describedby="map-keys"
    >
      <rect className="block-body" x={x0} y={y + BLOCK_PAD} width={w} height={h} rx={3} />
      {block.explicitAddr ? (
        <path className="block-pin" d={`M${x0 + 1},${y + BLOCK_PAD + 1} h7 l-7,7 z`}>
          <title>addr= fixed</title>
        </path>
      ) : null}
      {labelText ? (
        <text className={`block-label${labelOutside ? ' outside' : ''}`} x={labelX} y={y + BLOCK_PAD + h / 2 + 4}>
          {labelText}
        </text>
      ) : null}
    </g>
  );
});
