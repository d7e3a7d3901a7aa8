import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The gateway serves the build at /dashboard (src/dashboard/): hashed files in assets/ get a year-long cache.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/dashboard/',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    assetsDir: 'assets',
    chunkSizeWarningLimit: 600,
  },
  server: {
    // `npx vite web` during development: API calls go to a gateway running on the default port.
    proxy: { '/api': 'http://127.0.0.1:20128', '/v1': 'http://127.0.0.1:20128' },
  },
});
