// The server's configuration, parsed once when the server bundle loads.
import { parseServeConfig, type ServeConfig } from '../config.ts';

export const config: ServeConfig = parseServeConfig([], process.env);

/** UNION_PAGE_CACHE=off turns the per-snapshot caches off (src/lib/server/cache.ts, page-cache.ts):
 * the baseline of npm run bench:pages, and a way to rule the caches out when a figure looks wrong. */
export const cachesOn: boolean = process.env.UNION_PAGE_CACHE !== 'off';
