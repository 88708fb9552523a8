/**
 * The derived view of the current document: the worker's result for the current revision (or, while it is being
 * computed, the previous one), plus the last layout QEMU accepted, so the map keeps showing the machine while the
 * document is in a state QEMU refuses.
 */
import { createContext, createElement, useContext, useEffect, useMemo, useRef, type ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { DerivedLayout as MachineLayout, DerivedResult as MachineResult } from '../../worker/api.ts';
import { deriveQueryOptions } from '../../worker/queries.ts';
import { useDesigner } from '../../state/store.ts';
import { useCoreClient } from '../core-client-context.ts';

export interface DerivedView {
  /** the result shown (current, or the previous one while the current is computed) */
  result: MachineResult | null;
  args: string[];
  /** the revision `result` belongs to */
  resultRevision: number;
  /** the result is the current document's */
  current: boolean;
  /** the layout to draw: the result's, or the last accepted one when QEMU refuses the document */
  layout: MachineLayout | null;
  /** `layout` is from an earlier document (the current one is refused) */
  layoutStale: boolean;
  /** the core call itself failed (not a QEMU error: a broken engine) */
  failure: string | null;
}

const EMPTY: DerivedView = {
  result: null,
  args: [],
  resultRevision: 0,
  current: false,
  layout: null,
  layoutStale: false,
  failure: null,
};

const DerivedContext = createContext<DerivedView>(EMPTY);

export function DerivedProvider({ children }: { children?: ReactNode }) {
  const client = useCoreClient();
  const revision = useDesigner((s) => s.revision);
  const doc = useDesigner((s) => s.doc);
  const q = useQuery(deriveQueryOptions(client, revision, doc));
  const lastGood = useRef<{ layout: MachineLayout; revision: number } | null>(null);
  const lastRevision = useRef(0);

  const data = q.data;
  const current = Boolean(data) && !q.isPlaceholderData;
  if (data && current) lastRevision.current = revision;
  const result = data?.result ?? null;
  if (result?.layout && current) lastGood.current = { layout: result.layout, revision };
  const layout = result?.layout ?? lastGood.current?.layout ?? null;
  const resultRevision = lastRevision.current;
  const failure = q.error ? String(q.error) : null;
  // a result computed before QEMU's name lists were at hand (the core on the main thread fetches them): computed
  // again once they are, so that the verdict is QEMU's without waiting for the next edit
  const pending = current && result?.catalogPending === true;
  const { refetch } = q;
  useEffect(() => {
    if (!pending) return;
    let live = true;
    void client.catalogReady().then((ok) => {
      if (ok && live) void refetch();
    });
    return () => {
      live = false;
    };
  }, [pending, revision, client, refetch]);
  const view = useMemo<DerivedView>(
    () => ({
      result,
      args: data?.args ?? [],
      resultRevision,
      current,
      layout,
      layoutStale: Boolean(result && !result.layout && layout),
      failure,
    }),
    [result, data, resultRevision, current, layout, failure],
  );
  return createElement(DerivedContext.Provider, { value: view }, children);
}

export function useDerivedView(): DerivedView {
  return useContext(DerivedContext);
}
