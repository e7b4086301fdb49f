// Astro.locals as the middleware (src/middleware.ts) fills it.
declare namespace App {
  interface Locals {
    /** The signed-in user, or null on public pages (/login) when nobody is signed in. */
    user: import('./roles.ts').SessionUser | null;
  }
}
