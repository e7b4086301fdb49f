// For tests that need a signed-in user (browser or HTTP): creates the account in the warehouse's
// sidecar store and signs in for real, returning the cookie to hand to fetch or a playwright context.
import { addAccount, getAccount } from '../../src/lib/auth/accounts.ts';
import { SESSION_COOKIE, login } from '../../src/lib/auth/sessions.ts';
import type { Role } from '../../src/lib/auth/roles.ts';

export const TEST_PASSWORD = 'test-password-123';

export interface TestSession {
  name: string;
  token: string;
  /** For fetch: { cookie: header }. */
  header: string;
  /** For playwright: context.addCookies([cookieFor(baseURL)]). */
  cookieFor: (baseURL: string) => { name: string; value: string; url: string; httpOnly: boolean; sameSite: 'Strict' };
}

export async function signIn(dbPath: string, role: Role, org: string | null = null, name = `${role}${org ? `-${org}` : ''}`): Promise<TestSession> {
  if (!(await getAccount(dbPath, name))) await addAccount(dbPath, name, { role, org, password: TEST_PASSWORD, by: 'test' });
  const r = await login(dbPath, name, TEST_PASSWORD, `test-${name}`);
  if (!r.ok) throw new Error(r.message);
  return {
    name,
    token: r.token,
    header: `${SESSION_COOKIE}=${r.token}`,
    cookieFor: (baseURL) => ({ name: SESSION_COOKIE, value: r.token, url: baseURL, httpOnly: true, sameSite: 'Strict' }),
  };
}
