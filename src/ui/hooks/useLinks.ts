/** Links of the current selection (see linking.ts), for the map and the tables. */
import { useMemo } from 'react';
import { useDesigner } from '../../state/store.ts';
import { computeLinks, diagnosticItems, type DiagnosticItem, type Links } from '../linking.ts';
import { useDerivedView } from './useDerived.ts';

export function useLinks(): { links: Links; diagnostics: DiagnosticItem[] } {
  const { result, layout } = useDerivedView();
  const selection = useDesigner((s) => s.selection);
  const doc = useDesigner((s) => s.doc);
  const diagnostics = useMemo(() => diagnosticItems(result), [result]);
  const links = useMemo(() => computeLinks(selection, doc, layout, diagnostics), [selection, doc, layout, diagnostics]);
  return { links, diagnostics };
}
