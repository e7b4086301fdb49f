// GET /lang?to=en&back=/org/…: remembers the language in a cookie (a year) and returns to the page.
import type { APIRoute } from 'astro';
import { safeNext } from '../lib/auth/access.ts';
import { LANG_COOKIE, isLang } from '../lib/i18n/index.ts';

export const GET: APIRoute = ({ url, cookies, redirect }) => {
  const to = url.searchParams.get('to');
  // Only same-site paths: never an open redirect (src/lib/auth/access.ts).
  const target = safeNext(url.searchParams.get('back'));
  if (isLang(to)) cookies.set(LANG_COOKIE, to, { path: '/', maxAge: 365 * 24 * 3600, sameSite: 'lax', httpOnly: false });
  return redirect(target, 303);
};
