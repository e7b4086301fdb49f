// Which register a part-2 file is: by name (longest alias wins over both parts of the contract; a
// tie goes to the headers), else by headers. Pure: no warehouse.
import { describe, expect, it } from 'vitest';
import { familiesFromFileName, recogniseFamily } from '../../src/lib/ingest/detect.ts';
import { GOOD } from '../helpers/registers-2.ts';

const headersOf = (file: string) => GOOD[file]!.split('\n')[0]!.split(',');

describe.each([
  ['2024年维权案件.xlsx', 'rights_cases'],
  ['12351热线登记.csv', 'rights_cases'],
  ['legal_aid.csv', 'rights_cases'], // legal_aid (9) over aid (3)
  ['信访登记.csv', 'rights_cases'],
  ['监督检查台账.csv', 'inspections'],
  ['集体合同.xlsx', 'contracts'],
  ['合同覆盖单位.csv', 'contract_units'], // 合同覆盖单位 (6) over 单位 (2)
  ['2024职代会.csv', 'democracy'],
  ['厂务公开.csv', 'democracy'],
  ['职工之家命名.csv', 'org_honours'],
  ['五一劳动奖章.csv', 'person_honours'],
  ['一日捐2024.csv', 'funds'],
  ['工会经费拨缴.csv', 'dues'], // 经费拨缴 and 工会经费 both dues
  ['服务站点.csv', 'stations'],
  ['就业帮扶.csv', 'placements'], // 就业帮扶 (4) over 帮扶 (2)
])('the file name %s', (name, family) => {
  it(`names ${family} alone`, () => expect(familiesFromFileName(name)).toEqual([family]));
});

describe('a tie between two aliases of the same length', () => {
  // 帮扶站点: 帮扶 (aid) and 站点 (stations), both two characters
  it('names both families', () => expect(familiesFromFileName('帮扶站点.csv').sort()).toEqual(['aid', 'stations']));
  it('goes to the headers: station headers → stations', () =>
    expect(recogniseFamily('帮扶站点.csv', headersOf('服务站点.csv')).family.name).toBe('stations'));
  it('goes to the headers: aid headers → aid', () =>
    expect(recogniseFamily('帮扶站点.csv', headersOf('aid.csv')).family.name).toBe('aid'));
  it('refuses when neither family fits the headers', () =>
    expect(() => recogniseFamily('帮扶站点.csv', headersOf('funds.csv'))).toThrow(/无法从文件名或表头识别/));
});

describe('by headers alone', () => {
  it.each(['rights_cases.csv', 'inspections.csv', 'contracts.csv', 'contract_units.csv', '职代会.csv', '职工之家.csv', '劳模.csv', 'funds.csv', '工会经费.csv', '服务站点.csv', '就业帮扶.csv'])(
    'the headers of %s name its family',
    (file) => {
      const expected = familiesFromFileName(file)[0];
      expect(recogniseFamily('export.csv', headersOf(file)).family.name).toBe(expected);
    },
  );
});

describe('person registers', () => {
  it('refuse a 劳模 file with no column that identifies the person', () =>
    expect(() => recogniseFamily('劳模.csv', ['姓名', '管理工会', '荣誉', '级别', '授予日期'])).toThrow(/会员编号\/身份证号/));
  it('take a placement file identified by names only', () =>
    expect(recogniseFamily('就业帮扶.csv', ['姓名', '帮扶工会', '就业日期', '就业渠道']).family.name).toBe('placements'));
});

describe('header aliases of the part-2 columns', () => {
  it('map the variants clerks write to the columns', () => {
    const m = recogniseFamily('维权案件.csv', ['案件号', '受理工会', '受理时间', '来源渠道', '案件类别', '办结时间', '当事人']);
    expect([m.columns.get('case_no'), m.columns.get('received_on'), m.columns.get('closed_on'), m.columns.get('applicant')]).toEqual(['案件号', '受理时间', '办结时间', '当事人']);
    const p = recogniseFamily('劳模.csv', ['身份证号码', '管理工会', '荣誉', '级别', '授予时间']);
    expect([p.columns.get('id_number'), p.columns.get('awarded_on')]).toEqual(['身份证号码', '授予时间']);
  });
});
