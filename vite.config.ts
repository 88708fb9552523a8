/// <reference types="vitest/config" />
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

/**
 * d3-interpolate builds its colour and transform interpolators at module level (`var rgb = (function …)(1)`,
 * `var interpolateHsl = hsl(hue)`, …) without a pure annotation, so the bundler keeps them, and d3-color with
 * them, although d3-zoom takes only `interpolateZoom`. Those calls only make closures: mark them pure.
 */
function pureD3Interpolate(): Plugin {
  return {
    name: 'mmd:pure-d3-interpolate',
    transform(code, id) {
      if (!/[\\/]d3-interpolate[\\/]dist[\\/]d3-interpolate\.mjs$/.test(id)) return null;
      return { code: code.replace(/^var (\w+) = (?=\(function |\w+\()/gm, 'var $1 = /*#__PURE__*/ '), map: null };
    },
  };
}

/**
 * src/core is pure: importing one of its modules only defines values (no module registers anything elsewhere,
 * and nothing in src imports a module for its effects). Saying so lets the bundler leave out a core module none
 * of whose exports a chunk uses, and put one that only a lazy chunk uses (the command-line importer) in that
 * chunk, instead of in the page's first one because a barrel (`core/io/index.ts`) the page imports re-exports it.
 */
const pureCore = { moduleSideEffects: [{ test: /[\\/]src[\\/]core[\\/]/, sideEffects: false }] };

export default defineConfig({
  plugins: [react(), pureD3Interpolate()],
  resolve: {
    // d3-zoom's only use of d3-transition is interrupting transitions, and the designer starts none
    alias: [{ find: /^d3-transition$/, replacement: fileURLToPath(new URL('./src/ui/controllers/d3-transition-stub.ts', import.meta.url)) }],
  },
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: false, rolldownOptions: { treeshake: pureCore } },
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    environment: 'node',
    testTimeout: 120_000,
  },
});
