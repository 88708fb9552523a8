/**
 * Windowed rendering of a long table: only the rows in (and near) the scroll container's view are rendered, with
 * spacer rows above and below standing for the rest, so a table of thousands of entries costs what a screenful
 * costs. Short tables (up to `threshold` rows) are rendered whole, as before.
 *
 * Rows are taken to be of one height (the tables keep their rows on one line when windowed); it is measured from
 * the first rendered row.
 */
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import type { Selection } from '../../state/store.ts';

export interface VirtualRows {
  /** whether the table is windowed at all */
  windowed: boolean;
  /** first rendered row (inclusive) */
  start: number;
  /** last rendered row (exclusive) */
  end: number;
  /** height of the spacer above the rendered rows (px) */
  padTop: number;
  /** height of the spacer below them (px) */
  padBottom: number;
  /** scroll the container (never the page) so that row `i` is in view (no scrolling when it already is) */
  scrollToRow: (i: number) => void;
}

export interface VirtualRowsOptions {
  /** render every row up to this many */
  threshold?: number;
  /** rows rendered beyond each edge of the view */
  overscan?: number;
  /** assumed row height until one is measured (px) */
  estimate?: number;
}

/** The visible slice of `count` rows of a table (or list) in `scrollRef`, whose body is `bodyRef` (rows marked `data-row`). */
export function useVirtualRows(
  scrollRef: RefObject<HTMLElement | null>,
  bodyRef: RefObject<HTMLElement | null>,
  count: number,
  { threshold = 200, overscan = 12, estimate = 21 }: VirtualRowsOptions = {},
): VirtualRows {
  const windowed = count > threshold;
  const [view, setView] = useState({ top: 0, height: 480 });
  const rowH = useRef(estimate);
  const frame = useRef(0);

  // follow the container's scroll position and height (one update per animation frame)
  useEffect(() => {
    const el = scrollRef.current;
    if (!el || !windowed) return;
    const read = () => {
      frame.current = 0;
      setView((v) => (v.top === el.scrollTop && v.height === el.clientHeight ? v : { top: el.scrollTop, height: el.clientHeight || v.height }));
    };
    const onScroll = () => {
      if (!frame.current) frame.current = requestAnimationFrame(read);
    };
    read();
    el.addEventListener('scroll', onScroll, { passive: true });
    const ro = typeof ResizeObserver !== 'undefined' ? new ResizeObserver(onScroll) : null;
    ro?.observe(el);
    return () => {
      el.removeEventListener('scroll', onScroll);
      ro?.disconnect();
      if (frame.current) cancelAnimationFrame(frame.current);
      frame.current = 0;
    };
  }, [scrollRef, windowed]);

  // the row height, from a rendered row, once (measuring forces a layout of the page)
  const measured = useRef(false);
  useLayoutEffect(() => {
    if (!windowed || measured.current) return;
    const row = bodyRef.current?.querySelector<HTMLElement>('[data-row]');
    if (!row) return;
    measured.current = true;
    const h = row.getBoundingClientRect().height;
    if (h > 4 && Math.abs(h - rowH.current) > 0.5) {
      rowH.current = h;
      setView((v) => ({ ...v }));
    }
  });

  const h = rowH.current;
  let start = 0;
  let end = count;
  if (windowed) {
    // the header row sits above the body inside the scroll container: count it as one row
    const first = Math.floor(Math.max(0, view.top - h) / h);
    start = Math.max(0, Math.min(count, first - overscan));
    end = Math.max(start, Math.min(count, first + Math.ceil(view.height / h) + overscan + 1));
  }

  const scrollToRow = useCallback(
    (i: number) => {
      const el = scrollRef.current;
      if (!el || i < 0) return;
      if (!windowed) {
        // only the table's own scroll container moves, never the page (an element's scrollIntoView would scroll
        // every scrollable ancestor, the page included, and move the map under a pointer that is pressing a block)
        const row = bodyRef.current?.querySelector<HTMLElement>(`[data-row="${i}"]`);
        if (!row || el.scrollHeight <= el.clientHeight) return;
        const box = el.getBoundingClientRect();
        const r = row.getBoundingClientRect();
        // the sticky header row covers the top of the container
        const head = el.querySelector('thead')?.getBoundingClientRect().height ?? 0;
        const top = r.top - box.top - el.clientTop;
        if (top < head) el.scrollTop += top - head;
        else if (top + r.height > el.clientHeight) el.scrollTop += top + r.height - el.clientHeight;
        return;
      }
      const rh = rowH.current;
      const top = (i + 1) * rh; // below the header row
      const viewTop = el.scrollTop + rh;
      const viewBottom = el.scrollTop + el.clientHeight;
      if (top >= viewTop && top + rh <= viewBottom) return;
      el.scrollTop = top < viewTop ? top - rh : top + rh - el.clientHeight;
    },
    [scrollRef, bodyRef, windowed],
  );

  return { windowed, start, end, padTop: start * h, padBottom: (count - end) * h, scrollToRow };
}

/** The lowest member of a set of row indices, or -1 when it is empty. */
export function lowest(rows: ReadonlySet<number>): number {
  let m = -1;
  for (const i of rows) if (m < 0 || i < m) m = i;
  return m;
}

/** A selection as a value (two equal selections give the same key), to run an effect only when it really changes. */
export function selectionKey(s: Selection): string {
  if (!s) return '';
  return s.kind === 'option' ? `option:${s.index}` : `range:${s.source}:${s.row}:${s.start}:${s.end}:${s.node}`;
}
