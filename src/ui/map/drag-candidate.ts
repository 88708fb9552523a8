/** What a drag proposes: the document with the dragged device on its new node and/or at its new address. */
import type { ConfigDocument } from '../../core/document/index.ts';
import { setDeviceAddr, setDeviceNode } from '../../state/doc-edits.ts';
import type { DragState } from '../../state/store.ts';
import { hexAddr } from './ticks.ts';

export type DragPosition = Pick<DragState, 'optionIndex' | 'originNode' | 'node' | 'axisMoved' | 'addr'>;

/** The document a drag or key press proposes: the device on `node`, with `addr=` when it moved along the axis. */
export function buildCandidate(doc: ConfigDocument, d: DragPosition): ConfigDocument {
  let next = doc;
  if (d.node !== d.originNode) next = setDeviceNode(next, d.optionIndex, d.node);
  if (d.axisMoved) next = setDeviceAddr(next, d.optionIndex, d.addr);
  return next;
}

/** Identity of a candidate: `node@addr`, or `node@auto` when the address is left alone. */
export function candidateKey(node: number, axisMoved: boolean, addr: bigint): string {
  return `${node}@${axisMoved ? hexAddr(addr) : 'auto'}`;
}
