// The security headers of every response, in one place: the Astro middleware puts them on what the
// app answers (pages, APIs, redirects, 403s), and the server entry (launch.ts) on everything else,
// that is the static files the Node adapter serves itself (/_astro/*.js|css, fonts, favicon), which
// never reach the middleware.
//
// Pages get their Content-Security-Policy from Astro (astro.config.mjs `security.csp`: hashes of
// the scripts and styles it emitted at build time, so an injected <script> never runs). Everything
// else (JSON, files, redirects, the plain 403 page, static assets) gets a policy that allows nothing
// but its own inline style. nosniff, frame-ancestors / X-Frame-Options, Referrer-Policy and the rest
// go on all.
import type { ServerResponse } from 'node:http';

/** For responses without a policy of their own (not an Astro page). */
export const FALLBACK_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  // Org codes and queries sit in our URLs: other sites get no referrer at all.
  'referrer-policy': 'same-origin',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
};

/** The full set for one response: the fixed headers, the fallback CSP, HSTS over https. */
export function securityHeaders(https: boolean): Record<string, string> {
  return {
    ...SECURITY_HEADERS,
    'content-security-policy': FALLBACK_CSP,
    ...(https ? { 'strict-transport-security': 'max-age=31536000' } : {}),
  };
}

/** On a Fetch Response (the middleware): each header unless the response set its own (a page's CSP). */
export function withSecurityHeaders(res: Response, url: URL): Response {
  let out = res;
  for (const [name, value] of Object.entries(securityHeaders(url.protocol === 'https:'))) {
    if (out.headers.has(name)) continue;
    try {
      out.headers.set(name, value);
    } catch {
      out = new Response(out.body, out); // immutable headers (Response.redirect): copy once
      out.headers.set(name, value);
    }
  }
  return out;
}

/**
 * On a Node response before any handler runs (the server entry): what the handler then sets itself
 * wins (Node merges writeHead's headers over setHeader's), so a page keeps Astro's CSP and the
 * static files get all of these.
 */
export function setSecurityHeaders(res: ServerResponse, https: boolean): void {
  for (const [name, value] of Object.entries(securityHeaders(https))) res.setHeader(name, value);
}
