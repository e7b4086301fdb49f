// Breakdown dimensions of the indicator dictionary. Labels come from the data contract's enums
// (families.ts), so a category reads the same in the upload template, the dashboard and the PDF.
import { ACTIVITY_KINDS, AID_CATEGORIES, AUDIENCES, FUND_SOURCES, ORG_TYPES } from '../ingest/families.ts';
import {
  CAMPAIGNS, CASE_CHANNELS, CASE_KINDS, CONTRACT_SCOPES, CONTRACT_TYPES, DONOR_TYPES, FUND_CAMPAIGNS, HOME_TITLES, HONOUR_LEVELS,
  INDUSTRIES, INSPECTION_KINDS, OWNERSHIP, PLACEMENT_CHANNELS, STATION_TYPES,
} from '../ingest/families-2.ts';

export interface Dimension {
  /** The suffix of the indicator key: `relief.amount:living`. */
  key: string;
  zh: string;
  en: string;
}

export interface Breakdown {
  /** The column the breakdown groups by. */
  by:
    | 'category' | 'fund_source' | 'org_type' | 'kind' | 'audience'
    // part 2 (shared/indicators-2.md); `a.b` = two dimensions at once, keys `x.y` in that order
    | 'campaign' | 'ownership' | 'industry' | 'ownership.industry' | 'channel' | 'type' | 'scope'
    | 'title' | 'level' | 'title.level' | 'donor_type';
  zh: string;
  en: string;
  dims: Dimension[];
}

const EN: Record<string, string> = {
  living: 'Living assistance',
  medical: 'Medical assistance',
  education: 'Education grants',
  holiday: 'Holiday visits',
  model_worker: 'Model-worker support',
  employment: 'Employment support',
  startup: 'Start-up support',
  mutual: 'Mutual insurance',
  fiscal: 'Government funds',
  union_funds: 'Union funds',
  higher_union: 'Higher-level union',
  donation: 'Donations',
  unspecified: 'Not specified',
  community_union: 'Community unions',
  joint_union: 'Joint unions',
  grassroots_union: 'Grassroots unions',
  training: 'Training',
  culture_sports: 'Culture and sports',
  legal_education: 'Legal education',
  labour_competition: 'Labour competitions',
  safety: 'Work safety',
  volunteer: 'Volunteering',
  congress: 'Workers’ congresses',
  legal_aid: 'Legal aid and mediation',
  other: 'Other',
  cadre: 'Union cadres',
  hardship: 'Workers in hardship',
  unemployed: 'Unemployed workers',
  workers: 'Workers',
  // part 2: campaigns, ownership, rights, contracts, honours, funds, stations, placements
  warmth: 'Send warmth',
  golden_autumn: 'Golden-autumn school aid',
  spring_jobs: 'Spring job fairs',
  summer_cool: 'Summer cooling',
  one_day_pay: 'One-day pay',
  state: 'State-owned',
  collective: 'Collective',
  institution: 'Public institutions',
  private: 'Private',
  foreign: 'Foreign-invested',
  hmt: 'HK, Macao, Taiwan',
  federation: 'Federations',
  street_federation: 'Street (township) federations',
  letter_visit: 'Letters and visits',
  hotline: '12351 hotline',
  online: 'Online',
  consultation: 'Legal consultation',
  mediation: 'Dispute mediation',
  wage_arrears: 'Wage arrears',
  complaint: 'Complaints',
  labour_law: 'Labour-law supervision',
  comprehensive: 'Comprehensive',
  wage: 'Wages',
  women: 'Women workers',
  single: 'Single employer',
  regional: 'Regional',
  industry: 'Industry-wide',
  qualified: 'Qualified',
  advanced: 'Advanced',
  model: 'Model',
  county: 'County level',
  city: 'City level',
  province: 'Provincial level',
  national: 'National',
  units: 'Employers',
  public: 'The public',
  help_centre: 'Hardship help centres',
  service_centre: 'Worker service centres',
  help_station: 'Help stations',
  service_station: 'Service stations',
  startup_base: 'Start-up bases',
  job_fair: 'Job fairs',
  referral: 'Job referral',
  public_post: 'Public-welfare posts',
  self_employed: 'Self-employment',
};

function dims(labels: Record<string, string>, keys: string[] = Object.keys(labels)): Dimension[] {
  return keys.map((key) => ({ key, zh: labels[key] ?? key, en: EN[key] ?? key }));
}

export const BY_AID_CATEGORY: Breakdown = { by: 'category', zh: '帮扶类别', en: 'Category', dims: dims(AID_CATEGORIES) };

/** Payments without a fund source are their own slice, so the slices add up to the total. */
export const BY_FUND_SOURCE: Breakdown = {
  by: 'fund_source',
  zh: '资金来源',
  en: 'Fund source',
  dims: dims({ ...FUND_SOURCES, unspecified: '未注明' }),
};

