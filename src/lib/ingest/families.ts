// The data contract (../shared/data-contract.md) as data: one entry per record family.
// The ingest pipeline, the clean-table DDL, the upload templates and the schema browser all read it.
// Part 2's families (../shared/data-contract-2.md) are defined in families-2.ts and load after these.
import { FAMILIES_2, FAMILY_ORDER_2, CAMPAIGNS, INDUSTRIES, OWNERSHIP, OWNERSHIP_SYN } from './families-2.ts';

export type ColumnType =
  | 'text' // trimmed; blank → null
  | 'date'
  | 'bool'
  | 'int' // integer ≥ 0
  | 'decimal' // ≥ 0, e.g. training hours
  | 'money' // yuan, > 0, two decimals at most
  | 'enum'
  | 'id_number' // GB 11643 resident ID
  | 'credit_code' // GB 32100 unified social credit code
  | 'gender' // 男 / 女
  | 'year'; // 2024 or 2024年 (the range is a family rule)

export interface Column {
  name: string;
  zh: string;
  type: ColumnType;
  required?: boolean;
  /** enum values: code → Chinese label (both are accepted on input). */
  values?: Record<string, string>;
  /**
   * Personal data, and what kind: masked in every masked auditor session (src/lib/auditor/masking.ts
   * reads this, so a new family's personal columns are masked without touching the auditor).
   * 'id' 身份证号, 'phone' 手机号, 'name' a person's name, 'birth' a birth date (it is the part of the
   * ID number the masked ID hides). `true` = by type: an id_number column is 'id', any other 'name'.
   */
  personal?: PersonalKind | true;
  note?: string;
  /** enum: this column's own spellings (synonym → code), before the shared ENUM_SYNONYMS. */
  synonyms?: Record<string, string>;
  /** money: 0 is a value (dues paid), not a mistake. */
  zeroAllowed?: boolean;
  /** A required column whose cell may be blank when this other column is given (aid: amount / in_kind_value). */
  blankIfGiven?: string;
  /**
   * Added to a family after registers without it were loaded: optional, and part of the row's hash
   * only when given, so the rows stored before keep their hash (a re-issue is not a change).
   */
  added?: boolean;
  /** Other headers clerks write for this column (身份证号码, 入会时间 …); matched like `zh`. */
  aliases?: string[];
  /**
   * A code that must name a stored org or unit (this run's orgs and units count: they load first).
   * The pipeline checks it for every family alike ('unknown_org' / 'unknown_unit', stage.ts).
   */
  references?: 'orgs' | 'units';
}

export type PersonalKind = 'id' | 'phone' | 'name' | 'birth';

/** The kind of personal data a column holds, or undefined when it holds none. */
export function personalKind(c: Column): PersonalKind | undefined {
  if (!c.personal) return undefined;
  if (c.personal !== true) return c.personal;
  return c.type === 'id_number' ? 'id' : 'name';
}

export interface Family {
  name: FamilyName;
  zh: string;
  en: string;
  /** File-name fragments that identify the family (longest match wins). */
  fileAliases: string[];
  columns: Column[];
  /** The natural key: same key + different content = a corrected re-issue that supersedes. */
  key: string[];
  /** Columns added by the pipeline (after references are resolved). */
  derived?: Column[];
  /**
   * The row is about a person: any one of these columns identifies them; they are resolved through
   * `members` and checked ("person checks"), and `person_key` is derived (stage.ts).
   */
  personColumns?: string[];
}

export const FAMILY_ORDER = [
  'orgs',
  'units',
  'headcounts',
  'members',
  'hardship_files',
  'aid',
  'activities',
  'enrollments',
  ...FAMILY_ORDER_2,
] as const;
export type FamilyName = (typeof FAMILY_ORDER)[number];

const person: Column[] = [
  { name: 'member_no', zh: '会员编号', type: 'text', aliases: ['会员号', '会员证号'] },
  { name: 'id_number', zh: '身份证号', type: 'id_number', personal: 'id', aliases: ['身份证号码', '公民身份号码', '身份证', '身份证件号码', '证件号码'] },
];
const personKey: Column = {
  name: 'person_key',
  zh: '人员标识',
  type: 'text',
  note: 'ID number when known (given or through the member), else M:member_no, else N:name',
};

