// Registers made to the contract (CSV files with the contract's Chinese headers, as a clerk fills
// them) that reproduce the seed figures of shared/indicators-2.md. One federation per seed document
// (000, 001a … 004) under one root, so each figure is read at its own org for 2024; the rows are the
// fewest that make the published number, plus a few that must not count (other years, revoked,
// expired, not mediated) so the figure cannot come out right by accident.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FAMILIES, type FamilyName } from '../../src/lib/ingest/families.ts';
import { makeIdNumber } from '../../src/lib/ids/gb11643.ts';
import { makeCreditCode } from '../../src/lib/ids/gb32100.ts';

type Row = Record<string, string | number | boolean | null>;
const Y = 2024;

export const ROOT = 'SEED';
/** Seed document → the org whose figures reproduce it. */
export const DOCS = ['000', '001a', '001b', '001c', '001e', '001f', '001g', '001k', '001l', '002', '003d', '004'] as const;
export const orgOf = (doc: (typeof DOCS)[number]) => `D${doc}`;

let unitSeq = 0;
const unitCode = () => makeCreditCode('110101', String(20_000_000 + unitSeq++));
let personSeq = 0;
/** A valid ID number, different for every call (birth day moves every 500 people). */
function idNumber(): string {
  const n = personSeq++;
  const day = new Date(Date.UTC(1970, 0, 1 + Math.floor(n / 500))).toISOString().slice(0, 10);
  return makeIdNumber('110101', day, n % 500, n % 2 ? '男' : '女');
}

const bool = (b: boolean | null | undefined) => (b === null || b === undefined ? '' : b ? '是' : '否');

/** One register: the contract's Chinese headers, cells by canonical column name. */
function write(dir: string, family: FamilyName, rows: Row[]): void {
  const cols = FAMILIES[family].columns;
  const cell = (v: Row[string] | undefined) => (typeof v === 'boolean' ? bool(v) : v === null || v === undefined ? '' : String(v));
  const lines = [cols.map((c) => c.zh).join(','), ...rows.map((r) => cols.map((c) => cell(r[c.name])).join(','))];
  writeFileSync(join(dir, `${family}.csv`), lines.join('\n') + '\n');
}

const times = <T,>(n: number, f: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => f(i));

