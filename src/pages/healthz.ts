/// <reference types="vite/client" />
// GET /healthz: public liveness check, and the server's warm-up. The first call after start runs the
// queries of the first page (the federation's overview of the latest year) and builds the org
// picker, so the first person to open a page does not wait for them. Says nothing about the data.
import type { APIRoute } from 'astro';
import { NoWarehouseError } from '../lib/server/warehouse.ts';
import { q, warm } from '../lib/server/cache.ts';

let warming: Promise<number> | undefined;

export const GET: APIRoute = async () => {
  const started = performance.now();
  // the queries, the picker, and the code of the org pages (its chart library is the slow import)
  warming ??= Promise.all([warm(), q.picker(null), ...Object.values(import.meta.glob('./org/*/*/*.astro')).map((load) => load())])
    .then(() => Math.round(performance.now() - started));
  try {
    const ms = await warming;
    return Response.json({ ok: true, warm_ms: ms }, { headers: { 'cache-control': 'no-store' } });
  } catch (e) {
    warming = undefined;
    if (e instanceof NoWarehouseError) return Response.json({ ok: false, warehouse: false }, { status: 503, headers: { 'cache-control': 'no-store' } });
    throw e;
  }
};
