/** Entry point: the core client (worker, with main-thread fallback), react-query, the store, the app. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { DEFAULT_PRESET_ID, exampleDocument, markPresetDocument, presetIdOfText } from './ui/preset-docs.ts';
import { serializeDocument } from './core/io/index.ts';
import { browserSession } from './state/session.ts';
import { DesignerStoreProvider } from './state/store.ts';
import { browserStorage, resolveStartup } from './state/persist.ts';
import { DocumentIo, markIfPreset } from './ui/io/DocumentIo.tsx';
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
// the design to open with: a share link in the address, else the autosaved design, else the example
const storage = browserStorage();
// this page among the designer's open tabs (state/tabs.ts); an unedited example need not be kept when replaced
const session = browserSession(storage, (doc) => presetIdOfText(serializeDocument(doc)) !== null);
// (a promise, not a top-level await: an entry module that awaits makes the bundler split the page's chunks apart)
void Promise.resolve(
  resolveStartup({
    hash: window.location.hash,
    storage,
    session,
    example: () => markPresetDocument(exampleDocument(), DEFAULT_PRESET_ID),
  }),
).then((startup) => {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <CoreClientProvider client={client}>
          <DesignerStoreProvider initialDocument={startup.source === 'example' ? startup.doc : markIfPreset(startup.doc)} session={session}>
            <DocumentIo startup={startup} storage={storage}>
              <App />
            </DocumentIo>
          </DesignerStoreProvider>
        </CoreClientProvider>
      </QueryClientProvider>
    </StrictMode>,
  );
});
