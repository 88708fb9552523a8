/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  plugins: [react()],
  resolve: {
    // d3-zoom's only use of d3-transition is interrupting transitions, and the designer starts none
    alias: [{ find: /^d3-transition$/, replacement: fileURLToPath(new URL('./src/ui/controllers/d3-transition-stub.ts', import.meta.url)) }],
  },
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: false },
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    environment: 'node',
    testTimeout: 120_000,
  },
});
