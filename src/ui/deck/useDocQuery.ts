/**
 * A worker call on the current document through react-query, keyed by the document revision (never by the
 * document itself or a bigint: the key hash is JSON). While the current revision is computed the previous answer
 * stays on screen.
 */
import { keepPreviousData, useQuery, type UseQueryResult } from '@tanstack/react-query';
import type { ConfigDocument } from '../../core/document/index.ts';
import { useDesigner } from '../../state/store.ts';
import type { CoreClient } from '../../worker/client.ts';
import { useCoreClient } from '../core-client-context.ts';

export type KeyPart = string | number | boolean | null;

export interface DocQuery<T> {
  query: UseQueryResult<T>;
  data: T | undefined;
  /** the data belongs to the current revision */
  current: boolean;
  revision: number;
}

export function useDocQuery<T>(
  name: string,
  extra: readonly KeyPart[],
  fn: (client: CoreClient, doc: ConfigDocument) => Promise<T>,
  enabled = true,
): DocQuery<T> {
  const client = useCoreClient();
  const revision = useDesigner((s) => s.revision);
  const doc = useDesigner((s) => s.doc);
  const query = useQuery({
    queryKey: [name, revision, ...extra],
    queryFn: () => fn(client, doc),
    placeholderData: keepPreviousData,
    staleTime: Infinity,
    gcTime: 30_000,
    retry: false,
    structuralSharing: false,
    enabled,
  });
  return { query, data: query.data, current: query.data !== undefined && !query.isPlaceholderData, revision };
}
