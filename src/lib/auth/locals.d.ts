// Astro.locals as the middleware (src/middleware.ts) fills it.
declare namespace App {
  interface Locals {
    /** The signed-in user, or null on public pages (/login) when nobody is signed in. */
    user: import('./roles.ts').SessionUser | null;
    /** Set when the middleware refuses a page: src/pages/403.astro explains it. */
    denied?: { status: number; zh: string; en: string; path: string };
  }
}
