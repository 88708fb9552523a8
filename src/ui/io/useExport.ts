/**
 * Export of the current design: the core's result for the current revision (from react-query's cache, or
 * computed now), then the text for the Export panel's preview.
 */
import { useCallback, useRef } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useDesigner, useDesignerApi } from '../../state/store.ts';
import { useCoreClient } from '../core-client-context.ts';
import type { ExportFormat, ExportOutcome } from '../../core/io/index.ts';
import { useIoApi } from './io-store.ts';

export const EXPORT_PANEL_ID = 'export';

/**
 * Click handler for the export buttons: shows the format in the Export panel (Expand there gives the wide view).
 * Nothing is downloaded until the panel's Download button is pressed.
 */
export function useExportAction(): (format: ExportFormat) => Promise<ExportOutcome> {
  const store = useDesignerApi();
  const io = useIoApi();
  const client = useCoreClient();
  return useCallback(
    async (format) => {
      const { doc, actions } = store.getState();
      io.getState().showExport(format);
      actions.setActivePanel(EXPORT_PANEL_ID);
      return client.exportDesign(doc, format);
    },
    [store, io, client],
  );
}

export interface LiveExport {
  outcome: ExportOutcome | null;
  /** the design changed and its result is being computed (`outcome` is of the previous revision) */
  updating: boolean;
}

/** The export of the current design in `format`, kept up to date as the design changes (built in the worker). */
export function useLiveExport(format: ExportFormat): LiveExport {
  const client = useCoreClient();
  const revision = useDesigner((s) => s.revision);
  const doc = useDesigner((s) => s.doc);
  const q = useQuery({
    queryKey: ['export', format, revision] as const,
    queryFn: () => client.exportDesign(doc, format),
    placeholderData: keepPreviousData,
    staleTime: Infinity,
    gcTime: 5_000,
    retry: false,
    structuralSharing: false,
  });
  const outcome = q.data && !q.isPlaceholderData ? q.data : null;
  const last = useRef<ExportOutcome | null>(null);
  if (outcome) last.current = outcome;
  const shown = outcome ?? (last.current?.format === format ? last.current : null);
  return { outcome: shown, updating: !outcome };
}