export function writeSeedRegisters(dir: string): void {
  mkdirSync(dir, { recursive: true });
  unitSeq = 0;
  personSeq = 0;
  const orgs: Row[] = [{ org_code: ROOT, org_name: '示范市总工会', org_type: 'federation', founded_on: '1990-01-01' }];
  const units: Row[] = [];
  const headcounts: Row[] = [];
  const org = (code: string, name: string, parent: string, type: string, founded = '2000-01-01') =>
    orgs.push({ org_code: code, org_name: name, parent_code: parent, org_type: type, founded_on: founded });
  const unit = (area: string, o: Row = {}): string => {
    const code = unitCode();
    units.push({ unit_code: code, unit_name: `单位${unitSeq}`, area_org_code: area, should_unionise: true, registered_on: '2010-01-01', ...o });
    return code;
  };
  for (const doc of DOCS) org(orgOf(doc), `文档${doc}工会`, ROOT, doc === '000' || doc === '002' ? 'street_federation' : 'federation');
  const aid: Row[] = [];
  const cases: Row[] = [];
  const inspections: Row[] = [];
  const contracts: Row[] = [];
  const contractUnits: Row[] = [];
  const democracy: Row[] = [];
  const orgHonours: Row[] = [];
  const personHonours: Row[] = [];
  const funds: Row[] = [];
  const stations: Row[] = [];
  const placements: Row[] = [];
  let no = 0;
  const next = (p: string) => `${p}${String(++no).padStart(5, '0')}`;

  // 000 与9个社区工会签订了集体合同; 捐款12万元; 捐物1千余件; 帮助再就业400余人
  times(9, (i) => org(`D000C${i}`, `社区${i}工会`, 'D000', 'community_union'));
  times(9, (i) => contracts.push({ contract_no: next('HT'), org_code: `D000C${i}`, type: 'comprehensive', scope: 'regional', signed_on: `${Y}-03-0${1 + (i % 9)}` }));
  contracts.push({ contract_no: next('HT'), org_code: 'D000C0', type: 'comprehensive', scope: 'regional', signed_on: `${Y - 1}-03-01` }); // last year
  funds.push({ receipt_no: next('SJ'), received_on: `${Y}-01-20`, org_code: 'D000', amount: '100000', items: 1000, items_value: '20000' });
  funds.push({ receipt_no: next('SJ'), received_on: `${Y}-06-01`, org_code: 'D000C1', amount: '20000', items: 20 });
  const placed = times(412, () => idNumber());
  placed.forEach((id, i) => placements.push({ id_number: id, org_code: i % 2 ? 'D000' : 'D000C2', placed_on: `${Y}-04-01`, channel: 'referral' }));
  placed.slice(0, 30).forEach((id) => placements.push({ id_number: id, org_code: 'D000C3', placed_on: `${Y}-09-01`, channel: 'job_fair' })); // placed twice: once

  // 001a 共对72名困难职工(农民工)子女进行了救助 (金秋助学); 六名全国和省部级特困及一线劳模
  times(72, (i) => aid.push({ voucher_no: next('PZ'), paid_on: `${Y}-08-2${i % 8}`, org_code: 'D001a', id_number: idNumber(), category: 'education', amount: '1000', campaign: 'golden_autumn' }));
  times(6, (i) => personHonours.push({ id_number: idNumber(), org_code: 'D001a', honour: 'model_worker', level: i < 2 ? 'national' : 'province', awarded_on: '2015-04-28', hardship: true }));
  personHonours.push({ id_number: idNumber(), org_code: 'D001a', honour: 'model_worker', level: 'province', awarded_on: '2016-04-28', hardship: false });

  // 001b 接待职工来信来访47人次; 为46名职工提供法律援助; 成功调解劳动争议35件; 累计筹集帮扶资金130万元;
  //      已建帮扶工作站(点)197个; 培养创业示范基地1个; 镇办工会服务中心建成率达100%; 帮扶实现就业再就业1532人次
  const caseRow = (o: Row) => cases.push({ case_no: next('AJ'), org_code: 'D001b', received_on: `${Y}-05-10`, ...o });
  times(40, () => caseRow({ channel: 'letter_visit', kind: 'complaint' }));
  caseRow({ channel: 'letter_visit', kind: 'wage_arrears', workers_involved: 7, closed_on: `${Y}-06-10`, outcome: 'resolved', wages_recovered: '56000' });
  times(9, () => caseRow({ channel: 'hotline', kind: 'legal_aid', workers_involved: 5 }));
  caseRow({ channel: 'online', kind: 'legal_aid' }); // blank = 1: 9 × 5 + 1 = 46
  times(35, () => caseRow({ channel: 'hotline', kind: 'mediation', closed_on: `${Y}-07-01`, outcome: 'mediated' }));
  times(3, () => caseRow({ channel: 'hotline', kind: 'mediation', closed_on: `${Y}-07-01`, outcome: 'not_mediated' }));
  funds.push({ receipt_no: next('SJ'), received_on: `${Y}-02-01`, org_code: 'D001b', donor_type: 'fiscal', amount: '1000000' });
  funds.push({ receipt_no: next('SJ'), received_on: `${Y}-03-01`, org_code: 'D001b', donor_type: 'units', amount: '300000' });
  times(5, (i) => org(`D001bS${i}`, `镇${i}工会`, 'D001b', 'street_federation'));
  times(5, (i) => stations.push({ station_code: next('ZD'), station_name: `镇${i}服务中心`, org_code: `D001bS${i}`, type: 'service_centre', opened_on: '2020-01-01' }));
  times(197, (i) => stations.push({ station_code: next('ZD'), station_name: `工作站${i}`, org_code: `D001bS${i % 5}`, type: 'help_station', opened_on: '2019-01-01' }));
  stations.push({ station_code: next('ZD'), station_name: '停用工作站', org_code: 'D001bS0', type: 'help_station', opened_on: '2019-01-01', closed_on: `${Y}-06-30` });
  stations.push({ station_code: next('ZD'), station_name: '创业基地', org_code: 'D001b', type: 'startup_base', opened_on: '2021-01-01' });
  stations.push({ station_code: next('ZD'), station_name: '帮扶中心', org_code: 'D001b', type: 'help_centre', opened_on: '2015-01-01' });
  times(1532, (i) => placements.push({ name: `求职者${i}`, org_code: `D001bS${i % 5}`, placed_on: `${Y}-0${1 + (i % 9)}-15`, channel: 'job_fair' }));

  // 001c 200人以上的企事业单位有4家
  for (const n of [200, 350, 800, 1200, 199, 50]) {
    const u = unit('D001c');
    headcounts.push({ unit_code: u, as_of: `${Y}-12-31`, employees: n });
  }
  const closed = unit('D001c', { closed_on: `${Y}-11-30` }); // closed before D
  headcounts.push({ unit_code: closed, as_of: `${Y}-06-30`, employees: 900 });

  // 001e 区教育系统15名劳动模范
  times(15, () => personHonours.push({ id_number: idNumber(), org_code: 'D001e', honour: 'model_worker', level: 'county', awarded_on: '2012-04-28' }));
  personHonours.push({ id_number: idNumber(), org_code: 'D001e', honour: 'model_worker', level: 'city', awarded_on: '2012-04-28', revoked_on: `${Y}-03-01` });

  // 001f 工作站(点)1663个; 帮扶中心建成率达100%
  stations.push({ station_code: next('ZD'), station_name: '帮扶中心', org_code: 'D001f', type: 'help_centre', opened_on: '2016-01-01' });
  times(1662, (i) => stations.push({ station_code: next('ZD'), station_name: `站点${i}`, org_code: 'D001f', type: 'help_station', opened_on: '2020-01-01' }));

  // 001g 建立基层工会组织100个; 四位同志被评为浙江省劳动模范; 十位同志被评为台州市劳动模范; 全国“五一”劳动奖章
  times(100, (i) => org(`D001gG${i}`, `基层工会${i}`, 'D001g', 'grassroots_union', `${Y}-0${1 + (i % 9)}-01`));
  org('D001gOLD', '老基层工会', 'D001g', 'grassroots_union', `${Y - 1}-12-31`);
  times(4, () => personHonours.push({ id_number: idNumber(), org_code: 'D001g', honour: 'model_worker', level: 'province', awarded_on: `${Y}-04-28` }));
  times(10, () => personHonours.push({ id_number: idNumber(), org_code: 'D001g', honour: 'model_worker', level: 'city', awarded_on: `${Y}-04-25` }));
  personHonours.push({ id_number: idNumber(), org_code: 'D001g', honour: 'medal', level: 'national', awarded_on: `${Y}-04-30` });

  // 001k 新建企业工会组织16个; 全县7户国有企业、8户私营企业签订了集体合同, 签订率分别达到100%和50%;
  //      7户国有及控股企业全部建立了职代会和厂务公开制度; 35户事业单位建立了职代会制度;
  //      县级合格职工之家66个, 县级先进29个, 州级先进6个, 省级模范2个
  times(70, (i) => org(`D001kG${i}`, `企业工会${i}`, 'D001k', 'grassroots_union', i < 16 ? `${Y}-05-01` : '2015-01-01'));
  const unionised = (ownership: string) => unit('D001k', { ownership, union_org_code: 'D001k', unionised_on: '2016-01-01' });
  const state = times(7, () => unionised('state'));
  const priv = times(16, () => unionised('private'));
  const inst = times(35, () => unionised('institution'));
  for (const u of [...state, ...priv.slice(0, 8)]) {
    contracts.push({ contract_no: next('HT'), org_code: 'D001k', type: 'comprehensive', scope: 'single', unit_code: u, signed_on: '2023-01-01', expires_on: '2025-12-31', workers_covered: 100 });
  }
  contracts.push({ contract_no: next('HT'), org_code: 'D001k', type: 'comprehensive', scope: 'single', unit_code: priv[8]!, signed_on: '2021-01-01', expires_on: `${Y}-12-30` }); // expired before D
  for (const u of [...state, ...inst]) democracy.push({ unit_code: u, year: Y, congress: true, open_affairs: state.includes(u) });
  democracy.push({ unit_code: priv[0]!, year: Y, congress: false });
  const homes = (n: number, title: string, level: string) => times(n, (i) => orgHonours.push({ org_code: `D001kG${i}`, title, level, awarded_on: '2022-05-01' }));
  homes(66, 'qualified', 'county');
  homes(29, 'advanced', 'county');
  homes(6, 'advanced', 'city');
  homes(2, 'model', 'province');
  orgHonours.push({ org_code: 'D001kG69', title: 'model', level: 'national', awarded_on: '2020-05-01', revoked_on: `${Y}-10-01` }); // revoked

  // 001l 职代会召开, 100名职工(会员)代表参加
  democracy.push({ unit_code: unit('D001l'), year: Y, congress: true, sessions: 1, delegates: 100 });

  // 002 新建企業註冊數為265家; 法律諮詢近100人次; “兩法一條例”抽查5家, 落實整改1家; 防暑降温及安全生產檢查抽查12家, 落實整改2家;
  //     目前簽訂集體合同有16家; 有10家成為合格職工之家; 集資5100元
  times(265, (i) => unit('D002', { registered_on: `${Y}-0${1 + (i % 9)}-1${i % 10}`, should_unionise: false }));
  times(12, () => cases.push({ case_no: next('AJ'), org_code: 'D002', received_on: `${Y}-03-01`, channel: 'online', kind: 'consultation', workers_involved: 8 }));
  cases.push({ case_no: next('AJ'), org_code: 'D002', received_on: `${Y}-03-02`, channel: 'online', kind: 'consultation', workers_involved: 2 }); // 12 × 8 + 2 = 98
  const checked = times(17, () => unit('D002'));
  checked.slice(0, 5).forEach((u, i) => inspections.push({ unit_code: u, kind: 'labour_law', inspected_on: `${Y}-04-01`, org_code: 'D002', issue_found: i < 2, rectified_on: i === 0 ? `${Y}-05-01` : null }));
  checked.slice(5).forEach((u, i) => inspections.push({ unit_code: u, kind: 'safety', inspected_on: `${Y}-07-01`, org_code: 'D002', issue_found: i < 3, rectified_on: i < 2 ? `${Y}-08-01` : null }));
  const regional = next('HT');
  contracts.push({ contract_no: regional, org_code: 'D002', type: 'comprehensive', scope: 'regional', signed_on: '2023-06-01' });
  checked.slice(0, 16).forEach((u) => contractUnits.push({ contract_no: regional, unit_code: u }));
  times(10, (i) => org(`D002C${i}`, `社区${i}工会`, 'D002', 'community_union'));
  times(10, (i) => orgHonours.push({ org_code: `D002C${i}`, title: '合格', level: '区级', awarded_on: '2023-05-01' })); // labels, as clerks type them
  funds.push({ receipt_no: next('SJ'), received_on: `${Y}-08-01`, org_code: 'D002', amount: '5100' });

  // 003d 全縣已建立工會組織的才19所 (private preschools: P 教育)
  times(19, () => unit('D003d', { ownership: 'private', industry: 'P', union_org_code: 'D003d', unionised_on: '2019-09-01' }));
  times(40, () => unit('D003d', { ownership: 'private', industry: 'P' })); // not unionised
  unit('D003d', { ownership: 'state', industry: 'P', union_org_code: 'D003d', unionised_on: '2019-09-01' });

  // 004 慰问金额600元 (送温暖); “一日捐”…共收到捐款3000元
  aid.push({ voucher_no: next('PZ'), paid_on: `${Y}-01-25`, org_code: 'D004', id_number: idNumber(), category: 'holiday', amount: '400', campaign: 'warmth' });
  aid.push({ voucher_no: next('PZ'), paid_on: `${Y}-01-26`, org_code: 'D004', id_number: idNumber(), category: 'holiday', amount: '200', campaign: '送温暖' });
  funds.push({ receipt_no: next('SJ'), received_on: `${Y}-05-01`, org_code: 'D004', campaign: '一日捐', donor_type: 'workers', donors: 25, amount: '3000' });

  write(dir, 'orgs', orgs);
  write(dir, 'units', units);
  write(dir, 'headcounts', headcounts);
  write(dir, 'aid', aid);
  write(dir, 'rights_cases', cases);
  write(dir, 'inspections', inspections);
  write(dir, 'contracts', contracts);
  write(dir, 'contract_units', contractUnits);
  write(dir, 'democracy', democracy);
  write(dir, 'org_honours', orgHonours);
  write(dir, 'person_honours', personHonours);
  write(dir, 'funds', funds);
  write(dir, 'stations', stations);
  write(dir, 'placements', placements);
}
