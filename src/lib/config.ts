// Runtime configuration, parsed once from CLI flags and the environment into a typed object.
// The server process receives it through UNION_DB / HOST / PORT (set by scripts/serve.ts), so the
// pages never read process.env themselves: they ask src/lib/server/config.ts.
import { resolve } from 'node:path';

export interface ServeConfig {
  /** Absolute path of the DuckDB warehouse file the dashboard reads. */
  db: string;
  port: number;
  host: string;
}

export const DEFAULTS: ServeConfig = { db: 'data/warehouse.duckdb', port: 4321, host: '127.0.0.1' };

export class ConfigError extends Error {}

type Env = Record<string, string | undefined>;

/** Flags win over the environment, the environment over defaults. Throws ConfigError with a usable message. */
export function parseServeConfig(argv: string[], env: Env = {}, cwd = process.cwd()): ServeConfig {
  const raw: Record<string, string | undefined> = {
    db: env.UNION_DB,
    port: env.PORT,
    host: env.HOST,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const m = /^--(db|port|host)(?:=(.*))?$/.exec(arg);
    if (!m) throw new ConfigError(`未知参数 ${arg} / unknown option ${arg} (see --help)`);
    const value = m[2] ?? argv[++i];
    if (value === undefined || value.startsWith('--')) throw new ConfigError(`--${m[1]} 需要一个值 / --${m[1]} needs a value`);
    raw[m[1]!] = value;
  }
  const port = raw.port === undefined || raw.port === '' ? DEFAULTS.port : Number(raw.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`端口无效: ${raw.port} / invalid port ${raw.port} (0–65535)`);
  }
  const host = raw.host || DEFAULTS.host;
  if (!/^[A-Za-z0-9.:\-[\]]+$/.test(host)) throw new ConfigError(`主机名无效: ${host} / invalid host ${host}`);
  return { db: resolve(cwd, raw.db || DEFAULTS.db), port, host };
}

/** The environment a server process needs to see the same configuration. */
export function serveEnv(cfg: ServeConfig): Record<string, string> {
  return { UNION_DB: cfg.db, PORT: String(cfg.port), HOST: cfg.host };
}
