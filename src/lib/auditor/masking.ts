// Masking of personal data (身份证号, 手机号, 姓名 and keys derived from them).
//
// The same rules exist twice, on purpose side by side: as DuckDB macros, which the sandbox puts in
// front of every warehouse table (views.ts), and as JS functions for values that reach a person
// without passing through SQL (upload reject reports, page tables).
import { FAMILIES, FAMILY_ORDER, cleanColumns, normaliseHeader } from '../ingest/families.ts';

export type MaskKind = 'id' | 'phone' | 'name' | 'key' | 'birth';

/** Personal columns by name, from the data contract (plus person_key, which may hold an ID number). */
export const PERSONAL_COLUMNS: Record<string, MaskKind> = (() => {
  // birth_date is not personal in the contract, but it is exactly the part of the ID number that the
  // masked form hides (530423[19900101]3720): together they would give the ID back. Year only.
  const out: Record<string, MaskKind> = { person_key: 'key', birth_date: 'birth' };
  for (const fam of FAMILY_ORDER) {
    for (const c of cleanColumns(FAMILIES[fam])) {
      if (!c.personal) continue;
      out[c.name] = c.type === 'id_number' ? 'id' : c.name === 'phone' ? 'phone' : 'name';
    }
  }
  return out;
})();

// Header spellings of the personal columns (canonical and Chinese, normalised like the ingest does),
// plus common variants clerks use.
const PERSONAL_HEADERS: Map<string, MaskKind> = (() => {
  const out = new Map<string, MaskKind>();
  for (const fam of FAMILY_ORDER) {
    for (const c of cleanColumns(FAMILIES[fam])) {
      const kind = PERSONAL_COLUMNS[c.name];
      if (!kind) continue;
      out.set(normaliseHeader(c.name), kind);
      out.set(normaliseHeader(c.zh), kind);
    }
  }
  for (const h of ['birth_date', '出生日期', '出生年月', '生日']) out.set(normaliseHeader(h), 'birth');
  for (const h of ['身份证', '身份证号码', '公民身份号码', '证件号码', 'idnumber', 'idno']) out.set(normaliseHeader(h), 'id');
  for (const h of ['手机', '手机号码', '电话', '联系电话', '联系方式', 'mobile', 'tel', 'telephone']) out.set(normaliseHeader(h), 'phone');
  for (const h of ['职工姓名', '会员姓名', '学员姓名', '受助人', '受助人姓名']) out.set(normaliseHeader(h), 'name');
  return out;
})();

/** The mask for a raw file header (whatever the clerk typed), or undefined when not personal. */
export function personalKindOfHeader(header: string): MaskKind | undefined {
  return PERSONAL_HEADERS.get(normaliseHeader(header));
}

/** 530423199001013720 → 530423********3720 (other lengths: all stars but the last 4 when ≥ 8). */
export function maskId(s: string | null | undefined): string | null {
  if (s === null || s === undefined) return null;
  const t = String(s);
  if (t.length >= 15) return t.slice(0, 6) + '*'.repeat(t.length - 10) + t.slice(-4);
  return '*'.repeat(t.length);
}

/** 13412344159 → 134****4159. */
export function maskPhone(s: string | null | undefined): string | null {
  if (s === null || s === undefined) return null;
  const t = String(s);
  if (t.length >= 7) return t.slice(0, 3) + '*'.repeat(t.length - 7) + t.slice(-4);
  return '*'.repeat(t.length);
}

/** 张三丰 → 张**. */
export function maskName(s: string | null | undefined): string | null {
  if (s === null || s === undefined) return null;
  const chars = [...String(s)];
  return chars.length <= 1 ? '*' : chars[0] + '*'.repeat(chars.length - 1);
}

/** 1990-01-05 → 1990-**-** (the year only). */
export function maskBirth(s: string | null | undefined): string | null {
  if (s === null || s === undefined) return null;
  const year = String(s).replace(/[^0-9]/g, '').slice(0, 4);
  return `${year || '*'}-**-**`;
}

