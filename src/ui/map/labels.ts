/**
 * Where the blocks' labels go on a dense map. In each lane, left to right, a block's label is, by preference:
 * inside it (name and size, else the name, else the name abbreviated around its trailing number: `hb…12`), else
 * beside it in the free space to its right or left (the name, else abbreviated, else its trailing number alone:
 * `…12`), else inside it that number. A label never overlaps another label or another
 * block, and stays in the plot; a block with room for none has no label (its full name is in its accessible name
 * and its hover or focus card).
 */

export interface LabelBlock {
  key: string;
  lane: number;
  /** the block's drawn extent (plot px) */
  x0: number;
  x1: number;
  name: string;
  /** the label when there is room: name and size */
  full: string;
}

export interface PlacedLabel {
  text: string;
  /** where the text starts (plot px) */
  x: number;
  outside: boolean;
}

/** padding inside a block, and the least space between a label and anything else */
export const LABEL_PAD = 4;
const GAP = 4;
/** between a label beside a block and its block */
const NEAR = 3;

/** `name` shortened to fewer characters, longest first: the head cut with an ellipsis, a trailing number kept. */
const tailOf = (name: string) => /\d{1,4}$/.exec(name)?.[0] ?? '';

export function abbreviations(name: string): string[] {
  const tail = tailOf(name);
  const out: string[] = [];
  for (let k = name.length - tail.length - 2; k >= 1; k--) out.push(`${name.slice(0, k)}…${tail}`);
  return out;
}

interface Candidates {
  /** the name and its abbreviations, longest first, and their widths */
  names: string[];
  widths: number[];
  /** the trailing number alone (`…12`), and whether it may stand for the name */
  tail: string;
  tailWidth: number;
  short: boolean;
}

/** The labels a name may get, with their widths: made once per name and width function (a map is drawn often). */
const candidateCache = new WeakMap<(text: string) => number, Map<string, Candidates>>();
function candidates(name: string, width: (text: string) => number): Candidates {
  let byName = candidateCache.get(width);
  if (!byName) candidateCache.set(width, (byName = new Map()));
  let c = byName.get(name);
  if (!c) {
    if (byName.size >= 50_000) byName.clear();
    const names = [name, ...abbreviations(name)];
    const tail = `…${tailOf(name)}`;
    c = { names, widths: names.map(width), tail, tailWidth: width(tail), short: tail.length > 1 && tail.length <= name.length };
    byName.set(name, c);
  }
  return c;
}

/** Labels for the blocks (any order); `width` is a text's width in px, `obstacles` other shapes in the lanes. */
export function placeLabels(
  blocks: readonly LabelBlock[],
  plotW: number,
  width: (text: string) => number,
  obstacles: ReadonlyArray<{ lane: number; x0: number; x1: number }> = [],
): Map<string, PlacedLabel> {
  const out = new Map<string, PlacedLabel>();
  const lanes = new Map<number, Array<{ x0: number; x1: number; b?: LabelBlock }>>();
  for (const s of [...blocks.map((b) => ({ lane: b.lane, x0: b.x0, x1: b.x1, b })), ...obstacles]) {
    let l = lanes.get(s.lane);
    if (!l) lanes.set(s.lane, (l = []));
    l.push(s);
  }
  for (const shapes of lanes.values()) {
    shapes.sort((a, b) => a.x0 - b.x0 || a.x1 - b.x1);
    // the right end of everything placed or drawn so far in the lane (labels are placed left to right)
    let used = 0;
    let prevEnd = 0;
    shapes.forEach((s, i) => {
      const b = s.b;
      const lo = Math.max(s.x0, 0);
      const hi = Math.min(s.x1, plotW);
      const left = Math.max(used, prevEnd + GAP);
      prevEnd = Math.max(prevEnd, s.x1);
      if (!b || hi - lo <= 0) return;
      const c = candidates(b.name, width);
      const start = Math.max(lo + LABEL_PAD, used);
      let placed: PlacedLabel | null = width(b.full) <= hi - LABEL_PAD - start ? { text: b.full, x: start, outside: false } : null;
      for (let k = 0; !placed && k < c.names.length; k++) {
        if (c.widths[k]! <= hi - LABEL_PAD - start) placed = { text: c.names[k]!, x: start, outside: false };
      }
      let j = i + 1;
      while (j < shapes.length && shapes[j]!.x1 <= s.x1) j++;
      const right = Math.min((shapes[j]?.x0 ?? Infinity) - GAP, plotW);
      const beside = c.short ? c.names.length + 1 : c.names.length;
      for (let k = 0; !placed && k < beside; k++) {
        const t = k < c.names.length ? c.names[k]! : c.tail;
        const w = k < c.names.length ? c.widths[k]! : c.tailWidth;
        if (s.x1 + NEAR + w <= right) placed = { text: t, x: s.x1 + NEAR, outside: true };
        else if (s.x0 - NEAR - w >= Math.max(left, 0)) placed = { text: t, x: s.x0 - NEAR - w, outside: true };
      }
      // the last resort, inside with less padding: the trailing number alone ("…12")
      const at = Math.max(lo + 2, used);
      if (!placed && c.short && c.tailWidth <= hi - 2 - at) placed = { text: c.tail, x: at, outside: false };
      if (!placed) return;
      out.set(b.key, placed);
      used = Math.max(used, placed.x + width(placed.text) + GAP);
    });
  }
  return out;
}
