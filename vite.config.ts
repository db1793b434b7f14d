import { defineConfig } from 'vite';
import path from 'node:path';

// The renderer is served from file:// (Electron) or the host-mode server: relative asset paths.
export default defineConfig({
  root: path.resolve(import.meta.dirname, 'renderer'),
  base: './',
  build: {
    outDir: path.resolve(import.meta.dirname, 'dist/renderer'),
    emptyOutDir: true,
    sourcemap: true,
    target: 'chrome130',
  },
});