/** 基层工会: the union types below the street level. Federations are not counted as base unions. */
export const BASE_UNION_TYPES = ['community_union', 'joint_union', 'grassroots_union'] as const;
export const BY_ORG_TYPE: Breakdown = {
  by: 'org_type',
  zh: '组织类型',
  en: 'Union type',
  dims: dims(ORG_TYPES, [...BASE_UNION_TYPES]),
};

export const BY_ACTIVITY_KIND: Breakdown = { by: 'kind', zh: '活动类别', en: 'Kind', dims: dims(ACTIVITY_KINDS) };
export const BY_AUDIENCE: Breakdown = { by: 'audience', zh: '培训对象', en: 'Audience', dims: dims(AUDIENCES) };

/** The courses whose outcomes (certificates, jobs) are measured: for hardship and unemployed workers. */
export const OUTCOME_AUDIENCES = ['hardship', 'unemployed'] as const;
export const BY_OUTCOME_AUDIENCE: Breakdown = {
  by: 'audience',
  zh: '培训对象',
  en: 'Audience',
  dims: dims(AUDIENCES, [...OUTCOME_AUDIENCES]),
};

// ---- part 2 (shared/indicators-2.md, data-contract-2.md) ------------------------------------------
// Labels are the contract's (src/lib/ingest/families-2.ts), like part 1's.

export const BY_CAMPAIGN: Breakdown = { by: 'campaign', zh: '帮扶活动', en: 'Campaign', dims: dims(CAMPAIGNS) };
/** Funds add the one-day-pay drive to the aid campaigns; listed first, as the seeds name it first. */
export const BY_FUND_CAMPAIGN: Breakdown = {
  by: 'campaign', zh: '活动', en: 'Campaign', dims: dims(FUND_CAMPAIGNS, ['one_day_pay', ...Object.keys(CAMPAIGNS)]),
};

export const BY_OWNERSHIP: Breakdown = { by: 'ownership', zh: '经济类型', en: 'Ownership', dims: dims(OWNERSHIP) };
/** Industry sections are letters; their English name is the section letter with the Chinese name. */
export const BY_INDUSTRY: Breakdown = {
  by: 'industry', zh: '行业门类', en: 'Industry',
  dims: Object.entries(INDUSTRIES).map(([key, zh]) => ({ key, zh: `${key} ${zh}`, en: `Section ${key}` })),
};

/** Two dimensions at once (`private.P`): every pair, in the order named. */
function cross(by: Breakdown['by'], a: Breakdown, b: Breakdown): Breakdown {
  return {
    by, zh: `${a.zh}×${b.zh}`, en: `${a.en} × ${b.en}`,
    dims: a.dims.flatMap((x) => b.dims.map((y) => ({ key: `${x.key}.${y.key}`, zh: `${x.zh}·${y.zh}`, en: `${x.en}, ${y.en}` }))),
  };
}
export const BY_OWNERSHIP_INDUSTRY = cross('ownership.industry', BY_OWNERSHIP, BY_INDUSTRY);

/** New unions of any type, federations included (coverage.new_unions). */
export const BY_ANY_ORG_TYPE: Breakdown = { by: 'org_type', zh: '组织类型', en: 'Union type', dims: dims(ORG_TYPES) };
/** The orgs that should run a service centre (stations.coverage_rate). */
export const BY_CENTRE_ORG_TYPE: Breakdown = {
  by: 'org_type', zh: '组织类型', en: 'Union type', dims: dims(ORG_TYPES, ['federation', 'street_federation']),
};

export const BY_CHANNEL: Breakdown = { by: 'channel', zh: '来源渠道', en: 'Channel', dims: dims(CASE_CHANNELS) };
export const BY_CASE_KIND: Breakdown = { by: 'kind', zh: '案件类别', en: 'Kind of case', dims: dims(CASE_KINDS) };
export const BY_INSPECTION_KIND: Breakdown = { by: 'kind', zh: '检查类别', en: 'Kind of inspection', dims: dims(INSPECTION_KINDS) };
export const BY_CONTRACT_TYPE: Breakdown = { by: 'type', zh: '合同类别', en: 'Type', dims: dims(CONTRACT_TYPES) };
export const BY_CONTRACT_SCOPE: Breakdown = { by: 'scope', zh: '签订形式', en: 'Form', dims: dims(CONTRACT_SCOPES) };
export const BY_HOME_TITLE: Breakdown = { by: 'title', zh: '称号', en: 'Title', dims: dims(HOME_TITLES) };
export const BY_LEVEL: Breakdown = { by: 'level', zh: '级别', en: 'Level', dims: dims(HONOUR_LEVELS) };
export const BY_TITLE_LEVEL = cross('title.level', BY_HOME_TITLE, BY_LEVEL);
export const BY_DONOR_TYPE: Breakdown = { by: 'donor_type', zh: '来源', en: 'Donor', dims: dims(DONOR_TYPES) };
export const BY_STATION_TYPE: Breakdown = { by: 'type', zh: '类型', en: 'Type', dims: dims(STATION_TYPES) };
export const BY_PLACEMENT_CHANNEL: Breakdown = { by: 'channel', zh: '就业渠道', en: 'Channel', dims: dims(PLACEMENT_CHANNELS) };
