// Times a person reads (upload batches, the data-quality page): always Beijing time, with the zone
// written out, whatever the server's TZ — the same clock the work-summary PDFs print.
import type { Lang } from './index.ts';

export const ZONE = 'Asia/Shanghai';

const parts = new Intl.DateTimeFormat('en-CA', {
  timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
});

/** '2026-11-30 09:17 北京时间 (UTC+8)' / '2026-11-30 09:17 Beijing time (UTC+8)'; '—' for null. */
export function formatDateTime(at: Date | string | number | null | undefined, lang: Lang = 'zh'): string {
  if (at === null || at === undefined || at === '') return '—';
  const d = at instanceof Date ? at : new Date(at);
  if (Number.isNaN(d.getTime())) return '—';
  const p = Object.fromEntries(parts.formatToParts(d).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute} ${lang === 'zh' ? '北京时间' : 'Beijing time'} (UTC+8)`;
}