export const ORG_TYPES = {
  federation: '总工会',
  street_federation: '街道(乡镇)工会联合会',
  community_union: '社区(联合)工会',
  joint_union: '区域/行业联合工会',
  grassroots_union: '独立基层工会',
};
export const HARDSHIP_CATEGORIES = { deep: '深度困难', relative: '相对困难', accident: '意外致困' };
export const EXIT_TYPES = { recovered: '解困脱困', safety_net: '兜底保障', other: '其他' };
export const AID_CATEGORIES = {
  living: '生活救助',
  medical: '医疗救助',
  education: '助学',
  holiday: '节日慰问',
  model_worker: '劳模帮扶',
  employment: '就业帮扶',
  startup: '创业扶持',
  mutual: '互助保障',
};
export const FUND_SOURCES = { fiscal: '财政', union_funds: '工会经费', higher_union: '上级工会', donation: '社会捐助' };
export const ACTIVITY_KINDS = {
  training: '培训',
  culture_sports: '文体活动',
  legal_education: '普法宣传',
  labour_competition: '劳动竞赛',
  safety: '安全生产',
  volunteer: '志愿服务',
  congress: '职代会',
  legal_aid: '法律援助',
  other: '其他',
};
export const AUDIENCES = { cadre: '工会干部', hardship: '困难职工', unemployed: '下岗失业', workers: '职工' };

/** Extra spellings clerks use for enum values, beyond the code and the label above. */
export const ENUM_SYNONYMS: Record<string, string> = {
  街道工会联合会: 'street_federation',
  乡镇工会联合会: 'street_federation',
  社区工会: 'community_union',
  社区联合工会: 'community_union',
  联合工会: 'joint_union',
  区域联合工会: 'joint_union',
  行业联合工会: 'joint_union',
  基层工会: 'grassroots_union',
  金秋助学: 'education',
  助学金: 'education',
  送温暖: 'holiday',
  节日慰问送温暖: 'holiday',
  '职代会/会员代表大会': 'congress',
  会员代表大会: 'congress',
  法律援助调解: 'legal_aid',
  调解: 'legal_aid',
};

