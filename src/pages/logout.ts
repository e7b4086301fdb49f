// POST /logout (the sign-out button): ends the session in the store and clears the cookie.
// Signing out changes state, so GET does not do it (an <img src=/logout> on another page would sign
// people out): GET answers with a page whose button posts here (a bookmarked link still works, with
// one more click). The middleware checks the origin of every POST.
import type { APIRoute } from 'astro';
import { SESSION_COOKIE, logout } from '../lib/auth/sessions.ts';
import { config } from '../lib/server/config.ts';

export const POST: APIRoute = async ({ cookies, redirect }) => {
  await logout(config.db, cookies.get(SESSION_COOKIE)?.value);
  cookies.delete(SESSION_COOKIE, { path: '/' });
  return redirect('/login', 303);
};

export const GET: APIRoute = () =>
  new Response(
    `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>退出 · Sign out</title></head>
<body><main><h1>退出 / Sign out</h1><form method="post" action="/logout"><button type="submit" data-logout>退出登录 / Sign out</button></form>
<p><a href="/">返回首页 / Home</a></p></main></body></html>`,
    { status: 200, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' } },
  );
