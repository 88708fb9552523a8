/** Entry point: the core client (worker, with main-thread fallback), react-query, the store, the app. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { DEFAULT_PRESET_ID, exampleDocument } from './core/presets.ts';
import { markPresetDocument } from './ui/preset-docs.ts';
import { DesignerStoreProvider } from './state/store.ts';
import { createCoreClient } from './worker/client.ts';
import { CoreClientProvider } from './ui/core-client-context.ts';
import { App } from './ui/App.tsx';
import './ui/styles.css';

const params = new URLSearchParams(window.location.search);
// `?engine=main` runs the core on the main thread (the fallback path), for comparison and diagnosis
const client = createCoreClient({ useWorker: params.get('engine') !== 'main' });
const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false, refetchOnReconnect: false } },
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <CoreClientProvider client={client}>
        <DesignerStoreProvider initialDocument={markPresetDocument(exampleDocument(), DEFAULT_PRESET_ID)}>
          <App />
        </DesignerStoreProvider>
      </CoreClientProvider>
    </QueryClientProvider>
  </StrictMode>,
);
