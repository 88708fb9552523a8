/** The guarded edit of forms/edit-guard.ts, bound to the page's store, core and latest result. */
import { useCallback, useRef } from 'react';
import type { ConfigDocument } from '../../core/document/index.ts';
import { useDesignerApi } from '../../state/store.ts';
import { useCoreClient } from '../core-client-context.ts';
import { useDerivedView, type DerivedView } from '../hooks/useDerived.ts';
import type { GuardOptions, GuardOutcome } from './edit-guard.ts';

/** The check and its words, loaded on the first guarded edit (the map's chunk, loaded as the page starts, has them). */
const loadGuard = () => import('./edit-guard.ts');

export type GuardedEdit = (edit: (doc: ConfigDocument) => ConfigDocument, opts?: GuardOptions) => Promise<GuardOutcome>;

/** For a component that renders with every result anyway. */
export function useGuardedEdit(): GuardedEdit {
  const view = useDerivedView();
  const ref = useRef<DerivedView | null>(view);
  ref.current = view;
  return useGuardedEditWith(ref);
}

/** For a component that keeps the latest result in a ref of its own (and does not render again with each one). */
export function useGuardedEditWith(view: { readonly current: DerivedView | null }): GuardedEdit {
  const store = useDesignerApi();
  const client = useCoreClient();
  return useCallback<GuardedEdit>(
    (edit, opts = {}) => {
      const v = view.current;
      // QEMU's verdict on the design as it is, when the result shown is the current design's
      const known = v?.current && v.result && v.resultRevision === store.getState().revision ? Boolean(v.result.error) : null;
      const o = { baseRefused: known, layout: v && !v.layoutStale ? v.layout : null, ...opts };
      return loadGuard().then((m) => m.guardEdit(client, store, edit, o));
    },
    [store, client, view],
  );
}
