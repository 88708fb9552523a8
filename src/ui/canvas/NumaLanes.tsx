/** One lane per NUMA node of the layout, top to bottom in the map model's node order, each with its RAM ranges. */
import { useMemo } from 'react';
import type { DerivedView } from '../hooks/useDerived.ts';
import type { Links } from '../linking.ts';
import type { MapModel } from '../map/map-model.ts';
import { LANE_H, LANES_TOP, type MapScale } from './geometry.ts';
import { NumaLane, type LaneInfo } from './NumaLane.tsx';

interface Props {
  nodes: NonNullable<DerivedView['layout']>['nodes'];
  model: MapModel;
  scale: MapScale;
  links: Links;
  onSelectNode: (nodeId: number) => void;
}

export function NumaLanes({ nodes, model, scale, links, onSelectNode }: Props) {
  const lanes: LaneInfo[] = useMemo(() => nodes.map((n) => ({ id: n.id, ram: n.size, cpus: n.cpus.length, implicit: n.implicit })), [nodes]);
  return (
    <>
      {lanes.map((lane, i) => (
        <NumaLane
          key={lane.id}
          lane={lane}
          y={LANES_TOP + i * LANE_H}
          scale={scale}
          ram={model.ram.filter((r) => r.node === lane.id)}
          highlighted={links.lanes.has(lane.id)}
          highlightedRam={links.ramRanges}
          onSelectNode={onSelectNode}
        />
      ))}
    </>
  );
}
