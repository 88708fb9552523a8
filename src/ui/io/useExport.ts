/**
 * Export of the current design: the core's result for the current revision (from react-query's cache, or
 * computed now), then the text for the Export panel and, for file formats, a download.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useDesigner, useDesignerApi } from '../../state/store.ts';
import { deriveQueryOptions } from '../../worker/queries.ts';
import { useCoreClient } from '../core-client-context.ts';
import { downloadFile } from './browser-files.ts';
import type { ExportFormat, ExportOutcome } from './export-formats.ts';
import { useIoApi } from './io-store.ts';

export const EXPORT_PANEL_ID = 'export';

type ExportsModule = typeof import('./exports.ts');
let exportsModule: Promise<ExportsModule> | null = null;

/** The export builders, loaded on first use (they bring the core's layout code to the main thread). */
export function loadExports(): Promise<ExportsModule> {
  exportsModule ??= import('./exports.ts');
  return exportsModule;
}

/** Click handler for the export buttons: shows the format in the Export panel and downloads its file. */
export function useExportAction(): (format: ExportFormat) => Promise<ExportOutcome> {
  const store = useDesignerApi();
  const io = useIoApi();
  const client = useCoreClient();
  const queryClient = useQueryClient();
  return useCallback(
    async (format) => {
      const { doc, revision, actions } = store.getState();
      io.getState().showExport(format);
      actions.setActivePanel(EXPORT_PANEL_ID);
      const [derived, { buildExport }] = await Promise.all([queryClient.fetchQuery(deriveQueryOptions(client, revision, doc)), loadExports()]);
      const outcome = buildExport(format, doc, derived.result);
      if (outcome.ok && outcome.file) downloadFile(outcome.file);
      return outcome;
    },
    [store, io, client, queryClient],
  );
}

export interface LiveExport {
  outcome: ExportOutcome | null;
  /** the design changed and its result is being computed (`outcome` is of the previous revision) */
  updating: boolean;
}

/** The export of the current design in `format`, kept up to date as the design changes. */
export function useLiveExport(format: ExportFormat): LiveExport {
  const client = useCoreClient();
  const revision = useDesigner((s) => s.revision);
  const doc = useDesigner((s) => s.doc);
  const q = useQuery(deriveQueryOptions(client, revision, doc));
  // placeholder data is the previous revision's result: never pair it with the current document
  const current = q.data && !q.isPlaceholderData ? q.data : null;
  const [mod, setMod] = useState<ExportsModule | null>(null);
  useEffect(() => {
    let live = true;
    void loadExports().then((m) => live && setMod(m));
    return () => {
      live = false;
    };
  }, []);
  const outcome = useMemo(() => (current && mod ? mod.buildExport(format, doc, current.result) : null), [format, doc, current, mod]);
  const last = useRef<ExportOutcome | null>(null);
  if (outcome) last.current = outcome;
  const shown = outcome ?? (last.current?.format === format ? last.current : null);
  return { outcome: shown, updating: !outcome };
}
