// What the middleware does with a request: let it through, send to the sign-in page, or refuse with
// a reason a person can act on. Kept apart from Astro so the role × route matrix is testable.
import { ROLE_ZH, atLeast, ruleFor, type Role, type SessionUser } from './roles.ts';

export type Decision =
  | { action: 'next' }
  | { action: 'login'; to: string }
  | { action: 'redirect'; to: string }
  | { action: 'forbid'; status: 401 | 403; zh: string; en: string };

/** Pages that show the whole federation at once: not for subtree-limited accounts. */
export const FEDERATION_WIDE = ['/quality'];

/** The org a request is about: /org/CODE/… or ?org=CODE (switchers, APIs). */
export function orgOfRequest(url: URL): string | null {
  const m = /^\/org\/([^/]+)/.exec(url.pathname);
  if (m) {
    try {
      return decodeURIComponent(m[1]!);
    } catch {
      return m[1]!;
    }
  }
  return url.searchParams.get('org');
}

export function safeNext(next: string | null | undefined): string {
  // Only local paths: never //host or /\host, which browsers treat as another site.
  return next && /^\/(?![/\\])/.test(next) ? next : '/';
}

/**
 * `inScope(org)` answers whether an org is in the user's subtree (only asked for limited accounts).
 */
export async function decide(url: URL, user: SessionUser | null, inScope: (org: string) => Promise<boolean>): Promise<Decision> {
  const rule = ruleFor(url.pathname);
  if (rule.role === null) return { action: 'next' };
  const api = url.pathname.startsWith('/api/');
  if (!user) {
    if (api) return { action: 'forbid', status: 401, zh: '请先在 /login 登录再调用此接口', en: 'Sign in at /login before calling this API' };
    return { action: 'login', to: `/login?next=${encodeURIComponent(url.pathname + url.search)}` };
  }
  if (!atLeast(user.role, rule.role)) {
    return {
      action: 'forbid',
      status: 403,
      zh: `${rule.what.split(' / ')[0]}需要“${ROLE_ZH[rule.role]}”或更高角色，您的账户 ${user.name} 是“${ROLE_ZH[user.role]}”。如需权限请联系管理员。`,
      en: `${rule.what.split(' / ')[1] ?? rule.what} needs the ${rule.role} role or higher; your account ${user.name} is ${user.role}. Ask an administrator if you need access.`,
    };
  }
  if (user.orgScope) {
    if (url.pathname === '/') return { action: 'redirect', to: `/org/${encodeURIComponent(user.orgScope)}` };
    if (FEDERATION_WIDE.some((p) => url.pathname === p || url.pathname.startsWith(`${p}/`))) {
      return {
        action: 'forbid',
        status: 403,
        zh: `此页面显示全市数据，您的账户只能查看 ${user.orgScope} 及其下级组织。`,
        en: `This page shows the whole federation; your account is limited to ${user.orgScope} and the orgs under it.`,
      };
    }
    const org = orgOfRequest(url);
    if (org && !(await inScope(org))) {
      return {
        action: 'forbid',
        status: 403,
        zh: `组织 ${org} 不在您的查看范围内：您的账户只能查看 ${user.orgScope} 及其下级组织。`,
        en: `Org ${org} is outside your scope: your account is limited to ${user.orgScope} and the orgs under it.`,
      };
    }
  }
  return { action: 'next' };
}

export function needsRole(pathname: string): Role | null {
  return ruleFor(pathname).role;
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The 403/401 page: says why, and what to do. Plain HTML so it needs nothing else to render. */
export function forbiddenPage(d: { status: number; zh: string; en: string }, user: SessionUser | null): string {
  const title = d.status === 401 ? '需要登录 · Sign in required' : '无权访问 · Access denied';
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title><style>body{font-family:system-ui,"Noto Sans SC",sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;color:#1f2937}
h1{font-size:1.4rem}p.en{color:#4b5563}a,button{color:#9b1c1c}form{display:inline}</style></head>
<body><main><h1>${title} (${d.status})</h1><p data-reason>${esc(d.zh)}</p><p class="en" lang="en">${esc(d.en)}</p>
<p><a href="/">返回首页 / Home</a>${user ? ` · 当前账户 / signed in as <strong>${esc(user.name)}</strong> · <form method="post" action="/logout"><button type="submit">退出 / Sign out</button></form>` : ` · <a href="/login">登录 / Sign in</a>`}</p>
</main></body></html>`;
}
