/**
 * Moving memory blocks with the pointer and the keyboard.
 *
 * A drag moves the block at once (snapped to the device's alignment, computed here from numbers the map already
 * has) and asks the worker whether QEMU would accept the candidate, latest request wins. The verdict (QEMU's
 * message when refused) shows while dragging. On drop an accepted candidate becomes one undo step; a refused one
 * changes nothing. Keyboard moves go through the same check.
 */
import { useEffect, useMemo, useRef, type RefObject } from 'react';
import type { ConfigDocument } from '../../core/document/index.ts';
import { formatSize } from '../../core/base/index.ts';
import { createBlockDragController, type BlockPointer } from '../controllers/drag-controller.ts';
import { describeOption, removeOption, setDeviceAddr, setDeviceNode } from '../../state/doc-edits.ts';
import { buildCandidate, candidateKey } from '../map/drag-candidate.ts';
import { useDesignerApi, type DragState } from '../../state/store.ts';
import type { CheckResult, DeviceMove } from '../../worker/api.ts';
import { createLatestRunner } from '../../worker/latest.ts';
import { useCoreClient } from '../core-client-context.ts';
import type { MapModel } from '../map/map-model.ts';
import { snapWithEdges, stepAddress, type SnapEdge } from '../map/snap.ts';
import { hexAddr } from '../map/ticks.ts';
import { AXIS_DEADZONE_PX, CLICK_DISTANCE_PX, EDGE_SNAP_PX, LANE_H, LANES_TOP, type MapScale } from '../canvas/geometry.ts';

interface Candidate {
  key: string;
  move: DeviceMove;
}

export interface BlockInteractions {
  /** keyboard moves on a focused block */
  onKeyDown: (event: React.KeyboardEvent<SVGGElement>) => void;
}

