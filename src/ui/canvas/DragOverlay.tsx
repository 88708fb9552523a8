/**
 * While a block is dragged: an outline where it was, and, when QEMU would accept the drop, outlines where the
 * other memory devices would then land (QEMU places devices in -device order, so moving one can move others).
 */
import { memo } from 'react';
import { useDesigner } from '../../state/store.ts';
import type { MapModel } from '../map/map-model.ts';
import { BLOCK_PAD, clampSpan, LANE_H, type MapScale } from './geometry.ts';

interface Props {
  scale: MapScale;
  model: MapModel;
  laneY: (node: number) => number | null;
}

export const DragOverlay = memo(function DragOverlay({ scale, model, laneY }: Props) {
  const drag = useDesigner((s) => (s.drag?.active ? s.drag : null));
  if (!drag) return null;
  const h = LANE_H - 2 * BLOCK_PAD;
  const ghosts: Array<{ key: string; x0: number; x1: number; y: number; cls: string }> = [];
  const y0 = laneY(drag.originNode);
  const span0 = clampSpan(scale.toPx(drag.originAddr), scale.toPx(drag.originAddr + drag.size), scale.plotW);
  if (y0 !== null && span0) ghosts.push({ key: 'origin', x0: span0[0], x1: span0[1], y: y0, cls: 'ghost-origin' });
  const verdict = drag.verdict && drag.verdict.key === drag.candidateKey && drag.verdict.status === 'ok' ? drag.verdict : null;
  if (verdict) {
    for (const p of verdict.placements) {
      if (p.optionIndex === drag.optionIndex) continue;
      const now = model.devices.find((d) => d.optionIndex === p.optionIndex);
      if (!now || (now.start === p.addr && now.node === p.node)) continue;
      const y = laneY(p.node);
      const span = clampSpan(scale.toPx(p.addr), scale.toPx(p.addr + p.size), scale.plotW);
      if (y === null || !span) continue;
      ghosts.push({ key: `p${p.optionIndex}`, x0: span[0], x1: span[1], y, cls: 'ghost-moved' });
    }
  }
  return (
    <g className="drag-overlay" aria-hidden="true">
      {ghosts.map((g) => (
        <rect key={g.key} className={g.cls} x={g.x0} y={g.y + BLOCK_PAD} width={Math.max(2, g.x1 - g.x0)} height={h} rx={3} />
      ))}
    </g>
  );
});
