// A small, deterministic federation written as the CSV registers clerks upload (data contract), so
// the browser tests run the real ingest on real files. Used when the sample generator is absent.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeIdNumber } from '../../src/lib/ids/gb11643.ts';
import { makeCreditCode } from '../../src/lib/ids/gb32100.ts';

export const ROOT_ORG = 'F0';
export const YEARS = [2021, 2022, 2023, 2024];

function prng(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 16807) % 2147483647) / 2147483647;
}

function csv(dir: string, name: string, rows: (string | number)[][]): void {
  writeFileSync(join(dir, name), rows.map((r) => r.map(String).join(',')).join('\n') + '\n');
}

export function writeFixture(dir: string): void {
  mkdirSync(dir, { recursive: true });
  const rnd = prng(20240101);
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const date = (y: number) => `${y}-${String(1 + Math.floor(rnd() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rnd() * 28)).padStart(2, '0')}`;

  const orgs: string[][] = [['org_code', 'org_name', 'parent_code', 'org_type', 'founded_on', 'dissolved_on']];
  orgs.push([ROOT_ORG, '示例市总工会', '', 'federation', '1990-01-01', '']);
  const streets = [['S1', '东城街道总工会'], ['S2', '西城街道工会联合会'], ['S3', '南湖镇总工会']];
  const leaves: string[] = [];
  for (const [code, name] of streets) {
    orgs.push([code!, name!, ROOT_ORG, 'street_federation', '2000-01-01', '']);
    for (let k = 1; k <= 2; k++) {
      const c = `${code}C${k}`;
      orgs.push([c, `${name!.slice(0, 2)}第${k === 1 ? '一' : '二'}社区工会`, code!, 'community_union', '2010-05-01', '']);
      leaves.push(c);
    }
  }
  csv(dir, 'orgs.csv', orgs);

  const units: string[][] = [['unit_code', 'unit_name', 'area_org_code', 'union_org_code', 'unionised_on', 'should_unionise', 'registered_on', 'closed_on']];
  const heads: (string | number)[][] = [['unit_code', 'as_of', 'employees', 'female_employees', 'migrant_employees']];
  const unitCodes: string[] = [];
  for (let i = 0; i < 48; i++) {
    const code = makeCreditCode('110101', String(10_000_000 + i * 37));
    const area = leaves[i % leaves.length]!;
    const unionised = rnd() < 0.85;
    const since = 2018 + Math.floor(rnd() * 6);
    units.push([code, `示例企业${i + 1}有限公司`, area, unionised ? area : '', unionised ? date(since) : '', rnd() < 0.95 ? '是' : '否', '2015-03-01', '']);
    unitCodes.push(code);
    for (const y of YEARS) {
      const e = 18 + Math.floor(rnd() * 22);
      heads.push([code, `${y}-12-31`, e, Math.floor(e * 0.4), Math.floor(e * 0.3)]);
    }
  }
  csv(dir, 'units.csv', units);
  csv(dir, 'headcounts.csv', heads);

  const members: (string | number)[][] = [['member_no', 'name', 'id_number', 'gender', 'org_code', 'unit_code', 'join_date', 'leave_date', 'is_migrant_worker', 'is_cadre']];
  const people: { no: string; org: string }[] = [];
  const surnames = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄'];
  for (let i = 0; i < 900; i++) {
    const gender = rnd() < 0.5 ? '男' : '女';
    const id = makeIdNumber('110101', `19${70 + (i % 30)}-0${1 + (i % 9)}-1${i % 10}`, i % 400, gender);
    const unit = unitCodes[i % unitCodes.length]!;
    const org = leaves[(i % unitCodes.length) % leaves.length]!;
    const joined = 2015 + Math.floor(rnd() * 10);
    const left = rnd() < 0.08 ? date(Math.min(2024, joined + 1)) : '';
    const no = `M${String(i + 1).padStart(5, '0')}`;
    members.push([no, `${pick(surnames)}${i}号`, id, gender, org, unit, date(joined), left && left > `${joined}-12-31` ? left : '', rnd() < 0.3 ? '是' : '否', rnd() < 0.05 ? '是' : '否']);
    people.push({ no, org });
  }
  // Two rows the ingest must quarantine, so the data-quality page has something to show.
  members.push(['M99998', '错误日期', makeIdNumber('110101', '1980-01-01', 450, '男'), '男', leaves[0]!, '', '2024-13-45', '', '否', '否']);
  csv(dir, 'members.csv', members);

  const files: (string | number)[][] = [['file_no', 'member_no', 'org_code', 'category', 'household_size', 'registered_on', 'exit_on', 'exit_type']];
  for (let i = 0; i < 60; i++) {
    const p = people[i * 7]!;
    const reg = 2020 + Math.floor(rnd() * 5);
    const exit = rnd() < 0.4 ? Math.min(2024, reg + 1 + Math.floor(rnd() * 2)) : 0;
    files.push([`K${i + 1}`, p.no, p.org, pick(['deep', 'relative', 'accident']), 3, `${reg}-03-01`, exit ? `${exit}-11-15` : '', exit ? 'recovered' : '']);
  }
  csv(dir, 'hardship_files.csv', files);

  const aid: (string | number)[][] = [['voucher_no', 'paid_on', 'org_code', 'member_no', 'category', 'amount', 'fund_source']];
  const cats = ['living', 'medical', 'education', 'holiday', 'model_worker', 'employment', 'startup', 'mutual'];
  for (let i = 0; i < 400; i++) {
    const p = people[(i * 13) % people.length]!;
    aid.push([`V${i + 1}`, date(pick(YEARS)), p.org, p.no, pick(cats), (200 + Math.floor(rnd() * 3000)).toFixed(2), pick(['fiscal', 'union_funds', 'higher_union', 'donation'])]);
  }
  aid.push(['V99999', '2024-05-01', leaves[0]!, 'M00001', 'living', '3.2万', 'fiscal']);
  csv(dir, 'aid.csv', aid);

  const acts: (string | number)[][] = [['activity_no', 'org_code', 'kind', 'title', 'start_date', 'participants', 'audience', 'hours']];
  const enr: (string | number)[][] = [['activity_no', 'member_no', 'completed', 'certified', 'employed_on']];
  const kinds = ['culture_sports', 'legal_education', 'labour_competition', 'safety', 'volunteer', 'congress', 'legal_aid', 'other'];
  for (let i = 0; i < 120; i++) {
    const training = i % 3 === 0;
    const org = pick([...leaves, 'S1', 'S2', 'S3']);
    const y = pick(YEARS);
    const no = `A${i + 1}`;
    const audience = training ? pick(['cadre', 'hardship', 'unemployed', 'workers']) : '';
    acts.push([no, org, training ? 'training' : pick(kinds), `活动${i + 1}`, date(y), 10 + Math.floor(rnd() * 90), audience, training ? 8 : '']);
    if (training) {
      for (let k = 0; k < 8; k++) {
        const p = people[(i * 31 + k * 11) % people.length]!;
        enr.push([no, p.no, rnd() < 0.9 ? '是' : '否', rnd() < 0.5 ? '是' : '否', rnd() < 0.3 ? `${y}-12-20` : '']);
      }
    }
  }
  csv(dir, 'activities.csv', acts);
  csv(dir, 'enrollments.csv', enr);
}
