/**
 * The memory devices' layer: one focusable, draggable block per device. The layer element is what the drag
 * controller binds to (`layerRef`) and where keyboard moves and focus arrive. Blocks are memoised: after an edit
 * only the blocks whose device, lane, selection or highlight changed render again. Of a large design's slivers
 * (thousands of devices a fraction of a pixel wide) only as many are drawn as paint the same pixels. Labels are
 * placed lane by lane so that none overlaps another (map/labels.ts).
 *
 * The blocks are one Tab stop: the selected block (else the first); Ctrl+arrows move the focus between blocks
 * (hooks/useBlockDrag.ts), and while the focus is in the layer it follows the selection.
 */
import { useEffect, useMemo, type RefObject } from 'react';
import { useDesigner } from '../../state/store.ts';
import { blockSpan, groupBlocks, visibleBlocks } from '../map/block-cull.ts';
import { placeLabels } from '../map/labels.ts';
import type { Links } from '../linking.ts';
import type { MapModel } from '../map/map-model.ts';
import { BLOCK_PAD, clampSpan, LANE_H, type MapScale } from './geometry.ts';
import { formatSize } from '../../core/base/index.ts';
import { useMapNotes } from './map-notes.ts';
import { MemoryBlock } from './MemoryBlock.tsx';
import '../map/virtio-blocks.css';

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
  onBlur: () => void;
}

/** A label's width (px) in the block label's font (styles.css `.block-label`), measured once per text. */
const widths = new Map<string, number>();
let ctx: CanvasRenderingContext2D | null | undefined;
function labelWidth(text: string): number {
  let w = widths.get(text);
  if (w !== undefined) return w;
  if (ctx === undefined) {
    ctx = document.createElement('canvas').getContext('2d');
    if (ctx) ctx.font = `600 11px ${getComputedStyle(document.body).fontFamily}`;
  }
  w = ctx ? Math.ceil(ctx.measureText(text).width) + 1 : text.length * 7;
  widths.set(text, w);
  return w;
}

/**
 * A block edge on the plot: clamped (a little overflow, hidden by the clip) and rounded to 1/100 px, so that an edit
 * that leaves a block where it was gives it the same numbers, whatever the rounding of a new scale.
 */
const onPlot = (x: number, plotW: number): number => Math.round(Math.min(Math.max(x, -4), plotW + 4) * 100) / 100;

export function BlocksLayer({ layerRef, model, scale, laneY, selectedIndex, links, onKeyDown, onFocus, onBlur }: Props) {
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
  const labels = useMemo(() => {
    const at = (start: number, end: number, to?: number): [number, number] => {
      const x0 = Math.min(Math.max(start, -4), scale.plotW + 4);
      return [x0, Math.max(x0 + 2, Math.min(end, scale.plotW + 4), to ?? 0)];
    };
    const items = shown.blocks.map((b) => {
      const span = blockSpan(scale.toPx, b);
      const [x0, x1] = at(span[0], span[1], shown.drawTo.get(b.optionIndex));
      const name = b.id ?? `(unnamed #${b.optionIndex})`;
      return { key: b.key, lane: b.node, x0, x1, name, full: `${name} · ${formatSize(b.size)}` };
    });
    const ram = model.ram.map((r) => {
      const [x0, x1] = at(scale.toPx(r.start), scale.toPx(r.end));
      return { lane: r.node, x0, x1 };
    });
    return placeLabels(items, scale.plotW, labelWidth, ram);
  }, [shown, scale, model.ram]);
  const tabStop = shown.blocks.some((b) => b.optionIndex === selectedIndex) ? selectedIndex : (shown.blocks[0]?.optionIndex ?? null);
  // while the focus is on a block, it follows the selection (keyboard moves between blocks); after the commit, so
  // that what the focus shows (the card) is there
  useEffect(() => {
    const layer = layerRef.current;
    if (selectedIndex === null || !layer?.contains(document.activeElement)) return;
    const key = model.devices.find((d) => d.optionIndex === selectedIndex)?.key;
    const el = key ? layer.querySelector<SVGGElement>(`[data-block-key="${CSS.escape(key)}"]`) : null;
    if (el && el !== document.activeElement) el.focus({ preventScroll: true });
  }, [selectedIndex, shown, layerRef, model.devices]);
  // after a refused drop, while its notice shows: the blocks the drop collided with, outlined
  const noticeId = useDesigner((s) => s.notice?.id ?? null);
  const refusal = useMapNotes().refusal;
  const conflicts = refusal && refusal.noticeId === noticeId && dragged === null ? refusal.words.conflicts : [];
  return (
    <g ref={layerRef} className="blocks" clipPath="url(#plot-clip)" onKeyDown={onKeyDown} onFocus={onFocus} onBlur={onBlur} data-shown={shown.blocks.length}>
      {shown.blocks.map((b) => {
        const span = blockSpan(scale.toPx, b);
        return (
          <MemoryBlock
            key={b.key}
            block={b}
            x0={onPlot(span[0], scale.plotW)}
            x1={onPlot(span[1], scale.plotW)}
            laneY={laneY}
            selected={selectedIndex === b.optionIndex}
            highlighted={links.devices.has(b.optionIndex) && selectedIndex !== b.optionIndex}
            dragSource={dragged === b.optionIndex}
            drawTo={shown.drawTo.get(b.optionIndex)}
            tabbable={tabStop === b.optionIndex}
            labelText={labels.get(b.key)?.text}
            labelX={labels.get(b.key)?.x}
            labelOutside={labels.get(b.key)?.outside}
          />
        );
      })}
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
