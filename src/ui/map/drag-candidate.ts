/** What a drag proposes: the document with the dragged device on its new node and/or at its new address. */
import { moveDevice, type ConfigDocument, type DeviceMove } from '../../core/document/index.ts';
import type { DragState } from '../../state/store.ts';
import { hexAddr } from './ticks.ts';

export type DragPosition = Pick<DragState, 'optionIndex' | 'originNode' | 'node' | 'axisMoved' | 'addr'>;

/** The move a drag position stands for: `node=` when it left its lane, `addr=` when it moved along the axis. */
export function dragMove(d: DragPosition): DeviceMove {
  return { optionIndex: d.optionIndex, node: d.node !== d.originNode ? d.node : null, addr: d.axisMoved ? d.addr : null };
}

/** The document a drag or key press proposes (the same edit the worker applies to check a drag step). */
export function buildCandidate(doc: ConfigDocument, d: DragPosition): ConfigDocument {
  return moveDevice(doc, dragMove(d));
}

/** Identity of a candidate: `node@addr`, or `node@auto` when the address is left alone. */
export function candidateKey(node: number, axisMoved: boolean, addr: bigint): string {
  return `${node}@${axisMoved ? hexAddr(addr) : 'auto'}`;
}
