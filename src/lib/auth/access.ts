// What the middleware does with a request: let it through, send to the sign-in page, or refuse with
// a reason a person can act on. Kept apart from Astro so the role × route matrix is testable.
import { CAPABILITIES, ROLE_ZH, capabilityFor, may, rolesFor, type Capability, type SessionUser } from './roles.ts';

export type Decision =
  | { action: 'next' }
  | { action: 'login'; to: string }
  | { action: 'redirect'; to: string }
  | { action: 'forbid'; status: 401 | 403; zh: string; en: string };

/** Pages that show the whole federation at once: not for subtree-limited accounts. (/quality shows a
 * limited account the batches of its subtree's accounts.) */
export const FEDERATION_WIDE: string[] = [];

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

/**
 * A redirect target from a request (?next=, ?back=): a path on this site, or '/'. Browsers drop tabs
 * and newlines from URLs and read `\` as `/`, so `/%09/evil.example` would become `//evil.example`
 * (another site): anything with control characters or backslashes is refused, and what is left must
 * resolve to this origin. The result is the normalised (percent-encoded) path.
 */
export function safeNext(next: string | null | undefined): string {
  if (!next || next.length > 2048 || !next.startsWith('/') || /[\u0000-\u0020\u007f\\]/.test(next)) return '/';
  if (next.startsWith('//')) return '/';
  const base = 'http://this.site.invalid';
  let u: URL;
  try {
    u = new URL(next, base);
  } catch {
    return '/';
  }
  return u.origin === base ? u.pathname + u.search + u.hash : '/';
}

/**
 * `inScope(org)` answers whether an org is in the user's subtree (only asked for limited accounts).
 */
export async function decide(url: URL, user: SessionUser | null, inScope: (org: string) => Promise<boolean>): Promise<Decision> {
  const cap = capabilityFor(url.pathname);
  if (cap === null) return { action: 'next' };
  const api = url.pathname.startsWith('/api/');
  if (!user) {
    if (api) return { action: 'forbid', status: 401, zh: '请先在 /login 登录再调用此接口', en: 'Sign in at /login before calling this API' };
    return { action: 'login', to: `/login?next=${encodeURIComponent(url.pathname + url.search)}` };
  }
  if (!may(user, cap)) return { action: 'forbid', status: 403, ...refusal(cap, user) };
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

/** Why a role may not do something, and who may: "uploads need the staff role; your account … is auditor". */
export function refusal(cap: Capability, user: SessionUser): { zh: string; en: string } {
  const c = CAPABILITIES[cap];
  const roles = rolesFor(cap);
  return {
    zh: `${c.zh}需要${roles.map((r) => `“${ROLE_ZH[r]}”`).join('或')}角色，您的账户 ${user.name} 是“${ROLE_ZH[user.role]}”。如需权限请联系管理员。`,
    en: `${c.en[0]!.toUpperCase()}${c.en.slice(1)} needs the ${roles.join(' or ')} role; your account ${user.name} is ${user.role}. Ask an administrator if you need access.`,
  };
}

export function neededCapability(pathname: string): Capability | null {
  return capabilityFor(pathname);
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The 403/401 page: says why, and what to do. Plain HTML so it needs nothing else to render. */
export function forbiddenPage(d: { status: number; zh: string; en: string }, user: SessionUser | null): string {
  const title = d.status === 401 ? '需要登录 · Sign in required' : d.status === 503 ? '暂不可用 · Unavailable' : '无权访问 · Access denied';
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title><style>body{font-family:system-ui,"Noto Sans SC",sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;color:#1f2937}
h1{font-size:1.4rem}p.en{color:#4b5563}a,button{color:#9b1c1c}form{display:inline}</style></head>
<body><main><h1>${title} (${d.status})</h1><p data-reason>${esc(d.zh)}</p><p class="en" lang="en">${esc(d.en)}</p>
<p><a href="/">返回首页 / Home</a>${user ? ` · 当前账户 / signed in as <strong>${esc(user.name)}</strong> · <form method="post" action="/logout"><button type="submit">退出 / Sign out</button></form>` : ` · <a href="/login">登录 / Sign in</a>`}</p>
</main></body></html>`;
}