export function useBlockInteractions(
  layerRef: RefObject<SVGGElement | null>,
  containerRef: RefObject<SVGGElement | null>,
  model: MapModel | null,
  scale: MapScale | null,
): BlockInteractions {
  const store = useDesignerApi();
  const client = useCoreClient();
  // each drag step sends only the move; the worker holds the document the drag started from
  const runner = useMemo(() => createLatestRunner<Candidate, CheckResult>((c) => client.checkMove(c.move)), [client]);
  const ctx = useRef({ model, scale });
  ctx.current = { model, scale };
  const gesture = useRef<{ startPx: number; doc: ConfigDocument; edges: SnapEdge[]; stop: () => void } | null>(null);

  const findBlock = (key: string) => ctx.current.model?.devices.find((d) => d.key === key) ?? null;

  const laneAt = (y: number): number | null => {
    const m = ctx.current.model;
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

  const callbacks = {
    onStart(p: BlockPointer) {
      const block = findBlock(p.key);
      const scale = ctx.current.scale;
      if (!block || !scale) return;
      const s = store.getState();
      const m = ctx.current.model!;
      // edges a dragged block snaps to: the window's ends and the other devices' ends
      const at = (addr: bigint): SnapEdge => ({ addr, px: scale.toPx(addr) });
      const edges: SnapEdge[] = m.window ? [at(m.window.start), at(m.window.end)] : [];
      for (const d of m.devices) if (d.optionIndex !== block.optionIndex) edges.push(at(d.start), at(d.end));
      // Escape cancels the drag: nothing changes
      const onKey = (e: KeyboardEvent) => {
        if (e.key !== 'Escape' || !gesture.current) return;
        e.preventDefault();
        gesture.current.stop();
        gesture.current = null;
        const now = store.getState();
        if (now.drag?.active) now.actions.notify('info', 'Drag cancelled; nothing changed.');
        now.actions.setDrag(null);
      };
      window.addEventListener('keydown', onKey);
      gesture.current = { startPx: scale.toPx(block.start), doc: s.doc, edges, stop: () => window.removeEventListener('keydown', onKey) };
      void client.setMoveBase(s.doc);
      s.actions.select({ kind: 'option', index: block.optionIndex });
      const el = layerRef.current?.querySelector<SVGGElement>(`[data-block-key="${CSS.escape(block.key)}"]`);
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
      const s = store.getState();
      const d = s.drag;
      const g = gesture.current;
      const scale = ctx.current.scale;
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
      const s = store.getState();
      const d = s.drag;
      const g = gesture.current;
      gesture.current = null;
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
  const cbRef = useRef(callbacks);
  cbRef.current = callbacks;

  useEffect(() => {
    const controller = createBlockDragController(() => cbRef.current);
    const layer = layerRef.current;
    const container = containerRef.current;
    if (layer && container) controller.update({ domNode: layer, container });
    return () => controller.destroy();
  }, [layerRef, containerRef, model !== null]);

  const tryCommit = (before: ConfigDocument, next: ConfigDocument, optionIndex: number, what: string): void => {
    void client.check(next).then((r) => {
      const s = store.getState();
      if (s.doc !== before) return;
      if (r.error) {
        s.actions.notify('error', `Move refused, nothing changed. ${r.message ?? ''}`.trim());
        return;
      }
      s.actions.commit(next, { selection: { kind: 'option', index: optionIndex } });
      s.actions.notify('info', what);
    });
  };

  const onKeyDown = (event: React.KeyboardEvent<SVGGElement>): void => {
    const target = (event.target as Element).closest('[data-block-key]');
    const key = target?.getAttribute('data-block-key');
    if (!key) return;
    const block = findBlock(key);
    const m = ctx.current.model;
    if (!block || !m) return;
    const s = store.getState();
    const doc = s.doc;
    const name = describeOption(doc.options[block.optionIndex]!);
    switch (event.key) {
      case 'ArrowLeft':
      case 'ArrowRight': {
        event.preventDefault();
        const dir = event.key === 'ArrowLeft' ? -1 : 1;
        const addr = stepAddress(block.start, block.align, dir, event.shiftKey);
        if (addr === block.start) return;
        tryCommit(doc, setDeviceAddr(doc, block.optionIndex, addr), block.optionIndex, `${name}: addr=${hexAddr(addr)}`);
        return;
      }
      case 'ArrowUp':
      case 'ArrowDown': {
        event.preventDefault();
        const i = m.nodeIds.indexOf(block.node);
        const j = i + (event.key === 'ArrowUp' ? -1 : 1);
        if (i < 0 || j < 0 || j >= m.nodeIds.length) return;
        const node = m.nodeIds[j]!;
        tryCommit(doc, setDeviceNode(doc, block.optionIndex, node), block.optionIndex, `${name}: node=${node}`);
        return;
      }
      case 'Delete':
      case 'Backspace': {
        event.preventDefault();
        const r = removeOption(doc, block.optionIndex);
        if (!r.ok) {
          s.actions.notify('error', `Not removed: ${r.message}`);
          return;
        }
        s.actions.commit(r.doc, { selection: null });
        s.actions.notify('info', `Removed ${name} (Ctrl+Z brings it back)`);
        return;
      }
      case 'Enter':
      case ' ': {
        event.preventDefault();
        s.actions.select({ kind: 'option', index: block.optionIndex });
        s.actions.setActivePanel('inspector');
        return;
      }
      default:
        return;
    }
  };

  return { onKeyDown };
}

function describeMove(name: string, d: DragState): string {
  const parts: string[] = [];
  if (d.node !== d.originNode) parts.push(`node=${d.node}`);
  if (d.axisMoved) parts.push(`addr=${hexAddr(d.addr)} (${formatSize(d.addr > d.originAddr ? d.addr - d.originAddr : d.originAddr - d.addr)} ${d.addr > d.originAddr ? 'up' : 'down'})`);
  return `${name}: ${parts.join(', ')}`;
}
