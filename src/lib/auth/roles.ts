// Roles and what each may open. Roles are cumulative: each one can do what the previous can.
//   leader  dashboards          staff  + uploads, reports (the work-summary PDFs)
//   auditor + SQL console, raw exports, lineage, audit log      admin  + accounts
export const ROLES = ['leader', 'staff', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_ZH: Record<Role, string> = { leader: '领导', staff: '工作人员', auditor: '审计', admin: '管理员' };

export function isRole(s: string): s is Role {
  return (ROLES as readonly string[]).includes(s);
}

export function atLeast(role: Role, needed: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(needed);
}

/** Who may see personal data unmasked (when they ask for it; the default is always masked). */
export function mayUnmask(role: Role): boolean {
  return atLeast(role, 'auditor');
}

/** The signed-in user as pages see it (Astro.locals.user). */
export interface SessionUser {
  name: string;
  role: Role;
  /** null = the whole federation; else the root org code of the subtree this account is limited to. */
  orgScope: string | null;
}

/**
 * Route rules, first match wins. `null` = public (no sign-in needed). Everything not listed needs a
 * signed-in user of any role (the dashboards).
 */
export const ROUTE_RULES: { prefix: string; role: Role | null; what: string }[] = [
  { prefix: '/login', role: null, what: '登录页 / sign-in page' },
  { prefix: '/logout', role: null, what: '退出 / sign-out' },
  { prefix: '/_astro/', role: null, what: 'static assets' },
  { prefix: '/favicon', role: null, what: 'static assets' },
  { prefix: '/healthz', role: null, what: 'health check' },
  { prefix: '/admin', role: 'admin', what: '账户管理 / account administration' },
  { prefix: '/api/admin', role: 'admin', what: '账户管理 / account administration' },
  { prefix: '/audit', role: 'auditor', what: '审计工作台 / the auditor workbench' },
  { prefix: '/api/audit', role: 'auditor', what: '审计工作台 / the auditor workbench' },
  { prefix: '/upload', role: 'staff', what: '数据上传 / uploads' },
  { prefix: '/api/upload', role: 'staff', what: '数据上传 / uploads' },
  { prefix: '/reports', role: 'staff', what: '报告下载 / report downloads' },
  { prefix: '/api/reports', role: 'staff', what: '报告下载 / report downloads' },
  { prefix: '/download', role: 'staff', what: '数据下载 / downloads' },
];

/** Rules that are not prefixes: the work-summary PDFs sit under each org's pages. */
export const PATTERN_RULES: { pattern: RegExp; role: Role; what: string }[] = [
  { pattern: /^\/org\/[^/]+\/\d{4}\/report\.pdf$/, role: 'staff', what: '工作总结 PDF / the work-summary PDFs' },
];

export function ruleFor(pathname: string): { role: Role | null; what: string } {
  for (const r of PATTERN_RULES) if (r.pattern.test(pathname)) return r;
  for (const r of ROUTE_RULES) {
    if (pathname === r.prefix || pathname.startsWith(r.prefix.endsWith('/') ? r.prefix : `${r.prefix}/`) || pathname.startsWith(`${r.prefix}.`)) {
      return r;
    }
  }
  return { role: 'leader', what: '仪表盘 / the dashboards' };
}
