/**
 * Undo/redo over immutable snapshots. Every edit records the value it replaced; undo swaps the current value
 * with the newest past one, redo the reverse. A new edit after an undo drops the redo branch. The number of
 * steps kept is bounded.
 */

export interface History<T> {
  /** oldest first */
  readonly past: readonly T[];
  /** next redo first */
  readonly future: readonly T[];
  readonly limit: number;
}

export const DEFAULT_HISTORY_LIMIT = 200;

export function createHistory<T>(limit = DEFAULT_HISTORY_LIMIT): History<T> {
  return { past: [], future: [], limit };
}

/** Record that `previous` was replaced by a new value (one undo step). */
export function recordEdit<T>(h: History<T>, previous: T): History<T> {
  const past = h.past.length >= h.limit ? [...h.past.slice(h.past.length - h.limit + 1), previous] : [...h.past, previous];
  return { past, future: [], limit: h.limit };
}

export function canUndo<T>(h: History<T>): boolean {
  return h.past.length > 0;
}

export function canRedo<T>(h: History<T>): boolean {
  return h.future.length > 0;
}

/** Step back: the value to show and the new history, or null when there is nothing to undo. */
export function undo<T>(h: History<T>, current: T): { value: T; history: History<T> } | null {
  if (h.past.length === 0) return null;
  const value = h.past[h.past.length - 1]!;
  return { value, history: { past: h.past.slice(0, -1), future: [current, ...h.future], limit: h.limit } };
}

/** Step forward again: the value to show and the new history, or null when there is nothing to redo. */
export function redo<T>(h: History<T>, current: T): { value: T; history: History<T> } | null {
  if (h.future.length === 0) return null;
  const value = h.future[0]!;
  return { value, history: { past: [...h.past, current], future: h.future.slice(1), limit: h.limit } };
}
