/**
 * The line under the map toolbar: while dragging, the candidate and QEMU's verdict on it (its exact message when
 * it would refuse the drop); otherwise the last notice (what an edit did, or why it was refused).
 */
import { useEffect, useMemo } from 'react';
import { useDesigner, useDesignerActions } from '../../state/store.ts';
import { useDerivedView } from '../hooks/useDerived.ts';
import { QEMU_PROGRAM } from '../format.ts';
import { hexAddr } from '../map/ticks.ts';

export function DragStatus() {
  const drag = useDesigner((s) => (s.drag?.active ? s.drag : null));
  const notice = useDesigner((s) => s.notice);
  const { clearNotice } = useDesignerActions();
  const { layout } = useDerivedView();
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
      text = `${QEMU_PROGRAM}: ${v.message ?? ''}`;
    }
    return (
      <div className={`map-status drag ${cls}`} data-testid="drag-status" role="status" aria-live="polite">
        <strong>{drag.blockKey}</strong> → {where}: <span className={cls === 'error' ? 'mono' : ''}>{text}</span>
      </div>
    );
  }
  return (
    <div className={`map-status ${notice ? notice.tone : 'idle'}`} data-testid="drag-status" role="status" aria-live="polite">
      {notice ? (
        <>
          <span data-testid="notice">{notice.text}</span>
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
