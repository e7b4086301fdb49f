// The upload POST (/upload): the multipart body is streamed file by file to a spool folder next to
// the warehouse (same disk, never a tmpfs, never whole in memory), stopped at a size limit with a
// message a clerk can act on, then ingested with the uploader's scope (rows outside it are
// quarantined per row: src/lib/ingest/write-scope.ts). The page (src/pages/upload/index.astro) only
// renders what this returns. While the upload waits for another import (one of this server ahead of
// it in the writer queue, or one of another process holding the lock), `startUpload` reports where it
// stands, so the page can show it before the import commits. The answer is given at the commit (the
// swap); the import keeps the writer's place until it has levelled the spare for the next one
// (src/lib/db/README.md), so the next upload still queues behind it. The server keeps the levelled
// spare open for its next upload (keepWarm: src/lib/db/warm.ts).
import { createWriteStream, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import busboy from 'busboy';
import type { SessionUser } from '../auth/roles.ts';
import { batchProblems, type Problem } from '../auditor/reject-report.ts';
import { WarehouseBusyError } from '../db/warehouse.ts';
import { phase } from '../db/phases.ts';
import { lockHolder } from '../db/writer-lock.ts';
import { ingestPaths, warmWriter, type IngestResult } from '../ingest/pipeline.ts';
import { carryOver, home, landingAt, warmHome } from './cache.ts';
import { config } from './config.ts';
import { warehouse } from './warehouse.ts';

/** The most one upload may carry (all files together), and how many files. */
export const UPLOAD_LIMITS = { maxBytes: 200 * 1024 * 1024, maxFiles: 20 };
/** Quarantined rows shown on the page (the reject report has them all). */
export const SHOWN_PROBLEMS = 200;
/** How long an upload waits for an import in another process (the CLI) before it is refused. */
export const OTHER_PROCESS_WAIT_MS = 10 * 60_000;

export interface UploadOutcome {
  status: number;
  error: string;
  result: IngestResult | null;
  problems: Problem[];
}

export class UploadError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;
const tooLarge = (max: number) =>
  new UploadError(413, `文件过大（合计超过 ${mb(max)}），未导入任何数据。请拆分成几个较小的文件分批上传。 / Too large (over ${mb(max)} in total): nothing was loaded. Split the register and upload the parts one by one.`);

/** Where uploads are spooled: beside the warehouse, so a big upload lands on the warehouse's disk. */
export function spoolDir(dbPath = config.db): string {
  return join(dirname(resolve(dbPath)), '.uploads');
}

/**
 * Streams the files of a multipart request to a fresh folder under `spool` (one sub-folder per
 * file, keeping the clerk's file name: the family is recognised from it). Throws UploadError with
 * the status to answer. The caller removes `dir`.
 */
export async function receiveFiles(request: Request, spool: string, limits = UPLOAD_LIMITS): Promise<{ dir: string; paths: string[] }> {
  const type = request.headers.get('content-type') ?? '';
  if (!/^multipart\/form-data/i.test(type) || !request.body) {
    throw new UploadError(400, '请选择要上传的文件 (CSV 或 xlsx)。 / Choose one or more CSV or xlsx files.');
  }
  // Refuse before reading when the browser says how big the body is.
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > limits.maxBytes + 64 * 1024) throw tooLarge(limits.maxBytes);

  mkdirSync(spool, { recursive: true });
  const dir = mkdtempSync(join(spool, 'upload-'));
  const paths: string[] = [];
  const writes: Promise<void>[] = [];
  let total = 0;
  let failure: UploadError | null = null;
  try {
    const bb = busboy({
      headers: Object.fromEntries(request.headers),
      defParamCharset: 'utf8', // 会员.xlsx: file names are UTF-8 in every current browser
      limits: { files: limits.maxFiles, fileSize: limits.maxBytes + 1, fields: 20, parts: limits.maxFiles + 20 },
    });
    bb.on('file', (_field, stream, info) => {
      if (failure || !info.filename) {
        stream.resume(); // an empty file input, or past a limit: read and drop
        return;
      }
      const i = paths.length;
      const name = basename(info.filename.replace(/\\/g, '/')).replace(/^\.+/, '').slice(0, 200) || `upload-${i}`;
      mkdirSync(join(dir, String(i)));
      const path = join(dir, String(i), name);
      paths.push(path);
      // Count every byte; past the limit, stop writing and drain the rest of the request.
      const meter = new Transform({
        transform(chunk: Buffer, _enc, done) {
          total += chunk.length;
          if (total > limits.maxBytes) {
            failure ??= tooLarge(limits.maxBytes);
            done();
          } else done(null, chunk);
        },
      });
      writes.push(pipeline(stream, meter, createWriteStream(path)));
    });
    bb.on('filesLimit', () => {
      failure ??= new UploadError(413, `一次最多上传 ${limits.maxFiles} 个文件。 / At most ${limits.maxFiles} files at once.`);
    });
    await pipeline(Readable.fromWeb(request.body as import('node:stream/web').ReadableStream), bb);
    await Promise.all(writes);
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e instanceof UploadError ? e : new UploadError(400, `上传中断或格式有误，请重新上传。 / The upload was cut off or malformed; try again. (${(e as Error).message})`);
  }
  if (failure || !paths.length) {
    rmSync(dir, { recursive: true, force: true });
    throw failure ?? new UploadError(400, '请选择要上传的文件 (CSV 或 xlsx)。 / Choose one or more CSV or xlsx files.');
  }
  return { dir, paths };
}

