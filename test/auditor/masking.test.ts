// Masking holds whatever the SQL does with personal values (it is applied where the data is read),
// covers the clean tables, history, raw files with the clerk's own headers and the quarantine,
// and is lifted only on request.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MASK_MACROS_SQL, hideInMessageSql, maskCell, maskId, maskName, maskPhone, maskProblem, maskText, personalKindOfHeader } from '../../src/lib/auditor/masking.ts';
import { Db } from '../../src/lib/db/duckdb.ts';
import { message } from '../../src/lib/ingest/reasons.ts';
import { sandboxQuery } from '../../src/lib/auditor/sandbox-process.ts';
import { ID_1, ID_2, PHONE_1, PHONE_2, makeWarehouse, type Fixture } from './fixture.ts';

let fx: Fixture;
beforeAll(async () => (fx = await makeWarehouse()));
afterAll(() => fx.cleanup());

// The birth dates too: with the masked ID's first 6 and last 4 digits they would give the ID back.
const SECRETS = [ID_1, ID_2, PHONE_1, PHONE_2, '张三丰', '李四', '王五', ID_1.slice(6, 14), PHONE_1.slice(3, 7), '1990/1/1', '1949-12-31', '19491231', '赵六'];
const leaks = (value: unknown): string[] => {
  const s = JSON.stringify(value);
  return SECRETS.filter((x) => s.includes(x));
};

describe('mask functions', () => {
  it.each([
    // ID: the county (first 6) only; phone: the carrier (first 3) only; name: the first character
    [maskId, ID_1, '530423************'],
    [maskId, ID_2, '110105************'],
    [maskId, '123', '***'],
    [maskPhone, PHONE_1, '134********'],
    [maskName, '张三丰', '张**'],
    [maskName, '李四', '李*'],
    // free text: any run of ≥ 11 digits → its first 3 and 8 stars, whatever separates the digits
    [maskText, `身份证 ${ID_1}，电话 ${PHONE_1}`, '身份证 530********，电话 134********'],
    [maskText, '电话 138-1234-5678 或 138 1234 5678', '电话 138******** 或 138********'],
    [maskText, '530423 19870615 1238', '530********'],
    [maskText, '１３８１２３４５６７８', '138********'],
    [maskText, '2024-03-05 共 12 人', '2024-03-05 共 12 人'],
  ] as const)('%o(%s) = %s', (fn, input, out) => expect(fn(input)).toBe(out));

  it('masks a whole source line: IDs, phones and every Chinese word', () => {
    // (the ID and the phone are one run of digits separated by a comma: masked as one)
    expect(maskCell(null, `M9,赵六,${ID_1},${PHONE_1},社区工会`)).toBe('M9,赵**,530********,社**');
  });

  it('masks a problem’s value and the messages that quote it', () => {
    const p = maskProblem({ column_name: 'id_number', value: ID_2, message_zh: `“${ID_2}”校验位错误`, message_en: `"${ID_2}" wrong check` });
    expect([p.value, p.message_zh, p.message_en]).toEqual(['110105************', '“110105************”校验位错误', '"110105************" wrong check']);
    const n = maskProblem({ column_name: 'name', value: '王五', message_zh: '「姓名」“王五”重复', message_en: '"name" "王五" repeated' });
    expect([n.value, n.message_zh]).toEqual(['王*', '「姓名」“王*”重复']);
  });

  it('recognises personal raw headers as clerks write them', () => {
    expect(personalKindOfHeader('身份证号')).toBe('id');
    expect(personalKindOfHeader(' 手机号码 ')).toBe('phone');
    expect(personalKindOfHeader('ID_Number')).toBe('id');
    expect(personalKindOfHeader('姓名')).toBe('name');
    expect(personalKindOfHeader('组织名称')).toBeUndefined();
    expect(personalKindOfHeader('负责人身份证')).toBe('id');
    expect(personalKindOfHeader('联系人')).toBe('name');
    expect(personalKindOfHeader('联系人手机')).toBe('phone');
    expect(maskCell('id_number', ID_1)).toBe('530423************');
  });
});

