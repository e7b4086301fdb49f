// Server-rendered dashboard: every page reads the warehouse on request, so the Node adapter
// (standalone) is required. DuckDB stays external: its native binding must load from node_modules.
import { defineConfig } from 'astro/config';
import node from '@astrojs/node';
import svelte from '@astrojs/svelte';

export default defineConfig({
  output: 'server',
  adapter: node({ mode: 'standalone' }),
  integrations: [svelte()],
  // Host and port are decided at run time by scripts/serve.ts (HOST/PORT env of the standalone server).
  server: { host: '127.0.0.1', port: 4321 },
  devToolbar: { enabled: false },
  vite: {
    ssr: { external: ['@duckdb/node-api', 'pdfmake', 'exceljs'] },
    build: { chunkSizeWarningLimit: 1500 },
  },
});
