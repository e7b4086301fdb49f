// POST /logout (the sign-out button): ends the session in the store and clears the cookie.
// GET does the same, so a bookmarked link works; SameSite=Strict keeps other sites from using it.
import type { APIRoute } from 'astro';
import { SESSION_COOKIE, logout } from '../lib/auth/sessions.ts';
import { config } from '../lib/server/config.ts';

const handler: APIRoute = ({ cookies, redirect }) => {
  logout(config.db, cookies.get(SESSION_COOKIE)?.value);
  cookies.delete(SESSION_COOKIE, { path: '/' });
  return redirect('/login', 303);
};

export const POST = handler;
export const GET = handler;
