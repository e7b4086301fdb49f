// One auditor query in its own process (started by sandboxQuery in sandbox.ts): the parent can kill
// it at a hard wall-clock limit or when its memory passes the limit, whatever DuckDB is doing
// (levenshtein over 100k-character strings does not check for interrupts), and the server's own
// event loop never waits for it. Receives {dbPath, text, opts}, sends back {ok, result} or
// {ok: false, kind, message}, and exits.
import { Refusal, Sandbox, SandboxError, type SandboxOptions } from './sandbox.ts';

interface Job {
  dbPath: string;
  text: string;
  opts: SandboxOptions;
}

// A spare waits here; when the server goes away, so does it.
process.once('disconnect', () => process.exit(0));
process.once('message', async (job: Job) => {
  let reply: unknown;
  try {
    const sb = await Sandbox.open(job.dbPath, job.opts);
    try {
      reply = { ok: true, result: await sb.query(job.text) };
    } finally {
      sb.close();
    }
  } catch (e) {
    const kind = e instanceof Refusal ? 'refusal' : e instanceof SandboxError ? e.kind : 'error';
    reply = { ok: false, kind, message: (e as Error).message };
  }
  process.send!(reply, () => process.exit(0));
});
