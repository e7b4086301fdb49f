// Server-rendered dashboard: every page reads the warehouse on request. The Node adapter in
// middleware mode: our own server (src/lib/server/launch.ts) serves static files and cached pages
// and hands everything else to it. DuckDB stays external: its native binding must load from node_modules.
import { defineConfig } from 'astro/config';
import node from '@astrojs/node';
import svelte from '@astrojs/svelte';

export default defineConfig({
  output: 'server',
  adapter: node({ mode: 'middleware' }),
  integrations: [svelte()],
  // Host and port are decided at run time by scripts/serve.ts (src/lib/server/launch.ts listens).
  server: { host: '127.0.0.1', port: 4321 },
  devToolbar: { enabled: false },
  // Content-Security-Policy on every page, as a response header: Astro hashes the scripts and styles
  // it emits at build time, so only those run (an injected <script> has no hash). Styles may be
  // inline: CodeMirror adds <style> elements at run time and ECharts sets style attributes (CSS
  // cannot run script; the script policy is what stops an injection).
  // The headers of other responses, and nosniff, frame-ancestors, Referrer-Policy: src/middleware.ts.
  security: {
    csp: {
      directives: [
        "default-src 'self'",
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
      ],
      styleDirective: { resources: ["'self'", "'unsafe-inline'"] },
    },
  },
  vite: {
    ssr: { external: ['@duckdb/node-api', 'pdfmake', 'exceljs'] },
    build: { chunkSizeWarningLimit: 1500 },
  },
});
