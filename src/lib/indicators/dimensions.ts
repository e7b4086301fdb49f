// Breakdown dimensions of the indicator dictionary. Labels come from the data contract's enums
// (families.ts), so a category reads the same in the upload template, the dashboard and the PDF.
import { ACTIVITY_KINDS, AID_CATEGORIES, AUDIENCES, FUND_SOURCES, ORG_TYPES } from '../ingest/families.ts';

export interface Dimension {
  /** The suffix of the indicator key: `relief.amount:living`. */
  key: string;
  zh: string;
  en: string;
}

export interface Breakdown {
  /** The column the breakdown groups by. */
  by: 'category' | 'fund_source' | 'org_type' | 'kind' | 'audience';
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
