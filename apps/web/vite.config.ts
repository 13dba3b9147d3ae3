import { resolve } from 'node:path';
import { defineConfig } from 'vite';

/** The web UI, built into apps/web/dist and served by the API (libs/web) at `/`. */
export default defineConfig({
  root: resolve(__dirname),
  base: '/',
  publicDir: false,
  resolve: {
    // frappe-gantt's package exports do not name its stylesheet.
    alias: {
      'frappe-gantt.css': resolve(__dirname, '../../node_modules/frappe-gantt/dist/frappe-gantt.css'),
    },
  },
  logLevel: 'warn',
  build: {
    outDir: resolve(__dirname, 'dist'),
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 4000,
    sourcemap: false,
  },
  server: { fs: { allow: [resolve(__dirname, '../..')] } },
});
