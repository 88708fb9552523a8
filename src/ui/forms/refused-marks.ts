/**
 * The marks of the refusal shown now (forms/edit-guard.ts): the blocks the latest refused edit concerns, which the
 * map outlines. Small, and apart from the check itself, so that the page's first script carries only this.
 */
import { useSyncExternalStore } from 'react';

/** The refusal shown now and the blocks it marks (one at a time: the latest control's). */
export interface RefusedMarks {
  owner: object;
  blocks: readonly string[];
}

let marks: RefusedMarks | null = null;
const listeners = new Set<() => void>();

export const refusedMarks = {
  get: (): RefusedMarks | null => marks,
  set(owner: object, blocks: readonly string[]): void {
    marks = { owner, blocks };
    for (const l of listeners) l();
  },
  /** clear the marks, if they are still `owner`'s */
  clear(owner: object): void {
    if (!marks || marks.owner !== owner) return;
    marks = null;
    for (const l of listeners) l();
  },
  subscribe(l: () => void): () => void {
    listeners.add(l);
    return () => listeners.delete(l);
  },
};

export function useRefusedMarks(): RefusedMarks | null {
  return useSyncExternalStore(refusedMarks.subscribe, refusedMarks.get, refusedMarks.get);
}
