/**
 * The side panels, in tab order. Adding a panel is one entry here: an id, a tab title and a component (which
 * reads what it needs from the store and the derived view).
 */
import type { ComponentType } from 'react';
import { CommandLinePanel } from './CommandLinePanel.tsx';
import { ExportPanel } from './ExportPanel.tsx';
import { Inspector } from './Inspector.tsx';

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
