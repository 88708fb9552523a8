/**
 * View state of the analysis deck under the map (which tab is open, the firmware and kernel the guest view
 * assumes, the teaching panel's mode, whether the advisor is shown). Only choices of the reader live here: the
 * document stays in the designer store and every derived figure comes from the worker.
 */
import { create } from 'zustand';
import type { GuestFirmware, GuestKernel, OvmfBuild } from '../../core/guest/index.ts';
import type { DeliveryWay } from '../../core/teach/index.ts';

export type DeckTab = 'window' | 'guest' | 'numa' | 'learn';

export interface DeckState {
  tab: DeckTab;
  /** null: the firmware the command line boots */
  firmware: GuestFirmware | null;
  ovmfBuild: OvmfBuild;
  kernel: GuestKernel;
  learnMode: DeliveryWay;
  /** the advisor is shown (it then follows every revision); null: shown while an sp-mem splits the hotpluggable area */
  adviceShown: boolean | null;
  setTab(tab: DeckTab): void;
  setFirmware(f: GuestFirmware | null): void;
  setOvmfBuild(b: OvmfBuild): void;
  setKernel(k: GuestKernel): void;
  setLearnMode(m: DeliveryWay): void;
  setAdviceShown(v: boolean): void;
}

export const useDeck = create<DeckState>()((set) => ({
  tab: 'window',
  firmware: null,
  ovmfBuild: 'edk2-2026.08',
  kernel: '6.3+',
  learnMode: 'spm',
  adviceShown: null,
  setTab: (tab) => set({ tab }),
  setFirmware: (firmware) => set({ firmware }),
  setOvmfBuild: (ovmfBuild) => set({ ovmfBuild }),
  setKernel: (kernel) => set({ kernel }),
  setLearnMode: (learnMode) => set({ learnMode }),
  setAdviceShown: (adviceShown) => set({ adviceShown }),
}));

/** Which deck tab holds an element the tour points at. */
export const DECK_TAB_OF_TARGET: Record<string, DeckTab> = {
  'window-inspector': 'window',
  'guest-view': 'guest',
  'learn-panel': 'learn',
};
