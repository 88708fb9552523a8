/** The core client, handed down through context so tests and the benchmark can use the page's own instance. */
import { createContext, createElement, useContext, type ReactNode } from 'react';
import type { CoreClient } from '../worker/client.ts';

const CoreClientContext = createContext<CoreClient | null>(null);

export function CoreClientProvider({ client, children }: { client: CoreClient; children?: ReactNode }) {
  return createElement(CoreClientContext.Provider, { value: client }, children);
}

export function useCoreClient(): CoreClient {
  const c = useContext(CoreClientContext);
  if (!c) throw new Error('useCoreClient: no CoreClientProvider above this component');
  return c;
}
