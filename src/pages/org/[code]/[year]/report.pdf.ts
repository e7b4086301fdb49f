// GET /org/CODE/YEAR/report.pdf — the work summary as a 公文 PDF (src/lib/server/summary-download.ts).
import { summaryRoute } from '../../../../lib/server/summary-download.ts';

export const GET = summaryRoute('pdf');