describe('masked by default, through any SQL', () => {
  it.each([
    ['the members table', 'select * from members'],
    ['history and clean tables together', 'select * from members union all select * exclude (_superseded_by_batch) from members_history'],
    ['aid with person keys', 'select * from aid'],
    ['a raw file with Chinese headers', 'select * from raw_file_2'],
    ['the quarantine', 'select * from quarantine'],
    ['an aggregate', 'select string_agg(id_number, \',\') ids, list(phone) phones, max(name) n from members'],
    ['a renamed expression', 'select id_number || \'\' as x, substr(id_number, 7, 8) as birth, lower(phone) p from members'],
    ['a join on the raw file', 'select r.* from raw_file_2 r join members m on m.member_no = r."会员编号"'],
    ['summarize', 'summarize members'],
    ['a lookup by the real ID finds nothing', `select * from members where id_number = '${ID_1}'`],
  ])('%s', async (_label, text) => {
    const r = await sandboxQuery(fx.db, text);
    expect(r.masked).toBe(true);
    expect(leaks(r.rows)).toEqual([]);
  });

  it('keeps only the year of birth dates (a date in clean tables, text in raw files)', async () => {
    const r = await sandboxQuery(fx.db, "select birth_date, typeof(birth_date) t from members order by member_no");
    expect(r.rows).toEqual([['1990-01-01', 'DATE'], ['1949-01-01', 'DATE']]); // 1949-12-31 → 1949-01-01
    const raw = await sandboxQuery(fx.db, 'select 出生日期 from raw_file_2 order by _row_no');
    expect(raw.rows).toEqual([['1990-**-**'], ['1949-**-**'], [null]]);
  });

  it('does not reveal the person-key secret: macro bodies hold no key, its table is unreachable', async () => {
    for (const q of ["select * from duckdb_functions() where function_name like 'ua_%'", 'select * from pg_catalog.pg_proc', 'select * from duckdb_views()']) {
      const r = await sandboxQuery(fx.db, q);
      expect(JSON.stringify(r.rows)).not.toMatch(/[0-9a-f]{48}/);
    }
    for (const q of ['select * from ua_secret', 'select * from temp.main.ua_secret', 'summarize ua_secret', 'select (select secret from temp.ua_secret)']) {
      await expect(sandboxQuery(fx.db, q)).rejects.toThrow(/internal to the sandbox/);
    }
  });

  it('shows the masked forms', async () => {
    const r = await sandboxQuery(fx.db, "select name, id_number, phone from members where member_no = 'M1'");
    expect(r.rows).toEqual([['张**', '530423************', '134********']]);
    // 备注 is outside the contract: it may name someone anywhere, so every Chinese word is cut too
    const raw = await sandboxQuery(fx.db, 'select 备注 from raw_file_2 where _row_no = 2');
    expect(raw.rows).toEqual([['联** 134********']]);
  });

  it('keeps person keys joinable without revealing them', async () => {
    const r = await sandboxQuery(fx.db, 'select count(distinct a.person_key) from aid a join aid b using (person_key)');
    expect(r.rows).toEqual([[2]]);
  });

  it('unmasks only when asked', async () => {
    const r = await sandboxQuery(fx.db, "select name, id_number, phone from members where member_no = 'M1'", { unmask: true });
    expect(r.masked).toBe(false);
    expect(r.rows).toEqual([['张三丰', ID_1, PHONE_1]]);
  });
});

describe('org subtree limit', () => {
  it('keeps only the subtree’s rows in every table', async () => {
    const o = { orgScope: 'S1' };
    expect((await sandboxQuery(fx.db, 'select org_code from orgs order by 1', o)).rows.flat()).toEqual(['C1', 'S1']);
    expect((await sandboxQuery(fx.db, 'select member_no from members', o)).rows.flat()).toEqual(['M1']);
    expect((await sandboxQuery(fx.db, 'select voucher_no from aid', o)).rows.flat()).toEqual(['V1']);
    expect((await sandboxQuery(fx.db, "select count(*) from org_closure where ancestor = 'F'", o)).rows).toEqual([[0]]);
    // the mart: the view by org code, its storage by org number
    const amount = "select org_code, numerator from indicator_values where code = 'relief.amount' order by 1";
    expect((await sandboxQuery(fx.db, amount)).rows).toEqual([['C1', 1200.5], ['F', 2000.5], ['S1', 1200.5], ['S2', 800]]);
    expect((await sandboxQuery(fx.db, amount, o)).rows).toEqual([['C1', 1200.5], ['S1', 1200.5]]);
    const cells = 'select distinct o.org_code from indicator_cells join indicator_orgs as o using (org_no) order by 1';
    expect((await sandboxQuery(fx.db, cells, o)).rows.flat()).toEqual(['C1', 'S1']);
    // raw files and the quarantine cannot be told apart by org: hidden from limited accounts
    expect((await sandboxQuery(fx.db, 'select count(*) from raw_file_2', o)).rows).toEqual([[0]]);
    expect((await sandboxQuery(fx.db, 'select count(*) from quarantine', o)).rows).toEqual([[0]]);
  });

  it('cannot escape through the attached warehouse', async () => {
    await expect(sandboxQuery(fx.db, 'select * from wh.main.members', { orgScope: 'S1' })).rejects.toThrow(/plain table names/);
  });
});

// The quarantine view masks stored messages in SQL: the personal value and what a message may say of
// it, never the message's own words. The bad-date template's examples (2024-03-05、2024/3/5) are a
// digit run and dates to the masks; they once read "请写成 202********" to a masked auditor.
describe('the quarantine messages in SQL', () => {
  const masked = async (m: string, personal: boolean): Promise<string> => {
    const db = await Db.open(':memory:');
    try {
      await db.run(MASK_MACROS_SQL);
      return String(await db.value(`select ${hideInMessageSql('m', String(personal))} from (select $m as m)`, { m }));
    } finally {
      db.close();
    }
  };

  it.each([
    // a personal column's message quotes no value: nothing to mask, every word kept
    [message('bad_date', 'zh', { col: '出生日期' }).replace('“”', ''), true],
    [message('partial_date', 'en', { col: 'birth date' }).replace(' ""', ''), true],
    // a non-personal column's message quotes its value, which is no personal data
    [message('bad_date', 'zh', { col: '发放日期', value: '2024/13/01' }), false],
    [message('id_as_number', 'zh', { col: '统一社会信用代码', value: '9.15304E+17' }), false],
  ])('keeps the words of %s', async (m, personal) => {
    expect(await masked(m, personal)).toBe(m);
  });

  it('still masks the personal value and what an older message says of it', async () => {
    expect(await masked(`“${ID_1}”校验位错误，应为7。出生日期 1990-01-01`, true)).toBe('“530********”校验位错误，应为*。出生日期 1990-**-**');
    // a phone typed into a free-text message of a non-personal column
    expect(await masked(`「备注」的值“联系 ${PHONE_1}”不是可识别的日期。请写成 2024-03-05、2024/3/5 或 2024年3月5日。`, false))
      .toBe('「备注」的值“联系 134********”不是可识别的日期。请写成 2024-03-05、2024/3/5 或 2024年3月5日。');
  });
});
