// The data contract, part 2 (../shared/data-contract-2.md) as data: the further registers (rights,
// supervision, collective contracts, democratic management, honours, funds, dues, service stations,
// employment) and the enums they share. families.ts puts them after part 1's in FAMILY_ORDER; the
// DDL, checks, templates and schema browser read them from there like every other family.
// (Type-only imports: families.ts imports this module's values, so it must not import families.ts's.)
import type { Column, Family } from './families.ts';

export const OWNERSHIP = {
  state: '国有/国有控股',
  collective: '集体',
  institution: '事业单位',
  private: '私营/民营',
  foreign: '外资',
  hmt: '港澳台',
  other: '其他',
};
/** GB/T 4754-2017 sections (门类): letter → name; either is accepted. */
export const INDUSTRIES = {
  A: '农、林、牧、渔业',
  B: '采矿业',
  C: '制造业',
  D: '电力、热力、燃气及水生产和供应业',
  E: '建筑业',
  F: '批发和零售业',
  G: '交通运输、仓储和邮政业',
  H: '住宿和餐饮业',
  I: '信息传输、软件和信息技术服务业',
  J: '金融业',
  K: '房地产业',
  L: '租赁和商务服务业',
  M: '科学研究和技术服务业',
  N: '水利、环境和公共设施管理业',
  O: '居民服务、修理和其他服务业',
  P: '教育',
  Q: '卫生和社会工作',
  R: '文化、体育和娱乐业',
  S: '公共管理、社会保障和社会组织',
  T: '国际组织',
};
export const CAMPAIGNS = { warmth: '送温暖', golden_autumn: '金秋助学', spring_jobs: '春送岗位', summer_cool: '夏送清凉', other: '其他' };
export const FUND_CAMPAIGNS = { ...CAMPAIGNS, one_day_pay: '一日捐' };
export const CASE_CHANNELS = { letter_visit: '来信来访/信访', hotline: '12351热线/电话', online: '网上', other: '其他' };
export const CASE_KINDS = { consultation: '法律咨询', legal_aid: '法律援助', mediation: '劳动争议调解', wage_arrears: '欠薪', complaint: '投诉/其他' };
export const CASE_OUTCOMES = { resolved: '已解决', mediated: '调解成功', not_mediated: '调解不成', referred: '转办/转仲裁', withdrawn: '撤回/不予受理' };
export const INSPECTION_KINDS = { labour_law: '劳动法律监督/两法一条例', safety: '安全生产/防暑降温', other: '其他' };
export const CONTRACT_TYPES = { comprehensive: '综合', wage: '工资专项', women: '女职工专项' };
export const CONTRACT_SCOPES = { single: '单独', regional: '区域', industry: '行业' };
export const HOME_TITLES = { qualified: '合格职工之家', advanced: '先进职工之家', model: '模范职工之家' };
export const HONOUR_LEVELS = { county: '县级/区级', city: '市级/州级', province: '省级/省部级', national: '全国' };
export const PERSON_HONOURS = { model_worker: '劳动模范/先进工作者', medal: '五一劳动奖章' };
export const DONOR_TYPES = { workers: '职工/会员', units: '单位', public: '社会各界', fiscal: '财政', higher_union: '上级工会' };
export const STATION_TYPES = {
  help_centre: '困难职工帮扶中心',
  service_centre: '职工服务中心',
  help_station: '帮扶工作站/帮扶站点',
  service_station: '职工服务站',
  startup_base: '创业示范基地',
};
export const PLACEMENT_CHANNELS = {
  job_fair: '招聘会/春送岗位',
  referral: '职业介绍',
  training: '培训后就业',
  public_post: '公益性岗位',
  self_employed: '自主创业',
  other: '其他',
};

// Spellings of enum values beyond the code, the label and the label's parts, per column (they take
// precedence over the shared ENUM_SYNONYMS of families.ts: 调解 in 案件类别 is a mediation case, in
// 活动类别 a legal-aid activity).
export const OWNERSHIP_SYN = { 国有企业: 'state', 集体企业: 'collective', 私营企业: 'private', 民营企业: 'private', 外资企业: 'foreign', 外商投资: 'foreign', 港澳台资: 'hmt', 港澳台投资: 'hmt' };
const LEVEL_SYN = { 国家级: 'national', 全国级: 'national', 省部: 'province' };
const HOME_SYN = { 合格: 'qualified', 先进: 'advanced', 模范: 'model' };
const PERSON_HONOUR_SYN = { 劳模: 'model_worker', '“五一”劳动奖章': 'medal', '"五一"劳动奖章': 'medal', 五一奖章: 'medal' };
const CHANNEL_SYN = { 来信: 'letter_visit', 来访: 'letter_visit', '12351': 'hotline', 热线: 'hotline' };
const CASE_KIND_SYN = { 劳动争议: 'mediation', 调解: 'mediation', 咨询: 'consultation', 投诉: 'complaint' };
const OUTCOME_SYN = { 解决: 'resolved', 仲裁: 'referred', 转仲裁: 'referred', 转办: 'referred' };
const DONOR_SYN = { 企业: 'units', 社会: 'public', 社会捐助: 'public', 县财政: 'fiscal' };
const STATION_SYN = { 帮扶中心: 'help_centre', 服务中心: 'service_centre', 服务站: 'service_station', 帮扶站: 'help_station' };

