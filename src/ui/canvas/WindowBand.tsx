/** The hotplug window across all lanes, with its free parts hatched. */
import type { MapModel } from '../map/map-model.ts';
import { clampSpan, type MapScale } from './geometry.ts';

export function WindowBand({ scale, model, top, bottom }: { scale: MapScale; model: MapModel; top: number; bottom: number }) {
  if (!model.window) return null;
  const span = clampSpan(scale.toPx(model.window.start), scale.toPx(model.window.end), scale.plotW);
  return (
    <g className="window-band" aria-hidden="true">
      {span ? <rect className="window-outline" x={span[0]} y={top} width={Math.max(1, span[1] - span[0])} height={bottom - top} /> : null}
      {model.windowFree.map((f) => {
        const s = clampSpan(scale.toPx(f.start), scale.toPx(f.end), scale.plotW);
        if (!s) return null;
        return <rect key={String(f.start)} className="free-window" x={s[0]} y={top} width={Math.max(1, s[1] - s[0])} height={bottom - top} />;
      })}
    </g>
  );
}