export const FAMILIES: Record<FamilyName, Family> = {
  orgs: {
    name: 'orgs',
    zh: '组织',
    en: 'Organisations',
    fileAliases: ['orgs', 'organisations', 'organizations', '组织', '工会组织'],
    key: ['org_code'],
    columns: [
      { name: 'org_code', zh: '组织代码', type: 'text', required: true },
      { name: 'org_name', zh: '组织名称', type: 'text', required: true, aliases: ['工会名称'] },
      { name: 'parent_code', zh: '上级组织代码', type: 'text' },
      { name: 'org_type', zh: '组织类型', type: 'enum', required: true, values: ORG_TYPES },
      { name: 'founded_on', zh: '成立日期', type: 'date' },
      { name: 'dissolved_on', zh: '撤销日期', type: 'date' },
      { name: 'has_women_committee', zh: '女职工委员会', type: 'bool', added: true, note: 'blank = no' },
    ],
  },
  units: {
    name: 'units',
    zh: '单位',
    en: 'Units (employers)',
    fileAliases: ['units', 'employers', '单位', '企业'],
    key: ['unit_code'],
    columns: [
      { name: 'unit_code', zh: '统一社会信用代码', type: 'credit_code', required: true, aliases: ['社会信用代码', '信用代码'] },
      { name: 'unit_name', zh: '单位名称', type: 'text', required: true, aliases: ['单位全称', '企业名称'] },
      { name: 'area_org_code', zh: '所在区域组织代码', type: 'text', references: 'orgs', required: true },
      { name: 'union_org_code', zh: '所属工会组织代码', type: 'text', references: 'orgs' },
      { name: 'unionised_on', zh: '建会日期', type: 'date' },
      { name: 'should_unionise', zh: '应建会', type: 'bool', required: true },
      { name: 'registered_on', zh: '注册日期', type: 'date' },
      { name: 'closed_on', zh: '注销日期', type: 'date' },
      { name: 'ownership', zh: '经济类型', type: 'enum', values: OWNERSHIP, synonyms: OWNERSHIP_SYN, added: true },
      { name: 'industry', zh: '行业门类', type: 'enum', values: INDUSTRIES, added: true, note: 'GB/T 4754-2017 门类: letter or name' },
    ],
  },
  headcounts: {
    name: 'headcounts',
    zh: '职工人数',
    en: 'Headcounts',
    fileAliases: ['headcounts', 'headcount', '职工人数', '职工数'],
    key: ['unit_code', 'as_of'],
    columns: [
      { name: 'unit_code', zh: '统一社会信用代码', type: 'credit_code', references: 'units', required: true, aliases: ['社会信用代码', '信用代码'] },
      { name: 'as_of', zh: '统计日期', type: 'date', required: true, aliases: ['统计时间', '截至日期'] },
      { name: 'employees', zh: '职工人数', type: 'int', required: true },
      { name: 'female_employees', zh: '女职工人数', type: 'int' },
      { name: 'migrant_employees', zh: '农民工人数', type: 'int' },
    ],
  },
  members: {
    name: 'members',
    zh: '会员',
    en: 'Members',
    fileAliases: ['members', 'member', '会员'],
    key: ['member_no'],
    columns: [
      { name: 'member_no', zh: '会员编号', type: 'text', required: true, aliases: ['会员号', '会员证号'] },
      { name: 'name', zh: '姓名', type: 'text', required: true, personal: 'name', aliases: ['会员姓名', '职工姓名'] },
      { name: 'id_number', zh: '身份证号', type: 'id_number', required: true, personal: 'id', aliases: ['身份证号码', '公民身份号码', '身份证', '身份证件号码', '证件号码'] },
      { name: 'gender', zh: '性别', type: 'gender' },
      { name: 'birth_date', zh: '出生日期', type: 'date', personal: 'birth', aliases: ['出生年月日'] },
      { name: 'phone', zh: '手机号', type: 'text', personal: 'phone', aliases: ['手机号码', '手机', '联系电话', '联系方式'] },
      { name: 'org_code', zh: '所属工会', type: 'text', references: 'orgs', required: true, aliases: ['所属工会代码', '所属工会组织代码', '工会组织代码'] },
      { name: 'unit_code', zh: '工作单位代码', type: 'text', references: 'units' },
      { name: 'join_date', zh: '入会日期', type: 'date', required: true, aliases: ['入会时间'] },
      { name: 'leave_date', zh: '离会日期', type: 'date', aliases: ['离会时间'] },
      { name: 'is_migrant_worker', zh: '是否农民工', type: 'bool' },
      { name: 'is_cadre', zh: '是否工会干部', type: 'bool' },
    ],
  },
  hardship_files: {
    name: 'hardship_files',
    zh: '困难职工档案',
    en: 'Hardship files',
    fileAliases: ['hardship_files', 'hardship', '困难职工档案', '困难职工', '困难档案'],
    key: ['file_no'],
    columns: [
      { name: 'file_no', zh: '档案编号', type: 'text', required: true },
      ...person,
      { name: 'org_code', zh: '建档工会', type: 'text', references: 'orgs', required: true },
      { name: 'category', zh: '困难类别', type: 'enum', required: true, values: HARDSHIP_CATEGORIES },
      { name: 'cause', zh: '致困原因', type: 'text' },
      { name: 'household_size', zh: '家庭人口', type: 'int' },
      { name: 'registered_on', zh: '建档日期', type: 'date', required: true, aliases: ['建档时间'] },
      { name: 'exit_on', zh: '脱困日期', type: 'date' },
      { name: 'exit_type', zh: '退出类型', type: 'enum', values: EXIT_TYPES },
    ],
    derived: [personKey],
    personColumns: ['member_no', 'id_number'],
  },
  aid: {
    name: 'aid',
    zh: '帮扶发放',
    en: 'Aid payments',
    fileAliases: ['aid', 'payments', '帮扶发放', '帮扶', '救助发放'],
    key: ['voucher_no'],
    columns: [
      { name: 'voucher_no', zh: '凭证号', type: 'text', required: true },
      { name: 'paid_on', zh: '发放日期', type: 'date', required: true, aliases: ['发放时间'] },
      { name: 'org_code', zh: '发放单位', type: 'text', references: 'orgs', required: true },
      ...person,
      { name: 'file_no', zh: '档案编号', type: 'text' },
      { name: 'category', zh: '帮扶类别', type: 'enum', required: true, values: AID_CATEGORIES },
      { name: 'amount', zh: '金额(元)', type: 'money', required: true, blankIfGiven: 'in_kind_value', note: 'may be blank when 实物折价 is given' },
      { name: 'fund_source', zh: '资金来源', type: 'enum', values: FUND_SOURCES },
      { name: 'approved_by', zh: '审批人', type: 'text', personal: 'name' },
      { name: 'campaign', zh: '帮扶活动', type: 'enum', values: CAMPAIGNS, added: true, note: 'blank = none' },
      { name: 'in_kind_value', zh: '实物折价(元)', type: 'money', added: true, note: 'goods given with or instead of cash' },
    ],
    derived: [personKey],
    personColumns: ['member_no', 'id_number'],
  },
  activities: {
    name: 'activities',
    zh: '活动',
    en: 'Activities',
    fileAliases: ['activities', 'activity', 'training_sessions', '活动', '培训班'],
    key: ['activity_no'],
    columns: [
      { name: 'activity_no', zh: '活动编号', type: 'text', required: true },
      { name: 'org_code', zh: '组织单位', type: 'text', references: 'orgs', required: true },
      { name: 'kind', zh: '活动类别', type: 'enum', required: true, values: ACTIVITY_KINDS },
      { name: 'title', zh: '名称', type: 'text', required: true },
      { name: 'start_date', zh: '开始日期', type: 'date', required: true, aliases: ['开始时间', '活动日期'] },
      { name: 'end_date', zh: '结束日期', type: 'date' },
      { name: 'participants', zh: '参加人次', type: 'int' },
      { name: 'audience', zh: '培训对象', type: 'enum', values: AUDIENCES },
      { name: 'hours', zh: '学时', type: 'decimal' },
    ],
  },
  enrollments: {
    name: 'enrollments',
    zh: '培训学员',
    en: 'Training enrollments',
    fileAliases: ['enrollments', 'enrolments', 'trainees', '培训学员', '学员'],
    key: ['activity_no', 'person_key'],
    columns: [
      { name: 'activity_no', zh: '活动编号', type: 'text', required: true },
      ...person,
      { name: 'name', zh: '姓名', type: 'text', personal: 'name', aliases: ['会员姓名', '职工姓名'] },
      { name: 'completed', zh: '结业', type: 'bool' },
      { name: 'certified', zh: '取证', type: 'bool' },
      { name: 'employed_on', zh: '就业日期', type: 'date' },
    ],
    derived: [personKey],
    personColumns: ['member_no', 'id_number', 'name'],
  },
  ...FAMILIES_2,
};

/** Every column a clean table holds: the contract's, the derived ones, then provenance. */
export function cleanColumns(f: Family): Column[] {
  return [...f.columns, ...(f.derived ?? [])];
}

export const PROVENANCE_COLUMNS = ['_batch_id', '_file_id', '_row_no', '_hash'] as const;

export const SQL_TYPES: Record<ColumnType, string> = {
  text: 'varchar',
  date: 'date',
  bool: 'boolean',
  int: 'integer',
  decimal: 'decimal(9,1)',
  money: 'decimal(18,2)',
  enum: 'varchar',
  id_number: 'varchar',
  credit_code: 'varchar',
  gender: 'varchar',
  year: 'integer',
};

/** Header spellings accepted for a column: canonical and Chinese, compared case- and space-insensitively. */
export function normaliseHeader(h: string): string {
  return h
    .replace(/^\uFEFF/, '')
    .replace(/[\s\u3000_]+/g, '')
    .replace(/（/g, '(')
    .replace(/）/g, ')')
    .toLowerCase();
}
