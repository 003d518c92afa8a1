// Two pages: the feed at / and the dashboard at /admin/, built into web/dist, which the engine
// serves (src/server/routes/web.ts). JSX compiles to Preact's automatic runtime.
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    reportCompressedSize: true,
    rollupOptions: {
      input: {
        feed: resolve(import.meta.dirname, 'index.html'),
        admin: resolve(import.meta.dirname, 'admin/index.html'),
      },
    },
  },
  server: { proxy: { '/v1': 'http://127.0.0.1:8080' } },
});
