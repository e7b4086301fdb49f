// What the work-summary template needs, and nothing else. The loader (load.ts) fills it from the
// warehouse through the indicator reader; tests build it by hand. Plain JSON: it crosses to worker
// threads and is the golden test's fixture.
import type { Change, Unit } from '../../src/lib/format/index.ts';

export type Lang = 'zh' | 'en';

/** One indicator value with what the sentences need: exact parts for rates and last year's value. */
export interface Figure {
  value: number | null;
  unit: Unit;
  numerator?: number | null;
  denominator?: number | null;
  previous?: number | null;
  previousNumerator?: number | null;
  previousDenominator?: number | null;
  /** The change as the indicator report computed it (the one rule); absent in hand-made inputs. */
  change?: Change | null;
}

/** One slice of a breakdown (aid by category, activities by kind, unions by type). */
export interface Slice {
  key: string;
  zh: string;
  en: string;
  value: number | null;
}

export interface OrgRef {
  code: string;
  name: string;
  /** org_type code (families.ts ORG_TYPES), null when unknown. */
  type: string | null;
  typeZh: string | null;
  typeEn: string | null;
}

/** A year of the multi-year trend chart. */
export interface TrendPoint {
  year: number;
  members: number | null;
  membershipRate: number | null;
  reliefAmount: number | null;
}

export interface ChildRow {
  org: OrgRef;
  figures: Partial<Record<string, Figure>>;
}

/** An entry of the appendix (指标口径), taken from the indicator dictionary. */
export interface Definition {
  code: string;
  zh: string;
  en: string;
  unit: Unit;
  definitionZh: string;
  definitionEn: string;
}

export interface SummaryInput {
  org: OrgRef;
  /** The chain of ancestors, top first (for the header line "XX区总工会 › YY街道"). */
  parents: OrgRef[];
  year: number;
  /** Last day of the year (stocks are counted at this date), YYYY-MM-DD. */
  asOf: string;
  /** The ingest batch the warehouse stood at; null for an empty warehouse. */
  batch: { id: number; finishedAt: string | null } | null;
  /** Pinned by the caller (ISO 8601 with offset), so the same data gives the same PDF. */
  generatedAt: string;
  /** Indicator code (or `code:dimension`) → figure. Missing codes mean "no data". */
  figures: Partial<Record<string, Figure>>;
  breakdowns: {
    unionsByType: Slice[];
    reliefByCategory: Slice[];
    activityByKind: Slice[];
  };
  trend: TrendPoint[];
  children: ChildRow[];
  /** 本级: the org's own figures of the child-table codes (total − the listed children); absent
   *  in hand-made inputs and for an org without children. */
  own?: Partial<Record<string, Figure>>;
  definitions: Definition[];
}

export interface SummaryOptions {
  lang: Lang;
}