/** ID numbers and mobile numbers inside free text (unknown extra columns, quarantine values). */
export function maskText(s: string | null | undefined): string | null {
  if (s === null || s === undefined) return null;
  return String(s)
    .replace(/(\d{6})\d{5,8}(\d{3}[\dXx])/g, '$1********$2')
    .replace(/(1[3-9]\d)\d{4}(\d{4})/g, '$1****$2');
}

/**
 * A whole source line (a row the reader could not split): IDs and phones as in text, and every run
 * of Chinese characters cut to its first one — the line has a name somewhere, and no way to tell
 * which field it is. Over-masks org names in such lines; that is the safe side.
 */
export function maskRow(s: string | null | undefined): string | null {
  const t = maskText(s);
  return t === null ? null : t.replace(/(\p{Script=Han})\p{Script=Han}+/gu, '$1**');
}

export function maskValue(kind: MaskKind | undefined, s: string | null | undefined): string | null {
  switch (kind) {
    case 'id':
      return maskId(s);
    case 'phone':
      return maskPhone(s);
    case 'name':
      return maskName(s);
    case 'birth':
      return maskBirth(s);
    case 'key':
      return s && !s.startsWith('M:') ? 'P:' + '*'.repeat(8) : (s ?? null);
    default:
      return maskText(s);
  }
}

/** A quarantine / reject-report value: masked by its column when known, else scanned as text. */
export function maskCell(columnName: string | null | undefined, value: string | null | undefined): string | null {
  if (!columnName) return maskRow(value);
  return maskValue(PERSONAL_COLUMNS[columnName], value);
}

/**
 * A quarantine problem as a person may see it: the value masked by its column, and the messages,
 * which quote the value, with it replaced by the masked form (then scanned as text). For the
 * ingest's console output, the upload page and the reject report alike.
 */
export function maskProblem<T extends { column_name: string | null; value: string | null; message_zh: string; message_en: string }>(p: T): T {
  const value = maskCell(p.column_name, p.value);
  const hide = (m: string) => {
    const swapped = p.value ? m.split(p.value).join(value ?? '') : m;
    return (p.column_name ? maskText(swapped) : maskRow(swapped)) ?? '';
  };
  return { ...p, value, message_zh: hide(p.message_zh), message_en: hide(p.message_en) };
}

/**
 * The DuckDB macros the sandbox creates. person_key becomes a keyed hash so that joins and distinct
 * counts on it still work in masked mode without revealing the ID number behind it; member-number
 * keys (M:…) are not personal and stay as they are. The key lives in the temp table ua_secret, not
 * in the macro text (macro bodies are readable through duckdb_functions() and pg_proc), and guard.ts
 * refuses any reference to ua_* tables.
 */
export const MASK_MACROS_SQL = `
create macro ua_mask_id(s) as case when s is null then null
  when length(s) >= 15 then left(s, 6) || repeat('*', length(s) - 10) || right(s, 4) else repeat('*', length(s)) end;
create macro ua_mask_phone(s) as case when s is null then null
  when length(s) >= 7 then left(s, 3) || repeat('*', length(s) - 7) || right(s, 4) else repeat('*', length(s)) end;
create macro ua_mask_name(s) as case when s is null then null
  when length(s) <= 1 then '*' else left(s, 1) || repeat('*', length(s) - 1) end;
create macro ua_mask_key(s) as case when s is null or starts_with(s, 'M:') then s
  else 'P:' || left(sha256((select secret from temp.main.ua_secret) || s), 16) end;
create macro ua_mask_birth(s) as case when s is null then null
  else coalesce(nullif(left(regexp_replace(s, '[^0-9]', '', 'g'), 4), ''), '*') || '-**-**' end;
create macro ua_mask_text(s) as regexp_replace(regexp_replace(s,
  '(\\d{6})\\d{5,8}(\\d{3}[\\dXx])', '\\1********\\2', 'g'), '(1[3-9]\\d)\\d{4}(\\d{4})', '\\1****\\2', 'g');
create macro ua_mask_row(s) as regexp_replace(ua_mask_text(s), '(\\p{Han})\\p{Han}+', '\\1**', 'g');
`;

export const MASK_MACRO: Record<MaskKind, string> = { id: 'ua_mask_id', phone: 'ua_mask_phone', name: 'ua_mask_name', key: 'ua_mask_key', birth: 'ua_mask_birth' };
