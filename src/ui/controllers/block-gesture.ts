/**
 * The pointer drag of a memory block, as domain events (the d3 drag controller calls these).
 *
 * A drag moves the block at once (snapped to the device's alignment, computed here from numbers the map already
 * has) and asks the worker whether QEMU would accept the candidate, latest request wins. The verdict (QEMU's
 * message when refused) shows while dragging. On drop an accepted candidate becomes one undo step; a refused one
 * changes nothing; Escape cancels. Loaded on demand with the d3 controllers (lazy.ts); the keyboard moves stay
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
import { snapWithEdges, type SnapEdge } from '../map/snap.ts';
import { hexAddr } from '../map/ticks.ts';
import { AXIS_DEADZONE_PX, CLICK_DISTANCE_PX, EDGE_SNAP_PX, LANE_H, LANES_TOP, type MapScale } from '../canvas/geometry.ts';
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
  let gesture: { startPx: number; doc: ConfigDocument; edges: SnapEdge[]; stop: () => void } | null = null;

  const findBlock = (key: string) => context().model?.devices.find((d) => d.key === key) ?? null;

  const laneAt = (y: number): number | null => {
    const m = context().model;
    if (!m || m.nodeIds.length === 0) return null;
    const i = Math.min(m.nodeIds.length - 1, Math.max(0, Math.floor((y - LANES_TOP) / LANE_H)));
    return m.nodeIds[i]!;
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
      const at = (addr: bigint): SnapEdge => ({ addr, px: scale.toPx(addr) });
      const edges: SnapEdge[] = m.window ? [at(m.window.start), at(m.window.end)] : [];
      for (const d of m.devices) if (d.optionIndex !== block.optionIndex) edges.push(at(d.start), at(d.end));
      // Escape cancels the drag: nothing changes
      const onKey = (e: KeyboardEvent) => {
        if (e.key !== 'Escape' || !gesture) return;
        e.preventDefault();
        gesture.stop();
        gesture = null;
        const now = store.getState();
        if (now.drag?.active) now.actions.notify('info', 'Drag cancelled; nothing changed.');
        now.actions.setDrag(null);
      };
      window.addEventListener('keydown', onKey);
      gesture = { startPx: scale.toPx(block.start), doc: s.doc, edges, stop: () => window.removeEventListener('keydown', onKey) };
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
      const node = laneAt(p.y) ?? d.node;
      let axisMoved = d.axisMoved || Math.abs(p.dx) >= AXIS_DEADZONE_PX;
      let addr = d.originAddr;
      if (axisMoved) {
        addr = snapWithEdges(scale.pxToAddr(g.startPx + p.dx), d.size, d.align, g.edges, scale.toPx, EDGE_SNAP_PX);
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
          now.actions.notify('error', `Drop refused, nothing changed. ${message ?? ''}`.trim());
        }
        now.actions.setDrag(null);
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
