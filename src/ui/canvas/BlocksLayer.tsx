/**
 * The memory devices' layer: one focusable, draggable block per device. The layer element is what the drag
 * controller binds to (`layerRef`) and where keyboard moves and focus arrive. Blocks are memoised: after an edit
 * only the blocks whose device, lane, selection or highlight changed render again. Of a large design's slivers
 * (thousands of devices a fraction of a pixel wide) only as many are drawn as paint the same pixels.
 */
import { useMemo, type RefObject } from 'react';
import { useDesigner } from '../../state/store.ts';
import { groupBlocks, visibleBlocks } from '../map/block-cull.ts';
import type { Links } from '../linking.ts';
import type { MapModel } from '../map/map-model.ts';
import { BLOCK_PAD, clampSpan, LANE_H, type MapScale } from './geometry.ts';
import { useMapNotes } from './map-notes.ts';
import { MemoryBlock } from './MemoryBlock.tsx';

interface Props {
  layerRef: RefObject<SVGGElement | null>;
  model: MapModel;
  scale: MapScale;
  laneY: (node: number) => number | null;
  /** the option index of the selected device, if a device is selected */
  selectedIndex: number | null;
  links: Links;
  onKeyDown: (event: React.KeyboardEvent<SVGGElement>) => void;
  onFocus: (event: React.FocusEvent<SVGGElement>) => void;
}

export function BlocksLayer({ layerRef, model, scale, laneY, selectedIndex, links, onKeyDown, onFocus }: Props) {
  // one subscription for the layer (not one per block): the option index of the block being dragged
  const dragged = useDesigner((s) => (s.drag?.active ? s.drag.optionIndex : null));
  // a large design's slivers: the fewest elements that paint the same pixels (map/block-cull.ts); the blocks the
  // user works with are always drawn
  const groups = useMemo(() => groupBlocks(model.devices), [model.devices]);
  const keepKey = `${selectedIndex}/${dragged}/${[...links.devices].join(',')}`;
  const keep = useMemo(() => {
    const k = new Set(links.devices);
    if (selectedIndex !== null) k.add(selectedIndex);
    if (dragged !== null) k.add(dragged);
    return k;
  }, [keepKey]);
  const shown = useMemo(() => visibleBlocks(model.devices, groups, scale.toPx, scale.plotW, { keep }), [model.devices, groups, scale, keep]);
  // after a refused drop, while its notice shows: the blocks the drop collided with, outlined
  const noticeId = useDesigner((s) => s.notice?.id ?? null);
  const refusal = useMapNotes().refusal;
  const conflicts = refusal && refusal.noticeId === noticeId && dragged === null ? refusal.words.conflicts : [];
  return (
    <g ref={layerRef} className="blocks" clipPath="url(#plot-clip)" onKeyDown={onKeyDown} onFocus={onFocus} data-shown={shown.blocks.length}>
      {shown.blocks.map((b) => (
        <MemoryBlock
          key={b.key}
          block={b}
          scale={scale}
          laneY={laneY}
          selected={selectedIndex === b.optionIndex}
          highlighted={links.devices.has(b.optionIndex) && selectedIndex !== b.optionIndex}
          dragSource={dragged === b.optionIndex}
          drawTo={shown.drawTo.get(b.optionIndex)}
        />
      ))}
      {conflicts.map((key) => {
        const d = model.devices.find((b) => b.key === key);
        const y = d ? laneY(d.node) : null;
        const span = d ? clampSpan(scale.toPx(d.start), scale.toPx(d.end), scale.plotW) : null;
        if (!d || y === null || !span) return null;
        return (
          <rect
            key={key}
            className="conflict-outline"
            data-testid={`conflict-${key}`}
            x={span[0] - 2}
            y={y + BLOCK_PAD - 2}
            width={Math.max(2, span[1] - span[0]) + 4}
            height={LANE_H - 2 * BLOCK_PAD + 4}
            rx={4}
          />
        );
      })}
    </g>
  );
}
