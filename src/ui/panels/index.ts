/**
 * The side panels, in tab order. Adding a panel is one entry here: an id, a tab title and a component (which
 * reads what it needs from the store and the derived view). Each loads when its tab first opens; the Inspector,
 * open at first, with the map (vite.config.ts STARTUP: its chunk is the one the page asks for as it starts).
 */
import { createElement, lazy, Suspense, type ComponentType } from 'react';

/** A panel loaded on demand, under its own Suspense boundary (a short "Loading…" the first time). */
function lazyPanel(load: () => Promise<ComponentType>): ComponentType {
  const Lazy = lazy(async () => ({ default: await load() }));
  return function LazyPanel() {
    return createElement(Suspense, { fallback: createElement('p', { className: 'muted' }, 'Loading…') }, createElement(Lazy));
  };
}

const Inspector = lazyPanel(() => import('./Inspector.tsx').then((m) => m.Inspector));
const CommandLinePanel = lazyPanel(() => import('./CommandLinePanel.tsx').then((m) => m.CommandLinePanel));
const ExportPanel = lazyPanel(() => import('./ExportPanel.tsx').then((m) => m.ExportPanel));

export interface PanelDefinition {
  id: string;
  title: string;
  component: ComponentType;
}

export const PANELS: readonly PanelDefinition[] = [
  { id: 'inspector', title: 'Inspector', component: Inspector },
  { id: 'cmdline', title: 'Command line', component: CommandLinePanel },
  { id: 'export', title: 'Export', component: ExportPanel },
];
