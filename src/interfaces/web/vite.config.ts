// Builds the web UI (React + ECharts) into <repo>/web-dist, which `archetype serve` serves; no inline scripts, so the strict CSP holds.
import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  logLevel: 'warn',
  build: {
    outDir: fileURLToPath(new URL('../../../web-dist', import.meta.url)),
    emptyOutDir: true,
    // one stylesheet and module scripts from this origin; no inlined assets the CSP would have to allow
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 1200,
  },
  oxc: { jsx: { runtime: 'automatic' } },
});
