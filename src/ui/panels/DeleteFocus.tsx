/**
 * Where the focus goes when a memory device is removed — by the Delete key on its block, the Inspector's Remove or
 * the palette's "Remove selected": to the next block of the map (in the map's reading order: lane by lane, top to
 * bottom, each lane in address order), else the previous one, else the map itself; that block is selected too.
 * Undoing the removal selects the device again and gives its block the focus back.
 *
 * It watches the store: an edit is a removal when the new design is exactly the old one with the selected device
 * (and the backend only it used) taken out, however the removal was made. Renders nothing.
 */
import { useEffect, useRef } from 'react';
import type { ConfigDocument } from '../../core/document/index.ts';
import { removeOption } from '../../state/doc-edits.ts';
import { useDesignerApi } from '../../state/store.ts';
import { useDerivedView } from '../hooks/useDerived.ts';
import type { DerivedLayout } from '../../worker/api.ts';

/** How long a block that is not drawn yet (its result is on the way) is waited for. */
const WAIT_MS = 3000;

/**
 * Once the map draws the current design (`ready`: its blocks carry this design's option indices), run `select`
 * and give the block `key` the focus (null: the map itself); returns a cancel.
 */
function focusWhenDrawn(key: string | null, ready: () => boolean, select: () => void): () => void {
  let live = true;
  let selected = false;
  const until = performance.now() + WAIT_MS;
  const attempt = () => {
    if (!live) return;
    if (ready()) {
      if (!selected) {
        selected = true;
        select();
      }
      const el =
        key === null
          ? document.querySelector<SVGElement>('.map-svg')
          : document.querySelector<SVGGElement>(`.blocks [data-block-key="${CSS.escape(key)}"]`);
      if (el) {
        if (key === null && !el.hasAttribute('tabindex')) el.setAttribute('tabindex', '-1');
        el.focus({ preventScroll: true });
        return;
      }
    }
    if (performance.now() < until) requestAnimationFrame(attempt);
  };
  requestAnimationFrame(attempt);
  return () => {
    live = false;
  };
}

/** Whether `next` is exactly `prev` with device `index` removed (the same option objects otherwise). */
function isRemovalOf(prev: ConfigDocument, next: ConfigDocument, index: number): boolean {
  const gone = prev.options[index];
  if (gone?.kind !== 'device' || next.options.length >= prev.options.length) return false;
  const r = removeOption(prev, index);
  if (!r.ok || r.doc.options.length !== next.options.length) return false;
  return r.doc.options.every((o, i) => o === next.options[i]);
}

/** The device after (else before) device `index` in the map's reading order, as an option index of `prev`. */
export function neighbourOf(layout: DerivedLayout | null, prev: ConfigDocument, index: number): number | null {
  if (!layout) return null;
  const gone = prev.options[index];
  const devices = layout.devices.filter((d) => {
    const o = prev.options[d.optionIndex];
    // (a result of an older design may number options otherwise: only devices it names as this design does count)
    return o?.kind === 'device' && (o.id ?? null) === d.id;
  });
  const order = [...devices].sort((a, b) => (a.node !== b.node ? a.node - b.node : a.addr < b.addr ? -1 : a.addr > b.addr ? 1 : 0));
  const at = order.findIndex((d) => d.optionIndex === index && gone?.kind === 'device' && (gone.id ?? null) === d.id);
  if (at < 0) return null;
  return (order[at + 1] ?? order[at - 1])?.optionIndex ?? null;
}

export function DeleteFocus(): null {
  const store = useDesignerApi();
  const view = useDerivedView();
  const viewRef = useRef(view);
  viewRef.current = view;
  useEffect(() => {
    // a design before a removal → the option index of the device removed from it
    const removedFrom = new WeakMap<ConfigDocument, number>();
    let cancel = () => {};
    // the map shows the current design (before, its blocks would select the options of the design before)
    const ready = () => viewRef.current.current && viewRef.current.resultRevision === store.getState().revision;
    const unsubscribe = store.subscribe((next, prev) => {
      if (next.doc === prev.doc) return;
      const restored = removedFrom.get(next.doc);
      if (restored !== undefined) {
        // the removal undone: the device is back, selected and focused
        queueMicrotask(() => {
          const s = store.getState();
          const o = s.doc.options[restored];
          if (s.doc !== next.doc || o?.kind !== 'device') return;
          cancel();
          cancel = focusWhenDrawn(o.id ?? `#${restored}`, ready, () => {
            if (store.getState().doc === next.doc) store.getState().actions.select({ kind: 'option', index: restored });
          });
        });
        return;
      }
      const sel = prev.selection;
      if (sel?.kind !== 'option' || !isRemovalOf(prev.doc, next.doc, sel.index)) return;
      removedFrom.set(prev.doc, sel.index);
      const nb = neighbourOf(viewRef.current.layout, prev.doc, sel.index);
      const nbOption = nb !== null ? prev.doc.options[nb] : undefined;
      queueMicrotask(() => {
        const s = store.getState();
        if (s.doc !== next.doc) return;
        const to = nbOption ? s.doc.options.indexOf(nbOption) : -1;
        cancel();
        const select = () => {
          if (to >= 0 && store.getState().doc === next.doc) store.getState().actions.select({ kind: 'option', index: to });
        };
        cancel = focusWhenDrawn(to >= 0 && nbOption?.kind === 'device' ? (nbOption.id ?? `#${to}`) : null, ready, select);
      });
    });
    return () => {
      unsubscribe();
      cancel();
    };
  }, [store]);
  return null;
}
