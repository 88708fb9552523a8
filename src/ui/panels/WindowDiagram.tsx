/**
 * The hotplug window drawn on its own: what occupies it (sp-mem, pc-dimm, nvdimm, free) and, underneath, the SRAT
 * memory-affinity entries that cover each part, so the partition of the umbrella is visible at a glance. A linear
 * scale (src/ui/canvas/linear-scale.ts, d3-scale's arithmetic) places it. A crowded window (thousands of devices)
 * is drawn in runs, one element per few pixels (window-runs.ts), and with one boundary line per few pixels.
 */
import { memo, useId, useMemo, useRef, useState } from 'react';
import { formatSize } from '../../core/base/index.ts';
import { SRAT_MEM_HOTPLUGGABLE, SRAT_MEM_NON_VOLATILE } from '../../core/machine/index.ts';
import type { Range, WindowInspection, WindowPart, WindowSratRef } from '../../core/designer/index.ts';
import { pickLabels } from '../map/ticks.ts';
import { sratMemFlags } from '../format.ts';
import { useElementWidth } from '../hooks/useElementWidth.ts';
import { linearScale } from '../canvas/linear-scale.ts';
import { drawRuns, thinTicks } from './window-runs.ts';

const LABEL_W = 70;
const RIGHT = 16;
const PART_Y = 8;
const PART_H = 38;
const SRAT_GAP = 8;
const SRAT_H = 24;
const LANE_GAP = 4;
const CHAR_W = 6.4;
const MONO_W = 6.1;

export interface FocusRange {
  range: Range;
  label: string;
}

export interface WindowDiagramProps {
  inspection: WindowInspection;
  /** a range to outline (the figure under the pointer) */
  focus: FocusRange | null;
  selectedOption: number | null;
  onSelectOption(optionIndex: number): void;
}

const hex = (v: bigint) => '0x' + v.toString(16);
/** up to this many boundaries every one is drawn (window-runs.ts thinTicks) */
const TICK_THIN_THRESHOLD = 256;

interface Tick {
  addr: bigint;
  /** where the boundary is (px) */
  at: number;
  /** the centre of its label (px) */
  x: number;
  width: number;
  priority: number;
  label: string;
}

interface PartFigures {
  px: [number, number];
  tick: Tick;
}

function fit(candidates: string[], width: number, charW = CHAR_W): string {
  for (const c of candidates) if (c.length * charW <= width - 8) return c;
  return '';
}

/** Whether two lists of parts draw the same: part by part the same part, or one of the same kind and option at the same place. */
function samePlaces(a: readonly WindowPart[], b: readonly WindowPart[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const p = a[i]!;
    const q = b[i]!;
    if (p !== q && (p.kind !== q.kind || p.optionIndex !== q.optionIndex || p.start !== q.start || p.end !== q.end)) return false;
  }
  return true;
}

/** Whether two lists of SRAT entries draw the same runs: entry by entry the same entry, or one of the same role over the same range. */
function sameCover(a: readonly WindowSratRef[], b: readonly WindowSratRef[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const e = a[i]!;
    const g = b[i]!;
    if (e !== g && (e.role !== g.role || e.base !== g.base || e.length !== g.length)) return false;
  }
  return true;
}

function partName(p: WindowPart): string {
  if (p.kind === 'free') return 'free';
  return p.id ?? `(${p.kind})`;
}

function partTitle(p: WindowPart): string {
  const what = p.kind === 'free' ? 'free space' : `${p.kind} ${p.id ?? '(unnamed)'} on node ${p.node}`;
  const srat = p.sratEntries.map((e) => `SRAT #${e.index}: PXM ${e.pxm}, ${sratMemFlags(e.flags)}`).join('; ');
  return `${what}\n[${hex(p.start)}, ${hex(p.end)}) · ${formatSize(p.size)}\n${p.hotpluggable ? 'inside a HOTPLUGGABLE SRAT entry' : 'not hotpluggable (ENABLED-only SRAT entry)'}${srat ? `\n${srat}` : ''}`;
}

function sratShort(e: WindowSratRef): string {
  if (e.flags & SRAT_MEM_NON_VOLATILE) return 'NON_VOLATILE';
  if (e.flags & SRAT_MEM_HOTPLUGGABLE) return 'HOTPLUGGABLE';
  return 'ENABLED';
}