/** The person columns of part 2's families: a member number or ID number (placements: or a name). */
const member: Column = { name: 'member_no', zh: '会员编号', type: 'text', aliases: ['会员号', '会员证号'] };
const idNumber: Column = { name: 'id_number', zh: '身份证号', type: 'id_number', personal: 'id', aliases: ['身份证号码', '公民身份号码', '身份证', '身份证件号码', '证件号码'] };
const personKey: Column = {
  name: 'person_key',
  zh: '人员标识',
  type: 'text',
  note: 'ID number when known (given or through the member), else M:member_no, else N:name',
};
const org = (zh: string): Column => ({ name: 'org_code', zh, type: 'text', required: true, references: 'orgs' });

export const FAMILY_ORDER_2 = [
  'rights_cases',
  'inspections',
  'contracts',
  'contract_units',
  'democracy',
  'org_honours',
  'person_honours',
  'funds',
  'dues',
  'stations',
  'placements',
] as const;
export type FamilyName2 = (typeof FAMILY_ORDER_2)[number];


export const FAMILIES_2: Record<FamilyName2, Family> = {
  rights_cases: {
    name: 'rights_cases',
    zh: '维权案件',
    en: 'Rights cases',
    fileAliases: ['rights_cases', '维权案件', '信访', '12351', '劳动争议', 'legal_aid'],
    key: ['case_no'],
    columns: [
      { name: 'case_no', zh: '案件编号', type: 'text', required: true, aliases: ['案件号', '案号'] },
      org('受理工会'),
      { name: 'received_on', zh: '受理日期', type: 'date', required: true, aliases: ['受理时间', '登记日期'] },
      { name: 'channel', zh: '来源渠道', type: 'enum', required: true, values: CASE_CHANNELS, synonyms: CHANNEL_SYN },
      { name: 'kind', zh: '案件类别', type: 'enum', required: true, values: CASE_KINDS, synonyms: CASE_KIND_SYN },
      { name: 'workers_involved', zh: '涉及职工人数', type: 'int', note: 'integer ≥ 1; blank = 1', aliases: ['涉及人数', '涉及职工数'] },
      { name: 'applicant', zh: '申请人', type: 'text', personal: 'name', aliases: ['申请人姓名', '当事人', '来访人'] },
      { name: 'unit_code', zh: '涉事单位代码', type: 'credit_code', note: 'credit code (checked); need not be registered', aliases: ['涉事单位信用代码', '涉事单位统一社会信用代码'] },
      { name: 'closed_on', zh: '办结日期', type: 'date', aliases: ['办结时间', '结案日期'] },
      { name: 'outcome', zh: '处理结果', type: 'enum', values: CASE_OUTCOMES, synonyms: OUTCOME_SYN, note: 'required with 办结日期, only with it', aliases: ['办理结果', '结案情况'] },
      { name: 'wages_recovered', zh: '追回工资(元)', type: 'money', note: 'only on a closed case', aliases: ['追回欠薪(元)', '追讨工资(元)'] },
    ],
  },
  inspections: {
    name: 'inspections',
    zh: '劳动法律监督',
    en: 'Labour-law inspections',
    fileAliases: ['inspections', '劳动法律监督', '监督检查', '检查整改'],
    key: ['unit_code', 'kind', 'inspected_on'],
    columns: [
      { name: 'unit_code', zh: '被检查单位代码', type: 'credit_code', references: 'units', required: true, aliases: ['统一社会信用代码', '单位信用代码'] },
      { name: 'kind', zh: '检查类别', type: 'enum', required: true, values: INSPECTION_KINDS },
      { name: 'inspected_on', zh: '检查日期', type: 'date', required: true, aliases: ['检查时间'] },
      org('检查工会'),
      { name: 'issue_found', zh: '发现问题', type: 'bool', required: true, aliases: ['是否发现问题'] },
      { name: 'issue', zh: '问题描述', type: 'text', aliases: ['存在问题'] },
      { name: 'rectified_on', zh: '整改日期', type: 'date', note: 'the issue was put right', aliases: ['整改完成日期', '整改时间'] },
    ],
  },
  contracts: {
    name: 'contracts',
    zh: '集体合同',
    en: 'Collective contracts',
    fileAliases: ['contracts', '集体合同'],
    key: ['contract_no'],
    columns: [
      { name: 'contract_no', zh: '合同编号', type: 'text', required: true, aliases: ['合同号'] },
      org('签约工会'),
      { name: 'type', zh: '合同类别', type: 'enum', required: true, values: CONTRACT_TYPES },
      { name: 'scope', zh: '签订形式', type: 'enum', required: true, values: CONTRACT_SCOPES },
      { name: 'unit_code', zh: '签约单位代码', type: 'credit_code', references: 'units', note: 'required for 单独 (single), blank otherwise' },
      { name: 'signed_on', zh: '签订日期', type: 'date', required: true, aliases: ['签订时间', '签约日期'] },
      { name: 'expires_on', zh: '到期日期', type: 'date', note: 'last day in force; blank = open-ended', aliases: ['到期时间', '终止日期'] },
      { name: 'filed_on', zh: '备案日期', type: 'date', aliases: ['备案时间'] },
      { name: 'workers_covered', zh: '覆盖职工人数', type: 'int', aliases: ['覆盖职工数', '覆盖人数'] },
    ],
  },
  contract_units: {
    name: 'contract_units',
    zh: '合同覆盖单位',
    en: 'Units covered by regional/industry contracts',
    fileAliases: ['contract_units', '合同覆盖单位', '覆盖单位'],
    key: ['contract_no', 'unit_code'],
    columns: [
      { name: 'contract_no', zh: '合同编号', type: 'text', required: true, note: 'a 区域 (regional) or 行业 (industry) contract' },
      { name: 'unit_code', zh: '统一社会信用代码', type: 'credit_code', references: 'units', required: true },
    ],
  },
  democracy: {
    name: 'democracy',
    zh: '职代会/厂务公开',
    en: "Workers' congresses and open affairs",
    fileAliases: ['democracy', '职代会', '职工代表大会', '厂务公开'],
    key: ['unit_code', 'year'],
    columns: [
      { name: 'unit_code', zh: '统一社会信用代码', type: 'credit_code', references: 'units', required: true },
      { name: 'year', zh: '年度', type: 'year', required: true, aliases: ['年份'] },
      { name: 'congress', zh: '建立职代会制度', type: 'bool', required: true, aliases: ['是否建立职代会制度', '职代会制度'] },
      { name: 'sessions', zh: '召开次数', type: 'int', aliases: ['召开职代会次数'] },
      { name: 'delegates', zh: '职工代表人数', type: 'int', aliases: ['代表人数'] },
      { name: 'open_affairs', zh: '建立厂务公开制度', type: 'bool', note: '校务/院务公开 included; blank = no', aliases: ['厂务公开', '校务公开', '院务公开'] },
    ],
  },
  org_honours: {
    name: 'org_honours',
    zh: '职工之家',
    en: "Workers' home titles",
    fileAliases: ['org_honours', '职工之家', '建家'],
    key: ['org_code', 'title', 'level'],
    columns: [
      { name: 'org_code', zh: '组织代码', type: 'text', references: 'orgs', required: true },
      { name: 'title', zh: '称号', type: 'enum', required: true, values: HOME_TITLES, synonyms: HOME_SYN },
      { name: 'level', zh: '级别', type: 'enum', required: true, values: HONOUR_LEVELS, synonyms: LEVEL_SYN },
      { name: 'awarded_on', zh: '命名日期', type: 'date', required: true, aliases: ['命名时间'] },
      { name: 'revoked_on', zh: '撤销日期', type: 'date', aliases: ['撤销时间'] },
    ],
  },
  person_honours: {
    name: 'person_honours',
    zh: '劳模',
    en: 'Model workers and medals',
    fileAliases: ['person_honours', '劳模', '劳动模范', '五一劳动奖章', '个人荣誉'],
    key: ['person_key', 'honour', 'level'],
    personColumns: ['member_no', 'id_number'],
    columns: [
      member,
      idNumber,
      { name: 'name', zh: '姓名', type: 'text', personal: 'name' },
      org('管理工会'),
      { name: 'honour', zh: '荣誉', type: 'enum', required: true, values: PERSON_HONOURS, synonyms: PERSON_HONOUR_SYN },
      { name: 'level', zh: '级别', type: 'enum', required: true, values: HONOUR_LEVELS, synonyms: LEVEL_SYN },
      { name: 'awarded_on', zh: '授予日期', type: 'date', required: true, aliases: ['授予时间', '获得时间'] },
      { name: 'revoked_on', zh: '撤销日期', type: 'date', aliases: ['撤销时间'] },
      { name: 'hardship', zh: '困难劳模', type: 'bool', note: 'blank = no', aliases: ['是否困难劳模'] },
    ],
    derived: [personKey],
  },
  funds: {
    name: 'funds',
    zh: '募集资金',
    en: 'Funds raised',
    fileAliases: ['funds', '募集', '捐款', '一日捐', '筹集'],
    key: ['receipt_no'],
    columns: [
      { name: 'receipt_no', zh: '收据号', type: 'text', required: true, aliases: ['收据编号', '票据号'] },
      { name: 'received_on', zh: '收款日期', type: 'date', required: true, aliases: ['收款时间', '捐款日期'] },
      org('收款工会'),
      { name: 'campaign', zh: '活动', type: 'enum', values: FUND_CAMPAIGNS },
      { name: 'donor_type', zh: '来源', type: 'enum', values: DONOR_TYPES, synonyms: DONOR_SYN },
      { name: 'donor', zh: '捐赠方', type: 'text', personal: 'name', note: 'personal data when a person (always masked: a unit cannot be told from a person)', aliases: ['捐赠人', '捐款单位', '捐款人'] },
      { name: 'donors', zh: '捐款人数', type: 'int', note: 'integer ≥ 1; blank = 1', aliases: ['人数'] },
      { name: 'amount', zh: '金额(元)', type: 'money', note: 'amount or 捐物 (items) required' },
      { name: 'items', zh: '捐物(件)', type: 'int', note: 'integer ≥ 1', aliases: ['捐物件数'] },
      { name: 'items_value', zh: '捐物折价(元)', type: 'money', aliases: ['捐物价值(元)'] },
    ],
  },
  dues: {
    name: 'dues',
    zh: '工会经费',
    en: 'Union funds (2% dues)',
    fileAliases: ['dues', '工会经费', '经费拨缴', '会费'],
    key: ['unit_code', 'period_start'],
    columns: [
      { name: 'unit_code', zh: '统一社会信用代码', type: 'credit_code', references: 'units', required: true },
      { name: 'period_start', zh: '所属期起', type: 'date', required: true },
      { name: 'period_end', zh: '所属期止', type: 'date', required: true, note: 'same calendar year as 所属期起' },
      { name: 'payroll', zh: '工资总额(元)', type: 'money', required: true, aliases: ['工资总额'] },
      { name: 'due', zh: '应拨缴(元)', type: 'money', note: 'blank = 2% of payroll, half-up to the fen', aliases: ['应拨缴经费(元)', '应缴(元)'] },
      { name: 'paid', zh: '实缴(元)', type: 'money', zeroAllowed: true, note: '≥ 0; blank = 0', aliases: ['实缴经费(元)', '已缴(元)'] },
      { name: 'paid_on', zh: '缴纳日期', type: 'date', note: 'required when 实缴 > 0', aliases: ['缴款日期', '拨缴日期'] },
    ],
  },
  stations: {
    name: 'stations',
    zh: '服务站点',
    en: 'Service stations',
    fileAliases: ['stations', '服务站点', '站点', '工作站'],
    key: ['station_code'],
    columns: [
      { name: 'station_code', zh: '站点编号', type: 'text', required: true },
      { name: 'station_name', zh: '站点名称', type: 'text', required: true, aliases: ['名称', '站点名'] },
      org('主办工会'),
      { name: 'type', zh: '类型', type: 'enum', required: true, values: STATION_TYPES, synonyms: STATION_SYN },
      { name: 'unit_code', zh: '所在单位代码', type: 'credit_code', references: 'units' },
      { name: 'opened_on', zh: '建成日期', type: 'date', required: true, aliases: ['建成时间', '成立日期'] },
      { name: 'closed_on', zh: '撤销日期', type: 'date', aliases: ['撤销时间'] },
    ],
  },
  placements: {
    name: 'placements',
    zh: '就业帮扶',
    en: 'Job placements',
    fileAliases: ['placements', '就业帮扶', '再就业', '就业安置'],
    key: ['person_key', 'placed_on'],
    personColumns: ['member_no', 'id_number', 'name'],
    columns: [
      member,
      idNumber,
      { name: 'name', zh: '姓名', type: 'text', personal: 'name' },
      org('帮扶工会'),
      { name: 'placed_on', zh: '就业日期', type: 'date', required: true, aliases: ['就业时间', '上岗日期'] },
      { name: 'channel', zh: '就业渠道', type: 'enum', required: true, values: PLACEMENT_CHANNELS },
      { name: 'employer_code', zh: '用工单位代码', type: 'credit_code', note: 'credit code (checked); need not be registered', aliases: ['用工单位信用代码'] },
      { name: 'employer_name', zh: '用工单位', type: 'text', aliases: ['用工单位名称', '就业单位'] },
    ],
    derived: [personKey],
  },
};

