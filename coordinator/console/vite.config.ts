// The web console's build: Preact components bundled by Vite into dist/console, which the coordinator serves at /.
// Everything the page needs is in that folder: no CDN, no web fonts, since hospitals are often offline.
import { fileURLToPath } from 'node:url';

import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  logLevel: 'warn',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: fileURLToPath(new URL('../../dist/console', import.meta.url)),
    emptyOutDir: true,
    sourcemap: false,
    // One small bundle; no module preload polyfill fetching anything at run time.
    modulePreload: { polyfill: false },
  },
});
