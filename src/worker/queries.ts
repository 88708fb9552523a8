/**
 * react-query options for core calls. Keys hold the document revision, never the document or a bigint (the
 * default key hash is JSON.stringify, which throws on bigint).
 */
import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { ConfigDocument } from '../core/document/index.ts';
import type { CoreClient } from './client.ts';

export function deriveQueryOptions(client: CoreClient, revision: number, doc: ConfigDocument) {
  return queryOptions({
    queryKey: ['derive', revision] as const,
    queryFn: () => client.derive(doc),
    placeholderData: keepPreviousData,
    staleTime: Infinity,
    gcTime: 5_000,
    retry: false,
    structuralSharing: false,
  });
}
