// Roles are duties, not a ladder: each role holds the capabilities of its job and nothing more.
//   leader   reads the dashboards and work summaries of their scope
//   staff    reads like a leader, and uploads and edits the data of their scope (uploads, templates,
//            the data-quality page, the narrative of the work summary)
//   auditor  reads everything in scope (raw data through the SQL console, lineage, the audit log,
//            data quality, reject reports) and writes nothing
//   admin    manages accounts and settings (and reads the dashboards); neither uploads nor audits
// Pages, navigation and the middleware all ask `may(user, capability)`; the route table below says
// which capability each route needs. test/auth/access.test.ts and test/browser/role-matrix.test.ts
// check every route × every role against the built server.
export const ROLES = ['leader', 'staff', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_ZH: Record<Role, string> = { leader: '领导', staff: '工作人员', auditor: '审计', admin: '管理员' };

export function isRole(s: string): s is Role {
  return (ROLES as readonly string[]).includes(s);
}

/** What a role may do. The one table of duties: the route table maps routes onto these. */
export const CAPABILITIES = {
  dashboards: { roles: ['leader', 'staff', 'auditor', 'admin'], zh: '仪表盘', en: 'the dashboards' },
  summaries: { roles: ['leader', 'staff', 'auditor', 'admin'], zh: '工作总结下载', en: 'the work summaries (PDF/DOCX)' },
  account: { roles: ['leader', 'staff', 'auditor', 'admin'], zh: '本人账户', en: 'your own account' },
  quality: { roles: ['staff', 'auditor'], zh: '数据质量', en: 'the data-quality page' },
  upload: { roles: ['staff'], zh: '数据上传', en: 'uploads' },
  edit: { roles: ['staff'], zh: '编辑（如工作总结正文）', en: 'editing (such as the work-summary narrative)' },
  rejects: { roles: ['staff', 'auditor'], zh: '上传问题清单', en: 'the reject reports of uploads' },
  audit: { roles: ['auditor'], zh: '审计工作台', en: 'the auditor workbench' },
  unmask: { roles: ['auditor'], zh: '查看未脱敏数据', en: 'unmasked personal data' },
  accounts: { roles: ['admin'], zh: '账户管理', en: 'account administration' },
  settings: { roles: ['admin'], zh: '系统设置', en: 'settings' },
} as const satisfies Record<string, { roles: readonly Role[]; zh: string; en: string }>;
export type Capability = keyof typeof CAPABILITIES;

/** The signed-in user as pages see it (Astro.locals.user). */
export interface SessionUser {
  name: string;
  role: Role;
  /** null = the whole federation; else the root org code of the subtree this account is limited to. */
  orgScope: string | null;
}

/** May this user (or role) do this? The one question nav, pages and the middleware ask. */
export function may(user: Pick<SessionUser, 'role'> | Role | null | undefined, cap: Capability): boolean {
  const role = typeof user === 'string' ? user : user?.role;
  return !!role && (CAPABILITIES[cap].roles as readonly Role[]).includes(role);
}

/** Who may see personal data unmasked (when they ask for it; the default is always masked). */
export function mayUnmask(role: Role): boolean {
  return may(role, 'unmask');
}

/** The roles holding a capability, for messages ("needs the staff or auditor role"). */
export function rolesFor(cap: Capability): readonly Role[] {
  return CAPABILITIES[cap].roles;
}

export interface RouteRule {
  /** a path prefix (matches the path itself, `prefix/…` and `prefix.…`) or a pattern */
  prefix?: string;
  pattern?: RegExp;
  /** null = public (no sign-in needed) */
  cap: Capability | null;
}

/**
 * Route rules, first match wins. Everything not listed is a dashboard page (`dashboards`: any
 * signed-in role). Patterns come first: the work summaries and the narrative editor sit under each
 * org's pages.
 */
export const ROUTES: RouteRule[] = [
  { pattern: /^\/org\/[^/]+\/\d{4}\/report\.(pdf|docx)$/, cap: 'summaries' },
  // the summary's narrative read only (with its history): whoever reads the summaries; editing is staff's
  { pattern: /^\/org\/[^/]+\/\d{4}\/narrative\/read$/, cap: 'summaries' },
  { pattern: /^\/org\/[^/]+\/\d{4}\/narrative(\/.*)?$/, cap: 'edit' },
  { pattern: /^\/api\/narrative(\/.*)?$/, cap: 'edit' },
  { prefix: '/login', cap: null },
  { prefix: '/logout', cap: null },
  { prefix: '/lang', cap: null },
  { prefix: '/_astro/', cap: null },
  { prefix: '/favicon', cap: null },
  { prefix: '/healthz', cap: null },
  { prefix: '/account', cap: 'account' },
  { prefix: '/api/account', cap: 'account' },
  { prefix: '/admin', cap: 'accounts' },
  { prefix: '/api/admin', cap: 'accounts' },
  { prefix: '/settings', cap: 'settings' },
  { prefix: '/audit', cap: 'audit' },
  { prefix: '/api/audit', cap: 'audit' },
  { prefix: '/upload/reject', cap: 'rejects' },
  { prefix: '/upload', cap: 'upload' },
  { prefix: '/api/upload', cap: 'upload' },
  { prefix: '/quality', cap: 'quality' },
  { prefix: '/api/quality', cap: 'quality' },
];

function matches(r: RouteRule, pathname: string): boolean {
  if (r.pattern) return r.pattern.test(pathname);
  const p = r.prefix!;
  return pathname === p || pathname.startsWith(p.endsWith('/') ? p : `${p}/`) || pathname.startsWith(`${p}.`);
}

/** The capability a path needs (null = public). */
export function capabilityFor(pathname: string): Capability | null {
  for (const r of ROUTES) if (matches(r, pathname)) return r.cap;
  return 'dashboards';
}
