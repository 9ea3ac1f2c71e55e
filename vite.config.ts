/// <reference types="vitest/config" />
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * Cross-origin isolation (COOP/COEP) on dev and preview servers: it enables SharedArrayBuffer,
 * which the threaded WASM backend needs. (Threads are off for now, see src/ml/backend/initBackend.ts.)
 */
const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  plugins: [react()],
  // plotly.js's core bundle refers to the Node global `global` (browser-notes.md §5.2).
  define: { global: 'globalThis' },
  server: { headers: isolationHeaders, port: 5173 },
  preview: { headers: isolationHeaders, port: 4173 },
  // The engine worker code-splits (lazy tfjs backends), which needs ES module workers.
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 4096,
  },
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'scripts/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
  },
});
