// Security headers on every response, and the origin check of every state-changing request.
//
// Pages get their Content-Security-Policy from Astro (astro.config.mjs `security.csp`: hashes of
// the scripts and styles it emitted at build time, so an injected <script> never runs). Everything
// else (JSON, files, redirects, the plain 403 page) gets a policy that allows nothing but its own
// inline style. nosniff, frame-ancestors / X-Frame-Options, Referrer-Policy and the rest go on all.

/** For responses without a policy of their own (not an Astro page). */
export const FALLBACK_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

export const SECURITY_HEADERS: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  // Org codes and queries sit in our URLs: other sites get no referrer at all.
  'referrer-policy': 'same-origin',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
};

export function withSecurityHeaders(res: Response, url: URL): Response {
  let out = res;
  const set = (name: string, value: string) => {
    try {
      out.headers.set(name, value);
    } catch {
      out = new Response(out.body, out); // immutable headers (Response.redirect): copy once
      out.headers.set(name, value);
    }
  };
  for (const [k, v] of Object.entries(SECURITY_HEADERS)) if (!out.headers.has(k)) set(k, v);
  if (!out.headers.has('content-security-policy')) set('content-security-policy', FALLBACK_CSP);
  if (url.protocol === 'https:' && !out.headers.has('strict-transport-security')) set('strict-transport-security', 'max-age=31536000');
  return out;
}

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
