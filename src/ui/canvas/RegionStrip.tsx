/** The machine-wide regions along the top of the map: low RAM, holes, the hotplug window, the HT hole, … */
import { memo } from 'react';
import type { MapModel } from '../map/map-model.ts';
import { clampSpan, STRIP_H, STRIP_Y, type MapScale } from './geometry.ts';

interface Props {
  scale: MapScale;
  model: MapModel;
}

export const RegionStrip = memo(function RegionStrip({ scale, model }: Props) {
  return (
    <g className="region-strip">
      {model.regions.map((r, i) => {
        const span = clampSpan(scale.toPx(r.start), scale.toPx(r.end), scale.plotW);
        if (!span) return null;
        const [x0, x1] = span;
        const w = Math.max(0.5, x1 - x0);
        const label = r.label;
        const fits = w > label.length * 6.6 + 8;
        const shortText = !fits ? shortLabel(r.kind) : null;
        const short = shortText && w > shortText.length * 6.6 + 6 ? shortText : null;
        return (
          <g key={`${r.kind}${r.start}`} className={`region region-${r.kind}`} data-region-index={i}>
            <rect x={x0} y={STRIP_Y} width={w} height={STRIP_H} />
            {fits || short ? (
              <text x={(x0 + x1) / 2} y={STRIP_Y + STRIP_H / 2 + 4} textAnchor="middle">
                {fits ? label : short}
              </text>
            ) : null}
          </g>
        );
      })}
    </g>
  );
});

function shortLabel(kind: string): string | null {
  switch (kind) {
    case 'ram':
      return 'RAM';
    case 'hole-640k':
      return '640K';
    case 'pci-hole':
    case 'pci-hole64':
      return 'PCI';
    case 'amd-ht':
      return 'HT';
    case 'window':
      return 'hp';
    default:
      return null;
  }
}
