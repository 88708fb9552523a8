/**
 * The pointer drag of a memory block, as domain events (the d3 drag controller calls these).
 *
 * A drag moves the block at once (snapped to a step that follows the zoom: 1 GiB at the overview, down to the
 * device's alignment; small jitter never changes the address) and asks the worker whether QEMU would accept the
 * candidate, latest request wins. The verdict (QEMU's message when refused) shows while dragging. A drag keeps its
 * lane until the pointer is well past the lane's edge; Shift holds it to the direction it moves most in. On drop
 * an accepted candidate becomes one undo step; a refused one changes nothing, says why in plain words and offers
 * the nearest spot QEMU accepts; Escape cancels. Loaded on demand with the d3 controllers (lazy.ts); the keyboard moves stay
 * in hooks/useBlockDrag.ts.
 */
import type { ConfigDocument } from '../../core/document/index.ts';
import { formatSize } from '../../core/base/index.ts';
import { describeOption } from '../../state/doc-edits.ts';
import type { DesignerStore, DragState } from '../../state/store.ts';
import type { CheckResult, DeviceMove } from '../../worker/api.ts';
import type { CoreClient } from '../../worker/client.ts';
import type { LatestRunner } from '../../worker/latest.ts';
import { buildCandidate, candidateKey } from '../map/drag-candidate.ts';
import type { MapModel } from '../map/map-model.ts';
import { snapDragAddress, zoomSnapStep, type SnapEdge } from '../map/snap.ts';
import { hexAddr } from '../map/ticks.ts';
import {
  AXIS_DEADZONE_PX,
  CLICK_DISTANCE_PX,
  EDGE_SNAP_PX,
  LANE_H,
  LANE_HYSTERESIS_PX,
  LANE_JITTER_PX,
  LANES_TOP,
  SNAP_MIN_PX,
  type MapScale,
} from '../canvas/geometry.ts';
import { describeRefusal, mapNotes, otherRanges, spGap } from '../canvas/map-notes.ts';
import type { BlockDragCallbacks, BlockPointer } from './types.ts';

/** One position a drag asks the worker about. */
export interface DragCandidate {
  key: string;
  move: DeviceMove;
}

/** What a drag reads, each time it needs it: the store, the core, the map as drawn now. */
export interface BlockGestureContext {
  store: DesignerStore;
  client: CoreClient;
  /** the drag's worker checks, latest request wins */
  runner: LatestRunner<DragCandidate, CheckResult>;
  model: MapModel | null;
  scale: MapScale | null;
  /** the blocks layer */
  layer: SVGGElement | null;
}

