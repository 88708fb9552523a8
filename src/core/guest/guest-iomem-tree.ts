/**
 * The guest's resource tree (/proc/iomem) as kernel/resource.c builds it, reduced to what the guest view needs:
 * nodes, insert_resource(), __request_region() and the free parts reserve_region_with_split() fills. What goes
 * into the tree, and in which order, is guest-view.ts's business. Pure: no DOM, no I/O.
 */
import type { SourceRef } from './guest-sources.ts';

export type IomemKind = 'e820' | 'pci' | 'platform' | 'memory-device' | 'dax' | 'ram-buffer';

export interface IomemNode {
  start: bigint;
  /** inclusive, as /proc/iomem prints it */
  end: bigint;
  name: string;
  kind: IomemKind;
  children: IomemNode[];
  /** place or size is not exact (e.g. firmware fragments, PCI windows that move with BAR placement) */
  approximate: boolean;
  /** derived from sources, not seen on a running guest */
  inferred: boolean;
  note?: string;
  optionIndices: number[];
  sources: SourceRef[];
}

/** A new resource [start, endInclusive] with no children. */
export function iomemNode(
  start: bigint,
  endInclusive: bigint,
  name: string,
  kind: IomemKind,
  sources: SourceRef[],
  extra: Partial<Pick<IomemNode, 'approximate' | 'inferred' | 'note' | 'optionIndices'>> = {},
): IomemNode {
  const n: IomemNode = {
    start,
    end: endInclusive,
    name,
    kind,
    children: [],
    approximate: extra.approximate ?? false,
    inferred: extra.inferred ?? false,
    optionIndices: extra.optionIndices ?? [],
    sources,
  };
  if (extra.note !== undefined) n.note = extra.note;
  return n;
}

const sortNodes = (list: IomemNode[]) => list.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));

/**
 * insert_resource(): descend into a node that contains the new one (an identical range is adopted instead); nodes
 * inside the new range become its children; a partial overlap is a conflict (returns false, nothing inserted).
 */
export function insertResource(list: IomemNode[], n: IomemNode): boolean {
  const container = list.find((s) => s.start <= n.start && n.end <= s.end && !(s.start === n.start && s.end === n.end));
  if (container) return insertResource(container.children, n);
  const inside = list.filter((s) => n.start <= s.start && s.end <= n.end);
  const partial = list.some((s) => s.start <= n.end && n.start <= s.end && !inside.includes(s));
  if (partial) return false;
  for (const s of inside) list.splice(list.indexOf(s), 1);
  n.children.push(...inside);
  sortNodes(n.children);
  list.push(n);
  sortNodes(list);
  return true;
}

/** __request_region(): descend into any node containing the range (identical included); conflict → false. */
export function requestRegion(list: IomemNode[], n: IomemNode): boolean {
  const container = list.find((s) => s.start <= n.start && n.end <= s.end);
  if (container) return requestRegion(container.children, n);
  if (list.some((s) => s.start <= n.end && n.start <= s.end)) return false;
  list.push(n);
  sortNodes(list);
  return true;
}

/** reserve_region_with_split() at the top level: the parts of [start, end] no top-level node covers. */
export function freeParts(list: readonly IomemNode[], start: bigint, end: bigint): Array<[bigint, bigint]> {
  const out: Array<[bigint, bigint]> = [];
  let cur = start;
  for (const s of list) {
    if (s.end < cur) continue;
    if (s.start > end) break;
    if (s.start > cur) out.push([cur, s.start - 1n]);
    cur = s.end + 1n;
    if (cur > end) break;
  }
  if (cur <= end) out.push([cur, end]);
  return out;
}
