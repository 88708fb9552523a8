/**
 * What a first-time visitor sees besides the design: the example's story in one line (under the toolbar, while
 * the example is open), and a prompt offering the tour, once: taking it or dismissing the prompt is remembered
 * (the tour's "seen" mark, tour-store.ts). Neither blocks the page.
 */
import { useEffect, useState } from 'react';
import { createPortal } from 'react-dom';
import { useDesigner } from '../../state/store.ts';
import { DEFAULT_PRESET_ID, presetIdOf } from '../preset-docs.ts';
import { markSeen, useTour } from './tour-store.ts';
import './tour.css';

/** The example machine's story, in the user's words. */
export const EXAMPLE_STORY =
  'an accelerator’s HBM as Specific Purpose Memory — three 16 GiB sp-mem in NUMA nodes 1–3, beside node 0’s CPUs, RAM and DIMM. Drag a block; the SRAT and E820 follow.';

export function ExampleStory() {
  const doc = useDesigner((s) => s.doc);
  const [slot, setSlot] = useState<HTMLElement | null>(null);
  useEffect(() => setSlot(document.getElementById('story-slot')), []);
  if (!slot || doc.name !== DEFAULT_PRESET_ID) return null;
  const edited = presetIdOf(doc) !== DEFAULT_PRESET_ID;
  return createPortal(
    <p className="example-story" data-testid="example-story">
      <strong>The example{edited ? ' (edited)' : ''}:</strong> {EXAMPLE_STORY}
    </p>,
    slot,
  );
}

/** The first-visit prompt: on the example, for a visitor who has neither taken nor dismissed the tour. */
export function WelcomePrompt({ show }: { show: boolean }) {
  const tourOpen = useTour((s) => s.open);
  const [open, setOpen] = useState(show);
  if (!open || tourOpen) return null;
  const dismiss = () => {
    markSeen();
    setOpen(false);
  };
  return (
    <aside className="welcome-prompt" aria-label="Welcome" data-testid="welcome-prompt">
      <p>
        <strong>New here?</strong> A short tour shows what the example is about: where the HBM lands, what QEMU’s tables say and what the guest sees.
      </p>
      <div className="welcome-actions">
        <button
          type="button"
          className="primary"
          data-testid="welcome-tour"
          onClick={() => {
            markSeen();
            setOpen(false);
            useTour.getState().start();
          }}
        >
          Take the tour
        </button>
        <button type="button" data-testid="welcome-dismiss" onClick={dismiss}>
          No thanks
        </button>
      </div>
    </aside>
  );
}
