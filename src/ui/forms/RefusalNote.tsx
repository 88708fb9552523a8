/**
 * What a control shows beside itself when QEMU would refuse the edit it was about to make (forms/edit-guard.ts):
 * the plain reason, QEMU's own text, and the two ways on — fix it, Esc to go back — or "Apply anyway", which
 * commits the design QEMU refuses because the user chose so. And the marks on the map's blocks concerned.
 */
import { useEffect } from 'react';
import { QEMU_PROGRAM } from '../../core/base/index.ts';
import type { EditRefusal } from './edit-guard.ts';
import { useRefusedMarks } from './refused-marks.ts';
import './refused.css';

export interface RefusalNoteProps {
  refusal: EditRefusal;
  id?: string;
  /** the test id prefix (`…-refusal`, `…-refusal-words`, `…-refusal-qemu`, `…-apply-anyway`) */
  testId?: string;
  /** what the control would have done: "Not applied", "Not added" */
  lead?: string;
  /** the label of the explicit commit */
  anywayLabel?: string;
  onApplyAnyway: () => void;
  /** Esc's way back, offered as a button too */
  onBack?: () => void;
}

export function RefusalNote({ refusal, id, testId = 'edit', lead = 'Not applied', anywayLabel = 'Apply anyway', onApplyAnyway, onBack }: RefusalNoteProps) {
  return (
    <div className="refusal-note" id={id} role="alert" data-testid={`${testId}-refusal`}>
      <div className="refusal-note-words" data-testid={`${testId}-refusal-words`}>
        {lead}: QEMU would refuse this — {refusal.words}.
      </div>
      <div className="refusal-note-qemu mono" data-testid={`${testId}-refusal-qemu`}>
        {QEMU_PROGRAM}: {refusal.qemu}
      </div>
      <div className="refusal-note-actions">
        <span className="muted">Fix it{onBack ? ', press Esc to go back,' : ''} or</span>
        <button type="button" className="danger" data-testid={`${testId}-apply-anyway`} onClick={onApplyAnyway}>
          {anywayLabel}
        </button>
        {onBack ? (
          <button type="button" className="link" data-testid={`${testId}-refusal-back`} onClick={onBack}>
            Go back (Esc)
          </button>
        ) : null}
      </div>
    </div>
  );
}

/**
 * Marks the map's blocks of the refusal shown now (`data-refused-edit` on each block's element, which the
 * map's own rendering leaves alone), and takes the marks away when it is gone. Renders nothing.
 */
export function RefusedBlockMarks() {
  const marks = useRefusedMarks();
  useEffect(() => {
    const keys = marks?.blocks ?? [];
    const apply = () => {
      for (const el of document.querySelectorAll<SVGGElement>('[data-refused-edit]')) {
        if (!keys.includes(el.getAttribute('data-block-key') ?? '')) el.removeAttribute('data-refused-edit');
      }
      for (const key of keys) {
        for (const el of document.querySelectorAll<SVGGElement>(`.blocks [data-block-key="${CSS.escape(key)}"]`)) {
          if (!el.hasAttribute('data-refused-edit')) el.setAttribute('data-refused-edit', '');
        }
      }
    };
    apply();
    if (keys.length === 0) return;
    // the map draws its blocks again as it likes (zoom, a new result): keep the marks on them
    const map = document.querySelector('.map-canvas') ?? document.body;
    const obs = new MutationObserver(apply);
    obs.observe(map, { childList: true, subtree: true });
    return () => obs.disconnect();
  }, [marks]);
  return null;
}
