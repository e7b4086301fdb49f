// The scripts' one way of reading their arguments: node:util parseArgs, plus the conventions every
// command shares. --help prints the usage text and exits 0; a usage error prints what is wrong and
// the usage text to stderr and exits 2 (1 is left for "the work failed").
import { parseArgs, type ParseArgsConfig } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']>;
type Config<O extends Options, P extends boolean> = {
  options: O & { help: { type: 'boolean'; default: false } };
  allowPositionals: P;
  strict: true;
};

/** Prints the message and the usage text to stderr and exits 2. */
export function usageError(usage: string, msg: string): never {
  process.stderr.write(`${msg}\n\n${usage}\n`);
  process.exit(2);
}

/** parseArgs with a --help option added; an unknown or malformed option is a usage error. */
export function parseCli<const O extends Options, const P extends boolean = false>(usage: string, options: O, allowPositionals?: P) {
  const config = { options: { ...options, help: { type: 'boolean', default: false } }, allowPositionals: allowPositionals ?? false, strict: true };
  let parsed: ReturnType<typeof parseArgs<Config<O, P>>>;
  try {
    parsed = parseArgs(config as Config<O, P>);
  } catch (e) {
    usageError(usage, (e as Error).message);
  }
  if ((parsed.values as { help?: boolean }).help) {
    process.stdout.write(usage + '\n');
    process.exit(0);
  }
  return parsed;
}
