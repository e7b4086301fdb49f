// A small real warehouse file for the auth and auditor tests: a federation F with two streets
// (S1 with community C1, and S2), members with ID numbers and phones, aid, quarantine rows.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeWarehouse } from '../../src/lib/db/warehouse.ts';
import { rebuildMart } from '../../src/lib/indicators/mart.ts';
import { pseudonymKey, refreshPersonRefs } from '../../src/lib/auditor/pseudonym.ts';

export const ID_1 = '530423199001013720';
export const PHONE_1 = '13412344159';
export const ID_2 = '11010519491231002X';
export const PHONE_2 = '13800138000';

export interface Fixture {
  dir: string;
  db: string;
  cleanup: () => void;
}

export async function makeWarehouse(): Promise<Fixture> {
  const dir = mkdtempSync(join(tmpdir(), 'ua-auditor-'));
  const db = join(dir, 'warehouse.duckdb');
  await writeWarehouse(db, async (w) => {
    await w.run(`
      insert into ingest_batch (batch_id, started_at, finished_at, user_name, host, source, files, rows_read, loaded, quarantined, duplicates, superseded)
        values (1, now(), now(), 'tester', 'host', 'cli', 2, 6, 5, 1, 0, 0);
      insert into ingest_file (file_id, batch_id, path, file_name, sha256, bytes, family, format, rows_read, loaded, quarantined, raw_table)
        values (1, 1, '/in/orgs.csv', 'orgs.csv', 'aa', 10, 'orgs', 'csv', 4, 4, 0, null),
               (2, 1, '/in/members.csv', 'members.csv', 'bb', 10, 'members', 'csv', 3, 2, 1, 'raw_file_2');
      insert into orgs (org_code, org_name, parent_code, org_type, _batch_id, _file_id, _row_no, _hash) values
        ('F', '市总工会', null, 'federation', 1, 1, 2, 'h1'),
        ('S1', '一街道工会联合会', 'F', 'street_federation', 1, 1, 3, 'h2'),
        ('C1', '一社区工会', 'S1', 'community_union', 1, 1, 4, 'h3'),
        ('S2', '二街道工会联合会', 'F', 'street_federation', 1, 1, 5, 'h4');
      insert into org_closure values ('F','F',0),('S1','S1',0),('C1','C1',0),('S2','S2',0),
        ('F','S1',1),('F','C1',2),('F','S2',1),('S1','C1',1);
      insert into members (member_no, name, id_number, gender, birth_date, phone, org_code, join_date, _batch_id, _file_id, _row_no, _hash) values
        ('M1', '张三丰', '${ID_1}', '女', '1990-01-01', '${PHONE_1}', 'C1', '2020-01-01', 1, 2, 2, 'm1'),
        ('M2', '李四', '${ID_2}', '女', '1949-12-31', '${PHONE_2}', 'S2', '2021-01-01', 1, 2, 3, 'm2');
      -- the raw layer: one table per file, with the clerk's own headers
      create table raw_file_2 (_row_no integer, 会员编号 varchar, 姓名 varchar, 身份证号 varchar, "手机号码" varchar, 所属工会 varchar, 备注 varchar, 出生日期 varchar);
      insert into raw_file_2 values
        (2, 'M1', '张三丰', '${ID_1}', '${PHONE_1}', 'C1', '联系 ${PHONE_1}', '1990/1/1'),
        (3, 'M2', '李四', '${ID_2}', '${PHONE_2}', 'S2', null, '19491231'),
        (4, 'M3', '王五', '123', '${PHONE_2}', 'S2', null, null);
      insert into aid (voucher_no, paid_on, org_code, member_no, id_number, category, amount, person_key, _batch_id, _file_id, _row_no, _hash) values
        ('V1', '2024-05-01', 'C1', 'M1', '${ID_1}', 'living', 1200.50, '${ID_1}', 1, 2, 2, 'a1'),
        ('V2', '2024-06-01', 'S2', 'M2', '${ID_2}', 'medical', 800, '${ID_2}', 1, 2, 3, 'a2');
      insert into quarantine values (1, 2, 'members', 'members.csv', null, 4, 'id_number', '身份证号', '123', 'bad_id', '身份证号无效', 'invalid ID'),
        (1, 2, 'members', 'members.csv', null, 3, 'name', '姓名', '王五', 'x', '「姓名」“王五”重复', '"name" "王五" repeated'),
        (1, 2, 'members', 'members.csv', null, 3, 'id_number', '身份证号', '${ID_2}', 'x', '“${ID_2}”校验位错误', '"${ID_2}" wrong check'),
        (1, 2, 'members', 'members.csv', null, 4, 'phone', '手机号', '${PHONE_2}', 'x', 'x', 'x'),
        (1, 2, 'members', 'members.csv', null, 9, null, null, 'M9,赵六,${ID_2},多余,列', 'malformed_row', '第9行列数不对', 'wrong number of columns');
    `);
    await rebuildMart(w);
    await refreshPersonRefs(w, pseudonymKey(db));
  }, { create: true });
  return { dir, db, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