export function createBlockGesture(context: () => BlockGestureContext): BlockDragCallbacks {
  let gesture: { startPx: number; doc: ConfigDocument; edges: SnapEdge[]; driver: string; stop: () => void } | null = null;

  const findBlock = (key: string) => context().model?.devices.find((d) => d.key === key) ?? null;

  /** The lane under plot y; the current lane is kept until y is LANE_HYSTERESIS_PX past its edge. */
  const laneAt = (y: number, current: number): number | null => {
    const m = context().model;
    if (!m || m.nodeIds.length === 0) return null;
    const ci = m.nodeIds.indexOf(current);
    if (ci >= 0) {
      const top = LANES_TOP + ci * LANE_H;
      if (y >= top - LANE_HYSTERESIS_PX && y < top + LANE_H + LANE_HYSTERESIS_PX) return current;
    }
    const i = Math.min(m.nodeIds.length - 1, Math.max(0, Math.floor((y - LANES_TOP) / LANE_H)));
    return m.nodeIds[i]!;
  };

  /** The drag's snapping step where the block's start is (bytes per pixel measured over ±20 px there). */
  const stepAt = (scale: MapScale, px: number, align: bigint): bigint => {
    const a0 = scale.pxToAddr(px - 20);
    const a1 = scale.pxToAddr(px + 20);
    return zoomSnapStep(align, Number(a1 - a0) / 40, SNAP_MIN_PX);
  };

  const moveOf = (d: Pick<DragState, 'optionIndex' | 'originNode' | 'node' | 'axisMoved' | 'addr'>): DeviceMove => ({
    optionIndex: d.optionIndex,
    node: d.node !== d.originNode ? d.node : null,
    addr: d.axisMoved ? d.addr : null,
  });

  const requestVerdict = (key: string, move: DeviceMove): void => {
    const { store, runner } = context();
    void runner.submit({ key, move }).then((outcome) => {
      const d = store.getState().drag;
      if (!d || d.candidateKey !== key) return;
      if (outcome.status === 'done') {
        const r = outcome.output;
        store.getState().actions.setDrag({
          ...d,
          verdict: { key, status: r.error ? 'error' : 'ok', message: r.message, placements: r.placements },
        });
      } else if (outcome.status === 'failed') {
        store.getState().actions.setDrag({ ...d, verdict: { key, status: 'error', message: String(outcome.error), placements: [] } });
      }
    });
  };

  return {
    onStart(p: BlockPointer) {
      const { store, client, scale, model, layer } = context();
      const block = findBlock(p.key);
      if (!block || !scale) return;
      const s = store.getState();
      const m = model!;
      // edges a dragged block snaps to: the window's ends and the other devices' ends
      // (an sp-mem beside another sp-mem stops one gap short of it: Linux merges SOFT_RESERVED ranges that touch)
      const at = (addr: bigint, use?: SnapEdge['use']): SnapEdge => (use ? { addr, px: scale.toPx(addr), use } : { addr, px: scale.toPx(addr) });
      const edges: SnapEdge[] = m.window ? [at(m.window.start), at(m.window.end)] : [];
      const gap = spGap(block.align);
      for (const d of m.devices) {
        if (d.optionIndex === block.optionIndex) continue;
        if (block.driver === 'sp-mem' && d.driver === 'sp-mem') edges.push(at(d.start - gap, 'end'), at(d.end + gap, 'start'));
        else edges.push(at(d.start), at(d.end));
      }
      // Escape cancels the drag: nothing changes
      const onKey = (e: KeyboardEvent) => {
        if (e.key !== 'Escape' || !gesture) return;
        e.preventDefault();
        gesture.stop();
        gesture = null;
        const now = store.getState();
        if (now.drag?.active) now.actions.notify('info', 'Drag cancelled; nothing changed.');
        now.actions.setDrag(null);
        mapNotes.setDrag(null);
      };
      window.addEventListener('keydown', onKey);
      gesture = { startPx: scale.toPx(block.start), doc: s.doc, edges, driver: block.driver, stop: () => window.removeEventListener('keydown', onKey) };
      mapNotes.setRefusal(null);
      void client.setMoveBase(s.doc);
      s.actions.select({ kind: 'option', index: block.optionIndex });
      const el = layer?.querySelector<SVGGElement>(`[data-block-key="${CSS.escape(block.key)}"]`);
      el?.focus({ preventScroll: true });
      s.actions.setDrag({
        optionIndex: block.optionIndex,
        blockKey: block.key,
        originAddr: block.start,
        originNode: block.node,
        addr: block.start,
        node: block.node,
        size: block.size,
        align: block.align,
        active: false,
        axisMoved: false,
        candidateKey: candidateKey(block.node, false, block.start),
        verdict: null,
      });
    },
    onMove(p: BlockPointer) {
      const { store, scale } = context();
      const s = store.getState();
      const d = s.drag;
      const g = gesture;
      if (!d || !g || !scale) return;
      if (!d.active && Math.hypot(p.dx, p.dy) < CLICK_DISTANCE_PX) return;
      // Shift: only the direction the pointer moved most in since the press counts
      const lock = p.shiftKey ? (Math.abs(p.dx) >= Math.abs(p.dy) ? 'axis' : 'lane') : null;
      const node = lock === 'axis' ? d.originNode : (laneAt(p.y, d.node) ?? d.node);
      const dx = lock === 'lane' ? 0 : p.dx;
      // a drag to another lane tolerates more sideways wobble before it touches addr=
      const jitterPx = node !== d.originNode ? LANE_JITTER_PX : AXIS_DEADZONE_PX;
      let axisMoved = Math.abs(dx) >= jitterPx;
      let addr = d.originAddr;
      const step = stepAt(scale, g.startPx + p.dx, d.align);
      mapNotes.setDrag({ step, lock });
      if (axisMoved) {
        addr = snapDragAddress({
          raw: scale.pxToAddr(g.startPx + dx),
          origin: d.originAddr,
          size: d.size,
          align: d.align,
          step,
          edges: g.edges,
          toPx: scale.toPx,
          edgePx: EDGE_SNAP_PX,
          jitterPx,
        });
        if (addr === d.originAddr) axisMoved = false;
      }
      const key = candidateKey(node, axisMoved, addr);
      if (d.active && key === d.candidateKey) return;
      const unchanged = node === d.originNode && !axisMoved;
      s.actions.setDrag({
        ...d,
        active: true,
        node,
        addr,
        axisMoved,
        candidateKey: key,
        verdict: unchanged ? null : { key, status: 'pending', message: null, placements: [] },
      });
      if (!unchanged) requestVerdict(key, moveOf({ ...d, node, addr, axisMoved }));
    },
    onEnd() {
      const { store, runner } = context();
      const s = store.getState();
      const d = s.drag;
      const g = gesture;
      gesture = null;
      g?.stop();
      mapNotes.setDrag(null);
      if (!d || !g) return;
      if (!d.active || (d.node === d.originNode && !d.axisMoved)) {
        s.actions.setDrag(null);
        return;
      }
      const key = d.candidateKey;
      const candidate = buildCandidate(g.doc, d);
      const name = describeOption(g.doc.options[d.optionIndex]!);
      const decide = (ok: boolean, message: string | null) => {
        const now = store.getState();
        if (now.drag?.candidateKey !== key) return;
        if (now.doc !== g.doc) {
          now.actions.setDrag(null);
          return;
        }
        if (ok) {
          now.actions.commit(candidate, { selection: { kind: 'option', index: d.optionIndex } });
          now.actions.notify('info', describeMove(name, d));
        } else {
          refuse(message ?? '');
        }
        now.actions.setDrag(null);
      };
      // a refusal in plain words first (QEMU's text below it), the blocks it collides with, and the nearest spot
      // QEMU accepts, once the worker has confirmed it
      const refuse = (message: string) => {
        const { model } = context();
        const others = model ? otherRanges(model.devices.map((b) => ({ ...b, addr: b.start })), d.optionIndex) : [];
        const { words, nearest } = describeRefusal(
          { name: d.blockKey, driver: g.driver, addr: d.addr, size: d.size, align: d.align, node: d.node, originNode: d.originNode, axisMoved: d.axisMoved },
          model?.window ?? null,
          others,
        );
        const now = store.getState();
        now.actions.notify('error', `Drop refused, nothing changed: ${words.text}. ${message}`.trim());
        const noticeId = store.getState().notice?.id ?? -1;
        const base = { noticeId, optionIndex: d.optionIndex, blockKey: d.blockKey, words, qemu: message, doc: g.doc, origin: { addr: d.originAddr, node: d.originNode } };
        mapNotes.setRefusal({ ...base, nearest: null });
        if (nearest === null) return;
        const spot = { ...d, addr: nearest, axisMoved: nearest !== d.originAddr };
        if (!spot.axisMoved && spot.node === d.originNode) return;
        const { runner: r } = context();
        void r.submit({ key: `nearest:${candidateKey(spot.node, spot.axisMoved, spot.addr)}`, move: moveOf(spot) }).then((outcome) => {
          const cur = mapNotes.get().refusal;
          if (cur?.noticeId !== noticeId || outcome.status !== 'done' || outcome.output.error) return;
          mapNotes.setRefusal({ ...cur, nearest: { addr: spot.addr, node: spot.node } });
        });
      };
      const v = d.verdict;
      if (v && v.key === key && v.status !== 'pending') {
        decide(v.status === 'ok', v.message);
        return;
      }
      void runner.submit({ key, move: moveOf(d) }).then((outcome) => {
        if (outcome.status === 'done') decide(!outcome.output.error, outcome.output.message);
        else if (outcome.status === 'failed') decide(false, String(outcome.error));
        else store.getState().actions.setDrag(null);
      });
    },
  };
}

function describeMove(name: string, d: DragState): string {
  const parts: string[] = [];
  if (d.node !== d.originNode) parts.push(`node=${d.node}`);
  if (d.axisMoved) parts.push(`addr=${hexAddr(d.addr)} (${formatSize(d.addr > d.originAddr ? d.addr - d.originAddr : d.originAddr - d.addr)} ${d.addr > d.originAddr ? 'up' : 'down'})`);
  return `${name}: ${parts.join(', ')}`;
}