/** The whole POST: receive, ingest with the uploader's scope, read back the quarantined rows. */
export async function handleUpload(
  request: Request,
  user: SessionUser,
  limits = UPLOAD_LIMITS,
  onQueued?: (ahead: number) => void,
): Promise<UploadOutcome> {
  let dir: string | null = null;
  try {
    // marks of the server path's profile (UA_PHASES: bench:upload's server rows)
    phase('post');
    const got = await receiveFiles(request, spoolDir(), limits);
    dir = got.dir;
    phase('received');
    const result = await ingestUntilCommitted(got.paths, user, onQueued);
    phase('answer');
    for (const r of result.files) r.file = basename(r.file);
    let problems: Problem[] = [];
    // the quarantined rows of the batch: none when no file quarantined any (the answer does not wait
    // for the live file's open then; the dashboard's reader opens it on its next page)
    if (result.batch !== null && result.files.some((f) => f.quarantined > 0)) {
      const db = await warehouse();
      phase('reader');
      problems = await batchProblems(db, result.batch, SHOWN_PROBLEMS);
      phase('problems');
    }
    return { status: 200, error: '', result, problems };
  } catch (e) {
    if (e instanceof UploadError) return { status: e.status, error: e.message, result: null, problems: [] };
    if (e instanceof WarehouseBusyError) return { status: 409, error: e.message, result: null, problems: [] };
    return { status: 500, error: `导入失败 / the ingest failed: ${(e as Error).message}`, result: null, problems: [] };
  } finally {
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The import, answered at its commit point (the swap: the dashboard shows it from then on), before
 * the writer levels its spare; or when it ends without committing (nothing new, or an error). After
 * the answer the writer still holds the queue and the lock (levelling is best effort and does not
 * throw); should it fail all the same, the server's log says so.
 */
function ingestUntilCommitted(paths: string[], user: SessionUser, onQueued?: (ahead: number) => void): Promise<IngestResult> {
  let answered = false;
  let committed!: (r: IngestResult) => void;
  const atCommit = new Promise<IngestResult>((r) => (committed = r));
  // where the uploader lands (their scope, the latest year): from the frame's answers, asked now so
  // they are there at the commit
  const landing = home(user).catch(() => null);
  let seed: ((to: number) => void) | null = null;
  const whole = ingestPaths(config.db, paths, {
    user: user.name, source: 'upload', scope: user.orgScope, create: false, waitMs: OTHER_PROCESS_WAIT_MS, onQueued, keepWarm: true,
    // the landing figures read on the committed file by its writer, for the new snapshot (cache.ts landingAt)
    atCommit: async (db) => {
      const h = await landing;
      if (h) seed = await landingAt(db, h);
    },
    onCommitted: (r, swap) => {
      // the org tree and the years are as they were (only a full rebuild changes them): the answer
      // page's frame is served from the answers of the file before; the uploader's landing figures
      // are those read at the commit (else read on the new file by warmHome, below)
      if (r.mart && r.mart.mode !== 'full') carryOver(swap.from, swap.to);
      // (after the carry: it carries only from the snapshot the store holds)
      seed?.(swap.to);
      answered = true;
      committed(r);
      // the writer levels its spare after this read (at most 2 s): not on the two cores meanwhile
      return warmHome(user).catch(() => {});
    },
  });
  // before the commit an error is the answer (the caller shows it); after it, only the log sees it
  whole.catch((e) => answered && console.error(`upload: after the commit: ${(e as Error).message}`));
  return Promise.race([atCommit, whole]);
}

/**
 * The upload page was opened: the clerk will upload in a few seconds, so the spare is opened and
 * warmed now (in the background; nothing when a write runs or the spare is not known level).
 */
export function prepareUpload(): void {
  void warmWriter(config.db).catch(() => {});
}

/** Where a waiting upload stands: imports of this server ahead of it, or another program's import. */
export type QueueStatus = { ahead: number; otherPid?: undefined } | { ahead: 0; otherPid: number };

export interface StartedUpload {
  outcome: Promise<UploadOutcome>;
  /** Resolves true as soon as the upload has to wait (then `updates` says for what), false when it finished first. */
  waits: Promise<boolean>;
  /** Every change of the position while it waits; ends when the import has finished. */
  updates: AsyncIterable<QueueStatus>;
}

/** How often a waiting upload looks whether another process holds the warehouse's lock. */
const LOCK_POLL_MS = 250;

/**
 * Starts the POST and reports its place while it waits: positions from the writer queue
 * (onQueued), and another process's lock, looked at every LOCK_POLL_MS while the import runs.
 */
export function startUpload(request: Request, user: SessionUser, limits = UPLOAD_LIMITS): StartedUpload {
  const seen: QueueStatus[] = [];
  let finished = false;
  let wake: (() => void) | null = null;
  let waited!: (w: boolean) => void;
  const waits = new Promise<boolean>((r) => (waited = r));
  const push = (s: QueueStatus) => {
    const last = seen.at(-1);
    if (last && last.ahead === s.ahead && last.otherPid === s.otherPid) return;
    seen.push(s);
    waited(true);
    wake?.();
  };
  // Behind an import of this server, that one is what it waits for (whoever holds the lock then).
  let behindOurs = false;
  const poll = setInterval(() => {
    const pid = behindOurs ? null : lockHolder(config.db);
    if (pid !== null) push({ ahead: 0, otherPid: pid });
  }, LOCK_POLL_MS);
  const queued = (ahead: number) => {
    behindOurs = ahead > 0;
    if (ahead > 0 || seen.length) push({ ahead });
  };
  const outcome = handleUpload(request, user, limits, queued).finally(() => {
    clearInterval(poll);
    finished = true;
    waited(false);
    wake?.();
  });
  const updates = {
    async *[Symbol.asyncIterator]() {
      let i = 0;
      for (;;) {
        while (i < seen.length) yield seen[i++]!;
        if (finished) return;
        await new Promise<void>((r) => (wake = r));
        wake = null;
      }
    },
  };
  return { outcome, waits, updates };
}
