import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/** One build into web/dist; Fastify serves it. No dev-server proxy: build and run `npm start`. */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 900,
  },
  logLevel: 'warn',
});
