// GET /org/CODE/YEAR/report.docx — the same work summary as a Word file (src/lib/server/summary-download.ts).
import { summaryRoute } from '../../../../lib/server/summary-download.ts';

export const GET = summaryRoute('docx');
