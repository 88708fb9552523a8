/**
 * Moving the focus between the map's blocks with the keyboard: left and right to the previous or next block of
 * the lane (in address order), Home and End to its first or last, up and down to the block nearest on screen in
 * the next lane above or below that has any.
 */
import type { DeviceBlock } from './map-model.ts';

export type BlockNavKey = 'ArrowLeft' | 'ArrowRight' | 'ArrowUp' | 'ArrowDown' | 'Home' | 'End';

/** A key that moves the focus, not the block: Ctrl or Alt with an arrow, Home, End. */
export const isFocusMove = (e: { key: string; ctrlKey: boolean; altKey: boolean }): e is { key: BlockNavKey; ctrlKey: boolean; altKey: boolean } =>
  /^(Home|End)$/.test(e.key) || ((e.ctrlKey || e.altKey) && /^Arrow(Left|Right|Up|Down)$/.test(e.key));

/** The block the focus goes to from `from`, or null when there is none that way; `centre` is a block's centre (px). */
export function neighbourBlock(
  blocks: readonly DeviceBlock[],
  nodeIds: readonly number[],
  from: DeviceBlock,
  key: BlockNavKey,
  centre: (b: DeviceBlock) => number,
): DeviceBlock | null {
  const lane = (node: number) => blocks.filter((b) => b.node === node).sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  let to: DeviceBlock | undefined;
  if (key === 'ArrowUp' || key === 'ArrowDown') {
    const dir = key === 'ArrowUp' ? -1 : 1;
    const c = centre(from);
    for (let i = nodeIds.indexOf(from.node) + dir; !to && i >= 0 && i < nodeIds.length; i += dir) {
      to = lane(nodeIds[i]!).reduce<DeviceBlock | undefined>((a, b) => (!a || Math.abs(centre(b) - c) < Math.abs(centre(a) - c) ? b : a), undefined);
    }
  } else {
    const l = lane(from.node);
    const i = l.indexOf(from);
    to = key === 'Home' ? l[0] : key === 'End' ? l[l.length - 1] : l[i + (key === 'ArrowLeft' ? -1 : 1)];
  }
  return to && to !== from ? to : null;
}