export const WindowDiagram = memo(function WindowDiagram({ inspection, focus, selectedOption, onSelectOption }: WindowDiagramProps) {
  const ref = useRef<HTMLDivElement>(null);
  const width = useElementWidth(ref, 900);
  const uid = useId().replace(/:/g, '');
  const [hover, setHover] = useState<number | null>(null);
  const f = inspection.figures!;
  const parts = inspection.parts;

  const srat = useMemo(() => {
    const seen = new Map<number, WindowSratRef>();
    for (const p of parts) for (const e of p.sratEntries) seen.set(e.index, e);
    const all = [...seen.values()].sort((a, b) => (a.base < b.base ? -1 : a.base > b.base ? 1 : 0));
    return { partition: all.filter((e) => e.role !== 'nvdimm'), nvdimm: all.filter((e) => e.role === 'nvdimm') };
  }, [parts]);

  const lanes = srat.nvdimm.length ? 2 : 1;
  const sratY = PART_Y + PART_H + SRAT_GAP;
  const sratBottom = sratY + lanes * SRAT_H + (lanes - 1) * LANE_GAP;
  const bracketY = sratBottom + 12;
  const axisY = bracketY + 22;
  const height = axisY + 26;

  const x = useMemo(
    () =>
      linearScale([Number(f.base), Number(f.end)], [LABEL_W, Math.max(LABEL_W + 100, width - RIGHT)]),
    [f.base, f.end, width],
  );
  const px = (v: bigint) => x(Number(v));
  const span = (a: bigint, b: bigint) => ({ x: px(a), w: Math.max(1.5, px(b) - px(a)) });

  // What each part needs that depends on the scale alone: its pixels and its boundary tick. An edit gives a new
  // list of parts, but the parts it leaves alone are the same objects as before: those are not measured again.
  const perPart = useMemo(() => new WeakMap<WindowPart, PartFigures>(), [x]);
  const perEntry = useMemo(() => new WeakMap<WindowSratRef, [number, number]>(), [x, f.base, f.end]);
  const figures = (p: WindowPart): PartFigures => {
    let c = perPart.get(p);
    if (!c) {
      const at = x(Number(p.start));
      const label = hex(p.start);
      c = { px: [at, x(Number(p.end))], tick: { addr: p.start, at, x: at, width: label.length * MONO_W, priority: 1, label } };
      perPart.set(p, c);
    }
    return c;
  };
  // The list of parts the runs and the ticks are made of: the previous list while every part is where it was (an
  // edit of a device's node, say), so that they are not made again.
  const placedRef = useRef<{ parts: readonly WindowPart[]; perPart: WeakMap<WindowPart, PartFigures> } | null>(null);
  const placed = useMemo(() => {
    const prev = placedRef.current;
    if (prev && prev.perPart === perPart && samePlaces(prev.parts, parts)) return prev.parts;
    placedRef.current = { parts, perPart };
    return parts;
  }, [parts, perPart]);

  // the parts and SRAT entries as drawn: runs of slivers merged (every item its own run in a small window)
  const partRuns = useMemo(
    () =>
      drawRuns(
        placed,
        (p) => figures(p).px,
        (p) => p.kind,
        { keep: (p) => p.optionIndex !== undefined && p.optionIndex === selectedOption },
      ),
    [placed, perPart, selectedOption],
  );
  // (likewise the SRAT entries: the previous lists while every entry covers what it covered)
  const sratPlacedRef = useRef<{ lists: WindowSratRef[][]; perEntry: WeakMap<WindowSratRef, [number, number]> } | null>(null);
  const sratPlaced = useMemo(() => {
    const lists = [srat.partition, srat.nvdimm];
    const prev = sratPlacedRef.current;
    if (prev && prev.perEntry === perEntry && prev.lists.every((l, i) => sameCover(l, lists[i]!))) return prev.lists;
    sratPlacedRef.current = { lists, perEntry };
    return lists;
  }, [srat, perEntry]);
  const sratRuns = useMemo(
    () =>
      sratPlaced.map((list) =>
        drawRuns(
          list,
          (e) => {
            let c = perEntry.get(e);
            if (!c) {
              c = [x(Number(e.base < f.base ? f.base : e.base)), x(Number(e.base + e.length > f.end ? f.end : e.base + e.length))];
              perEntry.set(e, c);
            }
            return c;
          },
          (e) => e.role,
        ),
      ),
    [sratPlaced, x, f.base, f.end, perEntry],
  );

  const hoverRun = hover !== null ? partRuns[hover] : undefined;
  const linkedSrat = useMemo(() => {
    const set = new Set<number>();
    if (hoverRun) for (let i = hoverRun.first; i <= hoverRun.last; i++) for (const e of parts[i]!.sratEntries) set.add(e.index);
    return set;
  }, [hoverRun, parts]);

  const ticks = useMemo(() => {
    const edge = (a: bigint): Tick => {
      const label = hex(a);
      const at = x(Number(a));
      const w = label.length * MONO_W;
      // base and end are drawn start- and end-anchored: their boxes sit inside the axis
      return { addr: a, at, x: a === f.base ? at + w / 2 : at - w / 2, width: w, priority: 2, label };
    };
    const items: Tick[] = [edge(f.base)];
    if (f.end !== f.base) items.push(edge(f.end));
    if (placed.length <= TICK_THIN_THRESHOLD) {
      const seen = new Set<bigint>([f.base, f.end]);
      for (const p of placed) {
        if (seen.has(p.start)) continue;
        seen.add(p.start);
        items.push(figures(p).tick);
      }
    } else {
      // (a crowded window is thinned to one line per 2 px, which keeps one of the ticks at one address: only
      // the base and the end, always kept, must not come twice)
      for (const p of placed) if (p.start !== f.base && p.start !== f.end) items.push(figures(p).tick);
    }
    // (a crowded window: one boundary line per 2 px)
    const all = thinTicks(items, 2, TICK_THIN_THRESHOLD);
    return { all, labelled: pickLabels(all, 10) };
  }, [placed, f.base, f.end, x, perPart]);
  // (the boundary lines as elements, made again only with the ticks: hundreds of them)
  const gridLines = useMemo(
    () => ticks.all.map((t) => <line key={`g${t.addr}`} x1={t.at} x2={t.at} y1={PART_Y - 4} y2={axisY} className="wd-grid" />),
    [ticks, axisY],
  );
  const axisMarks = useMemo(
    () => (
      <>
        {ticks.all.map((t) => (
          <line key={`t${t.addr}`} x1={t.at} x2={t.at} y1={axisY} y2={axisY + 4} className="tick-boundary" />
        ))}
        {ticks.labelled.map((t) => {
          const anchor = t.addr === f.base ? 'start' : t.addr === f.end ? 'end' : 'middle';
          return (
            <text key={`l${t.addr}`} x={t.at} y={axisY + 16} textAnchor={anchor} className="axis-label">
              {t.label}
            </text>
          );
        })}
      </>
    ),
    [ticks, axisY, f.base, f.end],
  );

  const lf = f.largestFree;

  return (
    <div className="wd" ref={ref}>
      <svg width={width} height={height} className="wd-svg" role="img" aria-label="The hotplug window: parts and the SRAT entries covering them">
        <defs>
          <pattern id={`${uid}-free`} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width="6" height="6" className="hatch-free-bg" />
            <line x1="0" y1="0" x2="0" y2="6" className="hatch-free-line" />
          </pattern>
        </defs>
        <text x={8} y={PART_Y + PART_H / 2 + 4} className="wd-row-label">
          Devices
        </text>
        <text x={8} y={sratY + SRAT_H / 2 + 4} className="wd-row-label">
          SRAT
        </text>
        {lanes === 2 ? (
          <text x={8} y={sratY + SRAT_H + LANE_GAP + SRAT_H / 2 + 4} className="wd-row-label">
            NVDIMM
          </text>
        ) : null}

        {/* part boundaries carried down through the SRAT row */}
        {gridLines}

        {focus ? (
          <g className="wd-focus" data-testid="window-focus">
            <rect x={span(focus.range.start, focus.range.end).x} width={span(focus.range.start, focus.range.end).w} y={PART_Y - 5} height={axisY - PART_Y + 5} />
          </g>
        ) : null}

        {partRuns.map((r, ri) => {
          if (r.first !== r.last) {
            const p0 = parts[r.first]!;
            const p1 = parts[r.last]!;
            const n = r.last - r.first + 1;
            const target = p0.optionIndex;
            return (
              <g
                key={`run-${p0.kind}-${p0.start}`}
                className={`wd-part wd-${p0.kind} wd-run${hover === ri ? ' hovered' : ''}`}
                data-testid="window-part-run"
                onMouseEnter={() => setHover(ri)}
                onMouseLeave={() => setHover(null)}
                onClick={target !== undefined ? () => onSelectOption(target) : undefined}
              >
                <title>{`${n} ${p0.kind === 'free' ? 'free ranges' : `${p0.kind} devices`} (${partName(p0)} … ${partName(p1)})\n[${hex(p0.start)}, ${hex(p1.end)})`}</title>
                <rect x={r.x0} y={PART_Y} width={Math.max(1.5, r.x1 - r.x0)} height={PART_H} style={p0.kind === 'free' ? { fill: `url(#${uid}-free)` } : undefined} />
              </g>
            );
          }
          const i = r.first;
          const p = parts[i]!;
          const s = span(p.start, p.end);
          const name = partName(p);
          const label = fit([`${name} · ${formatSize(p.size)}`, name, formatSize(p.size)], s.w);
          const cls = [
            'wd-part',
            `wd-${p.kind}`,
            hover === ri ? 'hovered' : '',
            p.optionIndex !== undefined && p.optionIndex === selectedOption ? 'selected' : '',
          ].join(' ');
          const clickable = p.optionIndex !== undefined;
          return (
            <g
              key={`${p.kind}-${p.start}`}
              className={cls}
              data-testid={`window-part-${p.kind === 'free' ? `free-${hex(p.start)}` : (p.id ?? `#${p.optionIndex}`)}`}
              onMouseEnter={() => setHover(ri)}
              onMouseLeave={() => setHover(null)}
              onClick={clickable ? () => onSelectOption(p.optionIndex!) : undefined}
              onKeyDown={clickable ? (e) => (e.key === 'Enter' || e.key === ' ') && (e.preventDefault(), onSelectOption(p.optionIndex!)) : undefined}
              tabIndex={clickable ? 0 : undefined}
              role={clickable ? 'button' : undefined}
              aria-label={clickable ? `Select ${p.kind} ${name}` : undefined}
            >
              <title>{partTitle(p)}</title>
              <rect x={s.x} y={PART_Y} width={s.w} height={PART_H} rx={2} style={p.kind === 'free' ? { fill: `url(#${uid}-free)` } : undefined} />
              {label ? (
                <text x={s.x + s.w / 2} y={PART_Y + PART_H / 2 + 4} textAnchor="middle">
                  {label}
                </text>
              ) : null}
            </g>
          );
        })}

        {[srat.partition, srat.nvdimm].map((list, lane) =>
          sratRuns[lane]!.map((r) => {
            if (r.first !== r.last) {
              const e0 = list[r.first]!;
              const e1 = list[r.last]!;
              const y = sratY + lane * (SRAT_H + LANE_GAP);
              let linked = false;
              for (let k = r.first; k <= r.last && !linked && linkedSrat.size > 0; k++) linked = linkedSrat.has(list[k]!.index);
              return (
                <g key={`sr${e0.index}`} className={`wd-srat wd-srat-${e0.role} wd-run${linked ? ' linked' : ''}`} data-testid="window-srat-run">
                  <title>{`SRAT entries #${e0.index} … #${e1.index} (${r.last - r.first + 1}): memory affinity\n[${hex(e0.base)}, ${hex(e1.base + e1.length)})`}</title>
                  <rect x={r.x0} y={y} width={Math.max(1, r.x1 - r.x0)} height={SRAT_H} />
                </g>
              );
            }
            const e = list[r.first]!;
            const a = e.base < f.base ? f.base : e.base;
            const bEnd = e.base + e.length > f.end ? f.end : e.base + e.length;
            const s = span(a, bEnd);
            const y = sratY + lane * (SRAT_H + LANE_GAP);
            const label = fit([`#${e.index} ${sratShort(e)} · PXM ${e.pxm}`, `#${e.index} · PXM ${e.pxm}`, `#${e.index}`], s.w);
            return (
              <g key={`s${e.index}`} className={`wd-srat wd-srat-${e.role}${linkedSrat.has(e.index) ? ' linked' : ''}`} data-testid="window-srat-entry">
                <title>{`SRAT entry #${e.index}: memory affinity, PXM ${e.pxm}\nbase ${hex(e.base)}, length ${hex(e.length)} (${formatSize(e.length)})\nflags ${sratMemFlags(e.flags)}`}</title>
                <rect x={s.x + 0.5} y={y} width={Math.max(1, s.w - 1)} height={SRAT_H} rx={2} />
                {label ? (
                  <text x={s.x + s.w / 2} y={y + SRAT_H / 2 + 4} textAnchor="middle">
                    {label}
                  </text>
                ) : null}
              </g>
            );
          }),
        )}

        {lf ? (
          <g className="wd-bracket" aria-hidden="true">
            {(() => {
              const s = span(lf.start, lf.end);
              const text = fit([`largest free range · ${formatSize(lf.size)}`, formatSize(lf.size)], s.w);
              return (
                <>
                  <path d={`M${s.x + 1},${bracketY - 5} v5 h${s.w - 2} v-5`} />
                  {text ? (
                    <text x={s.x + s.w / 2} y={bracketY + 12} textAnchor="middle">
                      {text}
                    </text>
                  ) : null}
                </>
              );
            })()}
          </g>
        ) : null}

        <g className="wd-axis" aria-hidden="true">
          <line x1={px(f.base)} x2={px(f.end)} y1={axisY} y2={axisY} className="axis-line" />
          {axisMarks}
        </g>
      </svg>
    </div>
  );
});
