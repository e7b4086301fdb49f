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
  // it emits at build time, so only those run (an injected <script> or <style> has no hash).
  // Style *attributes* stay allowed (style-src-attr 'unsafe-inline'), and only they: the SVG charts
  // rendered on the server and by ECharts in the browser, and the lineage table, carry style="…"
  // attributes (measured: dozens of style-src-attr violations per chart page without it). An
  // attribute cannot hold a selector, so it cannot read the page the way an injected <style> can.
  // CodeMirror (the SQL console) adds a <style> element at run time (style-mod uses
  // adoptedStyleSheets only inside a shadow root): /audit gives it a per-response nonce
  // (src/pages/audit/index.astro → EditorView.cspNonce). docs/threat-model.md has the reasoning.
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
      styleDirective: { resources: ["'self'", { resource: "'unsafe-inline'", kind: 'attribute' }] },
    },
  },
  vite: {
    ssr: { external: ['@duckdb/node-api', 'pdfmake', 'exceljs'] },
    build: { chunkSizeWarningLimit: 1500 },
  },
});
