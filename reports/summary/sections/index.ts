// The work areas of the summary, in the seeds' order (组织建设, 权益维护, 民主管理, 帮扶, 教育培训, 文体,
// 荣誉与职工之家, 经费与服务). Add a work area: a file here exporting a SectionBuilder, one entry below
// (see types.ts). compose.ts calls each builder and skips those that return null.
import { activities } from './activities.ts';
import { organisation } from './organisation.ts';
import { relief } from './relief.ts';
import { training } from './training.ts';
import { rights } from './rights.ts';
import { democracy } from './democracy.ts';
import { honours } from './honours.ts';
import { services } from './services.ts';
import type { SectionBuilder } from './types.ts';

export const SECTION_BUILDERS: readonly SectionBuilder[] = [organisation, rights, democracy, relief, training, activities, honours, services].sort((a, b) => a.order - b.order);

export type { SectionBuilder, SectionContext, SectionDraft } from './types.ts';
