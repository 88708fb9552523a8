/**
 * One Tab stop for a table or list of rows (a roving tabindex): Tab enters at one row, ↑/↓ move to the row above or
 * below, Home/End to the first and last, PageUp/PageDown by the rows the scroll container shows; Enter on a row stays
 * the row's own (it selects what the row stands for). The row the focus last left keeps the Tab stop; before any, the
 * first row linked to the selection (`preferred`), else the first row.
 *
 * Rows are numbered 0…count−1 and carry `data-row`; the row is focused itself, or, for a row holding a button (a list
 * item), that button, which then takes the tabIndex (see `focusTarget`). In a windowed table (useVirtualRows) the row the focus goes to
 * is scrolled into view first and focused once it is rendered, and while the Tab stop's row is not rendered the
 * first rendered row holds it instead, so the table always has one.
 */
import { useCallback, useLayoutEffect, useRef, useState, type FocusEvent, type KeyboardEvent, type RefObject } from 'react';

export interface RovingRows {
  /** whether row `i` is the table's Tab stop (tabIndex 0; every other row −1) */
  isTabStop: (i: number) => boolean;
  /** on the element holding the rows (a tbody, a ul) */
  onKeyDown: (e: KeyboardEvent<HTMLElement>) => void;
  onFocus: (e: FocusEvent<HTMLElement>) => void;
}

export interface RovingRowsOptions {
  /** the rows rendered, [start, end) (a windowed table); all rows by default */
  rendered?: { start: number; end: number };
  /** the row that holds the Tab stop until the focus has been in the table (−1: none) */
  preferred?: number;
  /** bring row `i` into view inside the table's own scroll container (never the page) */
  scrollToRow?: (i: number) => void;
}

/** What of a row takes the focus: the row itself when it is focusable, else the first button or link in it. */
export function focusTarget(row: Element): HTMLElement | null {
  if (row.hasAttribute('tabindex')) return row as HTMLElement;
  return row.querySelector<HTMLElement>('button, a[href], [tabindex]');
}

const rowElement = (root: HTMLElement | null, i: number): HTMLElement | null => {
  const row = root?.querySelector(`[data-row="${i}"]`);
  return row ? focusTarget(row) : null;
};

const rowOf = (el: EventTarget | null): number => {
  const row = (el as HTMLElement | null)?.closest?.('[data-row]');
  const v = row ? Number(row.getAttribute('data-row')) : NaN;
  return Number.isInteger(v) ? v : -1;
};

export function useRovingRows(bodyRef: RefObject<HTMLElement | null>, count: number, { rendered, preferred = -1, scrollToRow }: RovingRowsOptions = {}): RovingRows {
  const [active, setActive] = useState<number | null>(null);
  const pending = useRef<number | null>(null);
  const start = rendered?.start ?? 0;
  const end = rendered?.end ?? count;

  let stop = active ?? (preferred >= 0 ? preferred : 0);
  stop = Math.max(0, Math.min(count - 1, stop));
  if (stop < start || stop >= end) stop = start < end ? start : -1;

  // the row the keys went to, focused as soon as it is rendered
  useLayoutEffect(() => {
    const i = pending.current;
    if (i === null) return;
    const row = rowElement(bodyRef.current, i);
    if (!row) return;
    pending.current = null;
    // the table's own scroll container has already moved (scrollToRow); the page moves only when it must
    row.focus({ preventScroll: isInView(row) });
  });

  const onKeyDown = useCallback(
    (e: KeyboardEvent<HTMLElement>) => {
      if (e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
      const from = rowOf(e.target);
      // the row's own focus target only (not a field inside a row)
      const at = (e.target as HTMLElement).closest('[data-row]');
      if (from < 0 || !at || focusTarget(at) !== e.target) return;
      let to: number;
      switch (e.key) {
        case 'ArrowDown':
          to = from + 1;
          break;
        case 'ArrowUp':
          to = from - 1;
          break;
        case 'Home':
          to = 0;
          break;
        case 'End':
          to = count - 1;
          break;
        case 'PageDown':
        case 'PageUp': {
          const page = pageRows(e.target as HTMLElement);
          to = from + (e.key === 'PageDown' ? page : -page);
          break;
        }
        default:
          return;
      }
      e.preventDefault();
      to = Math.max(0, Math.min(count - 1, to));
      if (to === from) return;
      setActive(to);
      pending.current = to;
      scrollToRow?.(to);
      const row = rowElement(bodyRef.current, to);
      if (row) {
        pending.current = null;
        row.focus({ preventScroll: isInView(row) });
      }
    },
    [count, scrollToRow, bodyRef],
  );

  const onFocus = useCallback((e: FocusEvent<HTMLElement>) => {
    const i = rowOf(e.target);
    if (i >= 0) setActive(i);
  }, []);

  const isTabStop = useCallback((i: number) => i === stop, [stop]);
  return { isTabStop, onKeyDown, onFocus };
}

/** Whether the element is wholly inside the window (its own scroll container has brought it there). */
function isInView(el: HTMLElement): boolean {
  const r = el.getBoundingClientRect();
  return r.top >= 0 && r.bottom <= window.innerHeight;
}

/** How many rows the row's scroll container shows (at least 1). */
function pageRows(row: HTMLElement): number {
  let box: HTMLElement | null = row.parentElement;
  while (box && box !== document.body) {
    const o = getComputedStyle(box).overflowY;
    if ((o === 'auto' || o === 'scroll') && box.scrollHeight > box.clientHeight) break;
    box = box.parentElement;
  }
  const h = row.getBoundingClientRect().height || 20;
  const view = box && box !== document.body ? box.clientHeight : window.innerHeight;
  return Math.max(1, Math.floor(view / h) - 1);
}
