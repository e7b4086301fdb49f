// Every code of shared/indicators-2.md that has a seed figure reproduces it: registers written to
// the contract (seed-registers.ts: Chinese headers, labels and codes as clerks type them) go through
// the real ingest (checks, quarantine, mart rebuild) into a real DuckDB file, and the report of the
// org standing for each seed document holds the published number for 2024.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Db } from '../../src/lib/db/duckdb.ts';
import { ingestPaths } from '../../src/lib/ingest/pipeline.ts';
import { getIndicators } from '../../src/lib/indicators/read.ts';
import type { IndicatorReport } from '../../src/lib/indicators/types.ts';
import { DOCS, orgOf, writeSeedRegisters } from './seed-registers.ts';
import { tempDir } from '../helpers/warehouse.ts';

type Doc = (typeof DOCS)[number];
let dir: string;
const reports = new Map<string, IndicatorReport>();
let quarantined = -1;

beforeAll(async () => {
  dir = tempDir('ua-seeds-');
  writeSeedRegisters(join(dir, 'registers'));
  const path = join(dir, 'warehouse.duckdb');
  await ingestPaths(path, [join(dir, 'registers')], { user: 'test' });
  const db = await Db.open(path, { readOnly: true });
  try {
    quarantined = await db.value<number>('select count(*) from quarantine');
    for (const doc of DOCS) reports.set(doc, await getIndicators(db, orgOf(doc), 2024));
  } finally {
    db.close();
  }
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const v = (doc: Doc, key: string) => reports.get(doc)!.indicators[key];

it('loads every register row (nothing quarantined)', () => {
  expect(quarantined).toBe(0);
});

// [seed document, key, value (rates as fractions), the published words]
describe.each<[Doc, string, number, string]>([
  ['001g', 'coverage.new_unions', 100, '建立基层工会组织100个'],
  ['001k', 'coverage.new_unions', 16, '新建企业工会组织16个'],
  ['002', 'coverage.new_units', 265, '新建企業註冊數為265家'],
  ['001c', 'coverage.units_200plus', 4, '200人以上的企事业单位有4家'],
  ['003d', 'coverage.units_unionised:private.P', 19, '全縣已建立工會組織的才19所 (partly: P 教育 is wider)'],
  ['001a', 'relief.persons:golden_autumn', 72, '共对72名困难职工(农民工)子女进行了救助'],
  ['004', 'relief.amount:warmth', 600, '慰问金额600元'],
  ['001b', 'rights.letters_visits', 47, '接待职工来信来访47人次'],
  ['002', 'rights.person_times:consultation', 98, '法律諮詢近100人次'],
  ['001b', 'rights.legal_aid_persons', 46, '为46名职工提供法律援助'],
  ['001b', 'rights.disputes_mediated', 35, '成功调解劳动争议35件'],
  ['002', 'supervision.units_inspected:labour_law', 5, '“兩法一條例”…抽查5家'],
  ['002', 'supervision.units_inspected:safety', 12, '防暑降温及安全生產檢查,抽查12家'],
  ['002', 'supervision.units_rectified:labour_law', 1, '落實整改1家'],
  ['002', 'supervision.units_rectified:safety', 2, '落實整改2家'],
  ['000', 'contracts.signed', 9, '与9个社区工会签订了集体合同'],
  ['002', 'contracts.units_covered', 16, '目前簽訂集體合同有16家'],
  ['001k', 'contracts.units_covered:state', 7, '全县7户国有企业…签订了集体合同'],
  ['001k', 'contracts.units_covered:private', 8, '8户私营企业签订了集体合同'],
  ['001k', 'contracts.signing_rate:state', 1, '签订率分别达到100%'],
  ['001k', 'contracts.signing_rate:private', 0.5, '和50%'],
  ['001k', 'congress.units_established:state', 7, '全县7户国有及控股企业,全部建立了职工代表大会制度'],
  ['001k', 'congress.units_established:institution', 35, '35户事业单位建立了职工代表大会制度'],
  ['001k', 'congress.establishment_rate:state', 1, '全部建立'],
  ['001k', 'congress.open_affairs_units:state', 7, '…和厂务公开制度'],
  ['001l', 'congress.sessions', 1, '职代会召开'],
  ['001l', 'congress.delegates', 100, '100名职工(会员)代表参加'],
  ['001k', 'honours.workers_homes:qualified.county', 66, '县级“合格职工之家”66个'],
  ['001k', 'honours.workers_homes:advanced.county', 29, '县级“先进职工之家”29个'],
  ['001k', 'honours.workers_homes:advanced.city', 6, '州级“先进职工之家”6个'],
  ['001k', 'honours.workers_homes:model.province', 2, '省级“模范职工之家”2个'],
  ['002', 'honours.workers_homes:qualified', 10, '有10家成為合格職工之家'],
  ['001e', 'honours.model_workers', 15, '区教育系统15名劳动模范'],
  ['001g', 'honours.model_workers_awarded:province', 4, '四位同志被评为浙江省劳动模范'],
  ['001g', 'honours.model_workers_awarded:city', 10, '十位同志被评为台州市劳动模范'],
  ['001g', 'honours.medals_awarded:national', 1, '获得了全国“五一”劳动奖章'],
  ['000', 'funds.raised', 120000, '捐款12万元'],
  ['001b', 'funds.raised', 1300000, '累计筹集帮扶资金130万元'],
  ['002', 'funds.raised', 5100, '集資5100元'],
  ['004', 'funds.raised:one_day_pay', 3000, '“一日捐”…共收到捐款3000元'],
  ['000', 'funds.items', 1020, '捐物1千余件'],
  ['001b', 'stations.count:help_station', 197, '已建帮扶工作站(点)197个'],
  ['001b', 'stations.count:startup_base', 1, '培养创业示范基地1个'],
  ['001f', 'stations.count', 1663, '工作站(点)1663个'],
  ['001b', 'stations.coverage_rate:street_federation', 1, '镇办工会服务中心建成率达100%'],
  ['001f', 'stations.coverage_rate', 1, '帮扶中心建成率达100%'],
  ['001b', 'employment.placements', 1532, '帮扶实现就业再就业1532人次'],
  ['000', 'employment.persons', 412, '帮助再就业400余人'],
])('%s %s', (doc, key, value, words) => {
  it(`= ${value} (${words})`, () => {
    expect(v(doc, key)?.value).toBe(value);
  });
});

it('六名全国和省部级特困及一线劳模 (001a, partly): national + province hardship model workers = 6', () => {
  expect(v('001a', 'honours.model_workers_hardship:national')!.value! + v('001a', 'honours.model_workers_hardship:province')!.value!).toBe(6);
});

it('the displays read as the seeds write them', () => {
  expect(v('001b', 'funds.raised')!.display).toBe('130.00万元');
  expect(v('001k', 'contracts.signing_rate:private')!.display).toBe('50.0%');
  expect(v('001b', 'stations.coverage_rate:street_federation')!.display).toBe('100.0%');
});
