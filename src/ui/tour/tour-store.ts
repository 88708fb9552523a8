/** Whether the guided tour is open and at which step; whether this browser has seen it (localStorage). */
import { create } from 'zustand';

export const TOUR_SEEN_KEY = 'mmd.tour.seen';

export function tourSeen(): boolean {
  try {
    return window.localStorage.getItem(TOUR_SEEN_KEY) === '1';
  } catch {
    return false;
  }
}

export function markSeen(): void {
  try {
    window.localStorage.setItem(TOUR_SEEN_KEY, '1');
  } catch {
    // private mode or storage disabled: the tour simply shows again next time
  }
}

export interface TourState {
  open: boolean;
  step: number;
  start(): void;
  go(step: number): void;
  /** close (or finish) the tour; either way it counts as seen */
  close(): void;
}

export const useTour = create<TourState>()((set) => ({
  open: false,
  step: 0,
  start: () => set({ open: true, step: 0 }),
  go: (step) => set({ step: Math.max(0, step) }),
  close: () => {
    markSeen();
    set({ open: false });
  },
}));
