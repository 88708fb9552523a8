/**
 * The line under the map toolbar: while dragging, the candidate, the snapping step and QEMU's verdict on it (a
 * refusal in plain words first, QEMU's exact message below); otherwise the last notice (what an edit did, or why
 * it was refused). After a refused drop it offers the nearest spot QEMU accepts, as one click. The line wraps:
 * its text is never cut off.
 */
import { useEffect, useMemo } from 'react';
import { formatSize } from '../../core/base/index.ts';
import { describeOption } from '../../state/doc-edits.ts';
import { useDesigner, useDesignerActions, useDesignerApi } from '../../state/store.ts';
import { useCoreClient } from '../core-client-context.ts';
import { useDerivedView } from '../hooks/useDerived.ts';
import { QEMU_PROGRAM } from '../format.ts';
import { buildCandidate } from '../map/drag-candidate.ts';
import { hexAddr } from '../map/ticks.ts';
import { describeRefusal, mapNotes, otherRanges, useMapNotes, type Refusal } from './map-notes.ts';

export function DragStatus() {
  const drag = useDesigner((s) => (s.drag?.active ? s.drag : null));
  const notice = useDesigner((s) => s.notice);
  const { clearNotice } = useDesignerActions();
  const { layout } = useDerivedView();
  const notes = useMapNotes();
  // (only while dragging: a large design's devices by index are not worth building on every edit)
  const dragging = drag !== null;
  const byIndex = useMemo(() => (dragging ? new Map(layout?.devices.map((d) => [d.optionIndex, d]) ?? []) : null), [layout, dragging]);

  useEffect(() => {
    if (!notice || notice.tone === 'error') return;
    const t = setTimeout(clearNotice, 6000);
    return () => clearTimeout(t);
  }, [notice, clearNotice]);

  if (drag) {
    const unchanged = drag.node === drag.originNode && !drag.axisMoved;
    const v = drag.verdict && drag.verdict.key === drag.candidateKey ? drag.verdict : null;
    const where = `node ${drag.node}, ${drag.axisMoved ? `addr=${hexAddr(drag.addr)}` : 'address unchanged'}`;
    let cls = 'pending';
    let text: string;
    let qemu: string | null = null;
    if (unchanged) {
      cls = 'neutral';
      text = 'Drop here to leave it where it is.';
    } else if (!v || v.status === 'pending') {
      text = 'checking with QEMU’s rules…';
    } else if (v.status === 'ok') {
      cls = 'ok';
      const others = v.placements.filter((p) => {
        const d = byIndex?.get(p.optionIndex);
        return p.optionIndex !== drag.optionIndex && d !== undefined && (d.addr !== p.addr || d.node !== p.node);
      }).length;
      text = `QEMU accepts this placement${others ? `; ${others} other device${others === 1 ? '' : 's'} would be placed elsewhere (outlined)` : ''}.`;
    } else {
      cls = 'error';
      const self = byIndex?.get(drag.optionIndex);
      const { words, nearest } = describeRefusal(
        {
          name: drag.blockKey,
          driver: self?.driver ?? '',
          addr: drag.addr,
          size: drag.size,
          align: drag.align,
          node: drag.node,
          originNode: drag.originNode,
          axisMoved: drag.axisMoved,
        },
        layout?.window ? { start: layout.window.base, end: layout.window.base + layout.window.size } : null,
        otherRanges(layout?.devices ?? [], drag.optionIndex),
      );
      const spot =
        nearest === null || nearest === drag.addr
          ? ''
          : nearest === drag.originAddr
            ? ` Nearest free spot: ${hexAddr(nearest)}, where it was.`
            : ` Nearest free spot: ${hexAddr(nearest)}.`;
      text = `${words.text}.${spot}`;
      qemu = `${QEMU_PROGRAM}: ${v.message ?? ''}`;
    }
    const extra = notes.drag
      ? `snap ${formatSize(notes.drag.step)}${notes.drag.lock ? ` · Shift: ${notes.drag.lock === 'axis' ? 'along the axis only' : 'across lanes only'}` : ''}`
      : null;
    return (
      <div className={`map-status drag ${cls}`} data-testid="drag-status" role="status" aria-live="polite">
        <div className="status-line">
          <strong>{drag.blockKey}</strong> → {where}: <span data-testid="drag-words">{text}</span>
          {extra ? (
            <span className="muted status-extra" data-testid="drag-snap">
              {' '}
              ({extra})
            </span>
          ) : null}
        </div>
        {qemu ? (
          <div className="status-qemu mono" data-testid="drag-qemu">
            {qemu}
          </div>
        ) : null}
      </div>
    );
  }
  const refusal = notice && notes.refusal?.noticeId === notice.id ? notes.refusal : null;
  return (
    <div className={`map-status ${notice ? notice.tone : 'idle'}`} data-testid="drag-status" role="status" aria-live="polite">
      {notice ? (
        <>
          {refusal ? <RefusalNotice refusal={refusal} /> : <span data-testid="notice">{notice.text}</span>}
          <button type="button" className="link" aria-label="Dismiss message" onClick={clearNotice}>
            ×
          </button>
        </>
      ) : (
        <span className="muted">Drag a block to move it; QEMU’s verdict shows here while you drag.</span>
      )}
    </div>
  );
}

/** A refused drop: what went wrong in plain words, QEMU's text below, and the nearest spot QEMU accepts. */
function RefusalNotice({ refusal }: { refusal: Refusal }) {
  const store = useDesignerApi();
  const client = useCoreClient();
  const moveThere = () => {
    const s = store.getState();
    const n = refusal.nearest;
    if (!n || s.doc !== refusal.doc) {
      s.actions.notify('error', 'The design changed since that drop; drag the block again.');
      return;
    }
    const origin = s.doc.options[refusal.optionIndex];
    const candidate = buildCandidate(s.doc, {
      optionIndex: refusal.optionIndex,
      originNode: refusal.origin.node,
      node: n.node,
      axisMoved: refusal.origin.addr !== n.addr,
      addr: n.addr,
    });
    const name = origin ? describeOption(origin) : refusal.blockKey;
    void client.check(candidate).then((r) => {
      const now = store.getState();
      if (now.doc !== refusal.doc) return;
      if (r.error) {
        now.actions.notify('error', `Move refused, nothing changed. ${r.message ?? ''}`.trim());
        return;
      }
      now.actions.commit(candidate, { selection: { kind: 'option', index: refusal.optionIndex } });
      now.actions.notify('info', `${name}: addr=${hexAddr(n.addr)} (the nearest free spot)`);
      mapNotes.setRefusal(null);
    });
  };
  return (
    <span className="refusal" data-testid="notice">
      <span className="refusal-words" data-testid="refusal-words">
        Drop refused, nothing changed: {refusal.words.text}.
      </span>
      {refusal.nearest ? (
        <button type="button" className="refusal-offer" data-testid="refusal-nearest" onClick={moveThere}>
          Move {refusal.blockKey} to the nearest free spot, {hexAddr(refusal.nearest.addr)}
        </button>
      ) : null}
      <span className="refusal-qemu mono" data-testid="refusal-qemu">
        {QEMU_PROGRAM}: {refusal.qemu}
      </span>
    </span>
  );
}
