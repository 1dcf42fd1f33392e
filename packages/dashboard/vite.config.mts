import { defineConfig } from 'vite';

// Built into dist/ as static files the gateway serves under /dashboard/; nothing is fetched from elsewhere at run time.
export default defineConfig({
  base: '/dashboard/',
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', sourcemap: false, reportCompressedSize: false },
  // `vite` in this folder serves the page with hot reload against a gateway running on :3000.
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});
