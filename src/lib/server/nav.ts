/// <reference types="vite/client" />
// The work navigation of every page: the functions of the signed-in user's role, one click from
// anywhere. Which links a role sees is not decided here: a link is shown when the role may open its
// address under the one route table (src/lib/auth/roles.ts), so navigation and access never disagree.
import { capabilityFor, may, type SessionUser } from '../auth/roles.ts';
import type { Lang } from '../i18n/index.ts';
import { orgPath } from './pages.ts';

export interface NavLink {
  key: string;
  href: string;
  label: string;
}

/** May this user open this address? Asks the route table (the same rule the middleware applies). */
export function mayOpen(user: SessionUser, href: string): boolean {
  const cap = capabilityFor(new URL(href, 'http://x').pathname);
  return cap === null || may(user, cap);
}

// The narrative editor is the summary engineer's page (/org/{code}/{year}/narrative): linked as soon
// as its page exists in the build, so this list needs no edit when it lands.
const HAS_NARRATIVE = Object.keys(import.meta.glob('/src/pages/org/*/*/narrative*')).length > 0;

const L = (zh: string, en: string) => ({ zh, en });
const LABELS = {
  dashboards: L('仪表盘', 'Dashboards'),
  summaries: L('工作总结', 'Work summaries'),
  narrative: L('总结正文', 'Summary narrative'),
  upload: L('上传数据', 'Upload'),
  templates: L('模板', 'Templates'),
  quality: L('数据质量', 'Data quality'),
  console: L('SQL 控制台', 'SQL console'),
  lineage: L('数据溯源', 'Lineage'),
  log: L('审计日志', 'Audit log'),
  accounts: L('账户管理', 'Accounts'),
  account: L('我的账户', 'My account'),
} as const;
export type NavKey = keyof typeof LABELS;

/**
 * The links of the work bar, in a fixed order; `at` = the org and year the page shows (else the
 * user's scope root and the latest year), so summaries and the narrative open for what is on screen.
 */
export function workLinks(user: SessionUser, lang: Lang, at: { org: string; year: number } | null): NavLink[] {
  const q = at ? `?org=${encodeURIComponent(at.org)}&year=${at.year}` : '';
  const all: [NavKey, string | null][] = [
    ['dashboards', at ? orgPath(at.org, at.year) : '/'],
    ['summaries', `/summaries${q}`],
    // staff open the editor; whoever reads the summaries but does not edit reads the text (narrative/read)
    ['narrative', HAS_NARRATIVE && at ? `${orgPath(at.org, at.year)}/narrative${may(user, 'edit') ? '' : '/read'}` : null],
    ['upload', '/upload'],
    ['templates', '/upload#templates'],
    ['quality', '/quality'],
    ['console', '/audit'],
    ['lineage', '/audit/lineage'],
    ['log', '/audit/log'],
    ['accounts', '/admin'],
  ];
  return all
    .filter((e): e is [NavKey, string] => e[1] !== null && mayOpen(user, e[1]))
    .map(([key, href]) => ({ key, href, label: LABELS[key][lang] }));
}

export function accountLink(lang: Lang): NavLink {
  return { key: 'account', href: '/account', label: LABELS.account[lang] };
}

/** The nav key of the page at `pathname`, for aria-current. */
export function currentKey(pathname: string): NavKey | null {
  if (/^\/org\/[^/]+\/\d{4}\/narrative/.test(pathname)) return 'narrative';
  if (pathname.startsWith('/org/')) return 'dashboards';
  const map: [string, NavKey][] = [['/summaries', 'summaries'], ['/upload', 'upload'], ['/quality', 'quality'],
    ['/audit/lineage', 'lineage'], ['/audit/log', 'log'], ['/audit', 'console'], ['/admin', 'accounts'], ['/account', 'account']];
  return map.find(([p]) => pathname === p || pathname.startsWith(`${p}/`))?.[1] ?? null;
}
