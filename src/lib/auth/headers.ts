// The origin check of every state-changing request. (The security headers of every response:
// src/lib/server/headers.ts.)

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * A 403 for a state-changing request from another origin, else null. Browsers send Origin on every
 * POST; a request with neither Origin nor Sec-Fetch-Site comes from a script (curl, a test), which
 * carries no one's cookies by accident, so it passes. `Origin: null` (sandboxed frames) does not.
 */
export function crossOrigin(request: Request, url: URL): Response | null {
  if (SAFE.has(request.method)) return null;
  const origin = request.headers.get('origin');
  const site = request.headers.get('sec-fetch-site');
  const ok = origin !== null ? origin === url.origin : site === null || site === 'same-origin';
  if (ok) return null;
  return new Response(
    `跨站请求被拒绝：${request.method} 只接受来自本站页面的提交。 / Cross-site ${request.method} refused: only forms and scripts of this site may change anything.`,
    { status: 403, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' } },
  );
}
