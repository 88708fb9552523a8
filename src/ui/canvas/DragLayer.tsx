/**
 * What moves while a block is dragged, drawn in its own small SVG layer above the map: the dragged block at its
 * snapped candidate address and lane, the lane it would land in, and (when QEMU would accept the drop) outlines
 * where other devices would then be placed (QEMU places devices in -device order, so moving one can move
 * others), and, when QEMU would refuse it, an outline round each block it would collide with. The map itself does
 * not change during a drag, so the browser only repaints this layer.
 */
import { memo, useMemo } from 'react';
import { formatSize } from '../../core/base/index.ts';
import { useDesigner } from '../../state/store.ts';
import type { MapModel } from '../map/map-model.ts';
import { hexAddr } from '../map/ticks.ts';
import { BLOCK_PAD, clampSpan, LANE_H, MARGIN_LEFT, type MapScale } from './geometry.ts';


interface Props {
  scale: MapScale;
  model: MapModel;
  laneY: (node: number) => number | null;
  width: number;
  height: number;
}

export const DragLayer = memo(function DragLayer({ scale, model, laneY, width, height }: Props) {
  const drag = useDesigner((s) => (s.drag?.active ? s.drag : null));
  const byIndex = useMemo(() => new Map(model.devices.map((d) => [d.optionIndex, d])), [model]);
  if (!drag) return null;
  const block = byIndex.get(drag.optionIndex);
  const y = laneY(drag.node);
  if (!block || y === null) return null;
  const h = LANE_H - 2 * BLOCK_PAD;
  const rawX0 = scale.toPx(drag.addr);
  const rawX1 = scale.toPx(drag.addr + drag.size);
  const x0 = Math.min(Math.max(rawX0, -4), scale.plotW + 4);
  const x1 = Math.min(Math.max(rawX1, -4), scale.plotW + 4);
  const w = Math.max(2, x1 - x0);
  const v = drag.verdict && drag.verdict.key === drag.candidateKey ? drag.verdict : null;
  const unchanged = drag.node === drag.originNode && !drag.axisMoved;
  const status = unchanged ? 'neutral' : v ? v.status : 'pending';
  const name = block.id ?? `#${block.optionIndex}`;
  const full = `${name} · ${formatSize(block.size)}`;
  const label = w > full.length * 6.4 + 10 ? full : w > name.length * 6.4 + 8 ? name : '';

  // devices that would be placed elsewhere: one path of outlines (one element, however many move)
  let moved = '';
  if (v?.status === 'ok') {
    for (const p of v.placements) {
      if (p.optionIndex === drag.optionIndex) continue;
      const d = byIndex.get(p.optionIndex);
      if (!d || (d.start === p.addr && d.node === p.node)) continue;
      const py = laneY(p.node);
      const span = clampSpan(scale.toPx(p.addr), scale.toPx(p.addr + p.size), scale.plotW);
      if (py === null || !span) continue;
      const mw = Math.max(2, span[1] - span[0]);
      moved += `M${span[0].toFixed(1)},${py + BLOCK_PAD}h${mw.toFixed(1)}v${h}h${(-mw).toFixed(1)}z`;
    }
  }
  const laneTarget = drag.node !== drag.originNode;
  // a refused candidate: the blocks it would overlap
  const conflicts: typeof model.devices = [];
  if (v?.status === 'error') {
    const end = drag.addr + drag.size;
    for (const d of model.devices) if (d.optionIndex !== drag.optionIndex && d.start < end && drag.addr < d.end) conflicts.push(d);
  }

  return (
    <>
      {/* takes the pointer while dragging, so hit testing never walks the page's elements */}
      <div className="drag-shield" />
    <svg className="drag-layer" width={width} height={height} aria-hidden="true">
      <defs>
        <clipPath id="drag-clip">
          <rect x={0} y={0} width={scale.plotW} height={height} />
        </clipPath>
      </defs>
      <g transform={`translate(${MARGIN_LEFT},0)`} clipPath="url(#drag-clip)">
        {laneTarget ? <rect className="drop-lane" x={0} y={y} width={scale.plotW} height={LANE_H} /> : null}
        {moved ? <path className="ghost-moved" d={moved} /> : null}
        {conflicts.map((d) => {
          const cy = laneY(d.node);
          const span = clampSpan(scale.toPx(d.start), scale.toPx(d.end), scale.plotW);
          if (cy === null || !span) return null;
          return (
            <rect
              key={d.key}
              className="conflict-outline"
              data-testid={`conflict-${d.key}`}
              x={span[0] - 2}
              y={cy + BLOCK_PAD - 2}
              width={Math.max(2, span[1] - span[0]) + 4}
              height={h + 4}
              rx={4}
            />
          );
        })}
        <g className={`block block-${block.driver} dragging verdict-${status}`}>
          <rect className="block-body" x={x0} y={y + BLOCK_PAD} width={w} height={h} rx={3} />
          {label ? (
            <text className="block-label" x={Math.max(x0, 0) + 6} y={y + BLOCK_PAD + h / 2 + 4}>
              {label}
            </text>
          ) : null}
          <text className="drag-addr mono" x={Math.max(x0, 0) + 2} y={y + BLOCK_PAD - 2}>
            {hexAddr(drag.addr)}
          </text>
        </g>
      </g>
    </svg>
    </>
  );
});
