/**
 * The memory devices' layer: one focusable, draggable block per device. The layer element is what the drag
 * controller binds to (`layerRef`) and where keyboard moves and focus arrive.
 */
import type { RefObject } from 'react';
import type { Links } from '../linking.ts';
import type { MapModel } from '../map/map-model.ts';
import type { MapScale } from './geometry.ts';
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
  return (
    <g ref={layerRef} className="blocks" clipPath="url(#plot-clip)" onKeyDown={onKeyDown} onFocus={onFocus}>
      {model.devices.map((b) => (
        <MemoryBlock
          key={b.key}
          block={b}
          scale={scale}
          laneY={laneY}
          selected={selectedIndex === b.optionIndex}
          highlighted={links.devices.has(b.optionIndex) && selectedIndex !== b.optionIndex}
        />
      ))}
    </g>
  );
}
