/**
 * What the designer draws from the core's results — the address map, the live tables (SRAT, E820, diagnostics)
 * and the analysis deck under them —, the design column (palette, machine form, option outline: every edit they
 * make is checked with the core first) and the test API that reads them: one chunk, which App.tsx starts loading
 * as the page starts.
 * Every one of these waits for the worker's first result anyway, so it loads while the worker starts and the
 * page's first chunk (app bar, toolbar, side panel) is smaller.
 */
export { MapView } from './canvas/MapView.tsx';
export { SratTable } from './tables/SratTable.tsx';
export { E820Table } from './tables/E820Table.tsx';
export { DiagnosticsList } from './tables/DiagnosticsList.tsx';
export { Deck } from './deck/Deck.tsx';
export { Tour } from './tour/Tour.tsx';
export { MachineForm } from './panels/MachineForm.tsx';
export { Outline, Palette } from './panels/Palette.tsx';
export { installTestApi } from './test-api.ts';
