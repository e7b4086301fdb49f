// The server's configuration, parsed once when the server bundle loads.
import { parseServeConfig, type ServeConfig } from '../config.ts';

export const config: ServeConfig = parseServeConfig([], process.env);
