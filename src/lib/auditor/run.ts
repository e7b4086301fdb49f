// The one entry point for every auditor query (console, CLI, exports, lineage): checks who may run
// it and unmask, runs it in the sandbox, and writes the audit log row whatever happens.
import { appendAuditAsync, assertAuditWritable, type Outcome, type Source } from './audit-log.ts';
import { Refusal, SandboxError, type QueryResult, type SandboxOptions } from './sandbox.ts';
import { sandboxQuery } from './sandbox-process.ts';
import { may, mayUnmask, type SessionUser } from '../auth/roles.ts';

export class AccessError extends Error {}
/** The audit log cannot be written: the query is not run (or its result not given out). */
export class AuditLogError extends Error {}

export interface RunRequest extends Omit<SandboxOptions, 'orgScope'> {
  user: SessionUser;
  sql: string;
  source: Source;
}

export async function runAudited(dbPath: string, req: RunRequest): Promise<QueryResult> {
  const started = performance.now();
  const unmask = !!req.unmask;
  let outcome: Outcome = 'error';
  let rows: number | null = null;
  let message: string | null = null;
  try {
    if (!may(req.user, 'audit')) {
      throw new AccessError(`SQL 查询需要审计角色 / SQL queries need the auditor role (${req.user.name} is ${req.user.role})`);
    }
    if (unmask && !mayUnmask(req.user.role)) {
      throw new AccessError(`只有审计人员可以查看未脱敏数据 / only auditors may see unmasked personal data`);
    }
    // Nothing runs that could not be logged (a deleted, replaced-away or locked sidecar).
    try {
      await assertAuditWritable(dbPath);
    } catch (e) {
      throw new AuditLogError(`审计日志无法写入，暂停审计查询，请联系管理员 / the audit log cannot be written, so auditor queries are refused: ${(e as Error).message}`);
    }
    const { user: _user, sql: _sql, source: _source, ...limits } = req;
    const result = await sandboxQuery(dbPath, req.sql, { ...limits, unmask, orgScope: req.user.orgScope }, req.user.name);
    outcome = result.truncated ? 'truncated' : 'ok';
    rows = result.rows.length;
    if (result.truncated) {
      message =
        result.truncatedBy === 'bytes'
          ? `结果超过 ${Math.round((result.maxBytes ?? 0) / 1048576)} MB，只返回前 ${rows} 行 / the result is over ${Math.round((result.maxBytes ?? 0) / 1048576)} MB: the first ${rows} rows are returned`
          : `结果超过 ${result.maxRows} 行，只返回前 ${result.maxRows} 行 / more than ${result.maxRows} rows: the first ${result.maxRows} are returned`;
    }
    return result;
  } catch (e) {
    outcome =
      e instanceof Refusal || e instanceof AccessError
        ? 'refused'
        : e instanceof SandboxError
          ? e.kind === 'timeout' ? 'timeout' : e.kind === 'memory' && e.killed ? 'killed' : 'error'
          : 'error';
    message = (e as Error).message;
    throw e;
  } finally {
    // If this fails the caller gets the error, not the result: an unlogged result is never served.
    try {
      await appendAuditAsync(dbPath, {
        user: req.user.name,
        source: req.source,
        sql: req.sql,
        masked: !unmask,
        rows,
        durationMs: Math.round(performance.now() - started),
        outcome,
        message,
        orgScope: req.user.orgScope,
      });
    } catch (e) {
      // eslint-disable-next-line no-unsafe-finally
      throw new AuditLogError(`审计日志无法写入，结果未返回，请联系管理员 / the audit log cannot be written, so the result is withheld: ${(e as Error).message}`);
    }
  }
}
