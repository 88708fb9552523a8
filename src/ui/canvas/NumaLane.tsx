/**
 * One NUMA node's lane: its background (a drop target), its label, and its RAM ranges (`-numa node,memdev=`),
 * which are drawn but not draggable.
 */
import { memo } from 'react';
import { formatSize } from '../../core/base/index.ts';
import type { RamBlock } from '../map/map-model.ts';
import { BLOCK_PAD, clampSpan, LANE_H, MARGIN_LEFT, type MapScale } from './geometry.ts';

export interface LaneInfo {
  id: number;
  /** RAM of the node (bytes) */
  ram: bigint;
  cpus: number;
  implicit: boolean;
}

interface Props {
  lane: LaneInfo;
  y: number;
  scale: MapScale;
  ram: readonly RamBlock[];
  highlighted: boolean;
  highlightedRam: ReadonlySet<number>;
  onSelectNode: (nodeId: number) => void;
}

export const NumaLane = memo(function NumaLane({ lane, y, scale, ram, highlighted, highlightedRam, onSelectNode }: Props) {
  const sub = [lane.ram > 0n ? `${formatSize(lane.ram)} RAM` : 'no RAM', lane.cpus > 0 ? `${lane.cpus} CPU${lane.cpus === 1 ? '' : 's'}` : 'no CPUs'].join(' · ');
  return (
    <g
      className={`lane${highlighted ? ' highlighted' : ''}`}
      data-testid={`lane-node-${lane.id}`}
      data-lane={lane.id}
    >
      <g className="lane-label" onClick={() => onSelectNode(lane.id)}>
        <rect x={-MARGIN_LEFT} y={y} width={MARGIN_LEFT - 6} height={LANE_H} className="lane-label-bg" />
        <text x={-MARGIN_LEFT + 10} y={y + 20} className="lane-title">
          Node {lane.id}
          {lane.implicit ? ' (implicit)' : ''}
        </text>
        <text x={-MARGIN_LEFT + 10} y={y + 35} className="lane-sub">
          {sub}
        </text>
      </g>
      <g clipPath="url(#plot-clip)">
        <rect className="lane-bg" data-lane-bg={lane.id} x={0} y={y} width={scale.plotW} height={LANE_H} />
        {ram.map((r) => {
          const span = clampSpan(scale.toPx(r.start), scale.toPx(r.end), scale.plotW);
          if (!span) return null;
          const [x0, x1] = span;
          return (
            <rect
              key={r.index}
              className={`ram-block${highlightedRam.has(r.index) ? ' highlighted' : ''}`}
              data-ram-index={r.index}
              data-testid={`ram-node-${lane.id}`}
              x={x0}
              y={y + BLOCK_PAD + 4}
              width={Math.max(1, x1 - x0)}
              height={LANE_H - 2 * BLOCK_PAD - 8}
              rx={2}
            />
          );
        })}
      </g>
    </g>
  );
});
