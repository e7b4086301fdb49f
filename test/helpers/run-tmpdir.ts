// One temporary folder per test run, removed when the run ends. Tests, the CLIs they spawn and
// Chromium all create their folders under os.tmpdir(); pointing TMPDIR at a run folder before the
// workers start (they inherit this process's environment) means nothing is left behind, whatever a
// test forgets to clean (a session once left 3,335 folders, 21 GB, in /tmp).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const outer = tmpdir();
  const run = mkdtempSync(join(outer, 'ua-run-'));
  process.env.TMPDIR = run;
  return () => {
    process.env.TMPDIR = outer;
    if (process.env.UA_KEEP_TMP) console.log(`kept test files in ${run} (UA_KEEP_TMP)`);
    else rmSync(run, { recursive: true, force: true });
  };
}
