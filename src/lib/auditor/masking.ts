// Masking of personal data (身份证号, 手机号, 姓名, birth dates, and the person keys derived from them).
//
// What each masked form shows, and why that leaves a large candidate set, is argued in
// docs/threat-model.md. In short: a masked ID shows its first 6 digits (the county of household
// registration, shared by a whole county) and nothing of the birth date, sequence or check digit; a
// masked birth date keeps the year; a masked phone its first 3 digits (the carrier); a masked name
// its first character (the surname, usually). Free text shows the first 3 digits of any run of 11 or
// more digits, whatever separates them (spaces, dashes, full-width digits).
//
// The same rules exist twice, on purpose side by side: as DuckDB macros, which the sandbox puts in
// front of every warehouse table (views.ts), and as JS functions for values that reach a person
// without passing through SQL (upload reject reports, the ingest's console output). Neither holds a
// secret: person keys are pseudonymised outside the sandbox (pseudonym.ts).
import { REASONS } from '../ingest/reasons.ts';
import { FAMILIES, FAMILY_ORDER, cleanColumns, normaliseHeader, personalKind, type Column, type FamilyName, type PersonalKind } from '../ingest/families.ts';

/**
 * How a column is masked: a personal kind; 'key' (person_key → its pseudonym, views.ts); 'text'
 * (free text: ID and mobile numbers inside it); 'code' (an identifier such as member_no: masked
 * whole when it is shaped like an ID or mobile number); 'row' (anything may be a name: every run of
 * Chinese characters cut to its first one); 'hidden' (not shown at all).
 */
export type MaskKind = PersonalKind | 'key' | 'text' | 'code' | 'row' | 'hidden';

/** How a contract column is masked in a masked session (undefined: shown as stored). */
export function maskKindOf(c: Column): MaskKind | undefined {
  const p = personalKind(c);
  if (p) return p;
  if (c.name === 'person_key') return 'key';
  if (c.type !== 'text') return undefined; // typed values, enums and validated codes hold no free text
  return /(_no|_code)$/.test(c.name) ? 'code' : 'text';
}

/**
 * Per clean table (and its _history), how each column is masked: from the family definitions, so
 * a new family's personal columns are masked as soon as families.ts marks them. `_hash` is MD5 of
 * the row's typed values (clear ID included): an offline brute-force oracle, so hidden.
 */
export const FAMILY_MASKS: Record<string, Record<string, MaskKind>> = Object.fromEntries(
  FAMILY_ORDER.map((fam) => {
    const out: Record<string, MaskKind> = { _hash: 'hidden' };
    for (const c of cleanColumns(FAMILIES[fam])) {
      const k = maskKindOf(c);
      if (k) out[c.name] = k;
    }
    return [fam, out];
  }),
);

/** Personal columns by name over all families (for raw headers and the schema browser). */
export const PERSONAL_COLUMNS: Record<string, MaskKind> = (() => {
  const out: Record<string, MaskKind> = { person_key: 'key' };
  for (const fam of FAMILY_ORDER) for (const c of cleanColumns(FAMILIES[fam])) if (personalKind(c)) out[c.name] = personalKind(c)!;
  return out;
})();

// Header spellings of the personal columns (canonical and Chinese, normalised like the ingest does),
// plus the variants clerks use, and the people a register may name besides the person it is about.
const PERSONAL_HEADERS: Map<string, MaskKind> = (() => {
  const out = new Map<string, MaskKind>();
  for (const fam of FAMILY_ORDER) {
    for (const c of cleanColumns(FAMILIES[fam])) {
      const kind = personalKind(c) ?? (c.name === 'person_key' ? 'key' : undefined);
      if (!kind) continue;
      out.set(normaliseHeader(c.name), kind);
      out.set(normaliseHeader(c.zh), kind);
    }
  }
  for (const h of ['birth_date', '出生日期', '出生年月', '出生年月日', '生日']) out.set(normaliseHeader(h), 'birth');
  for (const h of ['身份证', '身份证号码', '公民身份号码', '证件号码', '证件号', 'idnumber', 'idno', '负责人身份证', '联系人身份证', '法人身份证'])
    out.set(normaliseHeader(h), 'id');
  for (const h of ['手机', '手机号码', '电话', '联系电话', '电话号码', '联系方式', 'mobile', 'phone', 'tel', 'telephone', '负责人电话', '联系人电话'])
    out.set(normaliseHeader(h), 'phone');
  for (const h of ['姓名', '职工姓名', '会员姓名', '学员姓名', '受助人', '受助人姓名', '联系人', '负责人', '法定代表人', '法人代表', '经办人', '审批人', '申请人', '填表人', '工会主席'])
    out.set(normaliseHeader(h), 'name');
  return out;
})();

/**
 * The mask of a raw file's column, by the header the clerk typed: a personal kind when the header
 * names personal data (here or, by families.ts, in any family), else undefined.
 */
export function personalKindOfHeader(header: string): MaskKind | undefined {
  const h = normaliseHeader(header);
  const exact = PERSONAL_HEADERS.get(h);
  if (exact) return exact;
  // 负责人身份证号, 联系人手机 … : the kind is in the header's last word.
  if (/(身份证|证件号|公民身份)/.test(h)) return 'id';
  if (/(手机|电话|联系方式)/.test(h)) return 'phone';
  if (/(姓名|联系人|负责人)$/.test(h)) return 'name';
  return undefined;
}

/** Contract column of a raw header, by the spellings the ingest accepts (detect.ts), in one family or any. */
function rawColumnOf(header: string, family: string | null): string | undefined {
  const h = normaliseHeader(header);
  const fams = family && family in FAMILIES ? [family as FamilyName] : [...FAMILY_ORDER];
  for (const f of fams) {
    for (const c of FAMILIES[f].columns) {
      if ([c.name, c.zh, c.zh.replace(/\(.*\)$/, '')].some((s) => normaliseHeader(s) === h)) return c.name;
    }
  }
  return undefined;
}

/**
 * The mask of each raw column: a personal header (身份证号, 联系人, 负责人身份证 …) by its kind; a
 * contract column by the contract's rule; any other column ('row': it may hold a name anywhere) with
 * every Chinese word cut. Every raw cell is text, so every one is at least scanned for ID and mobile
 * numbers ('text').
 */
export function rawMaskKind(header: string, family: string | null): MaskKind {
  const personal = personalKindOfHeader(header);
  if (personal) return personal === 'key' ? 'hidden' : personal;
  const col = rawColumnOf(header, family);
  if (!col) return 'row';
  const fams = family && family in FAMILIES ? [family as FamilyName] : [...FAMILY_ORDER];
  const c = fams.flatMap((f) => cleanColumns(FAMILIES[f])).find((x) => x.name === col)!;
  const kind = maskKindOf(c);
  return kind && kind !== 'key' ? kind : 'text';
}

const FULL = '０１２３４５６７８９Ｘｘ';
const HALF = '0123456789Xx';
/** Full-width digits (and X) as ASCII: a clerk's ５３０４２３… is the same number. */
export function normaliseDigits(s: string): string {
  return s.replace(/[０-９Ｘｘ]/g, (ch) => HALF[FULL.indexOf(ch)]!);
}

// What may stand between the digits of one number: spaces, dashes of every width, dots, slashes,
// commas. (The same class in the SQL macros below; RE2 and JS read it alike.)
const SEP_CLASS = '[\\s\\x{3000}\\x{a0}\\-_.,/\\\\·・，、‐‑‒–—―−﹣－]';
const SEP_JS = new RegExp(SEP_CLASS.replace(/\\x\{([0-9a-f]+)\}/g, '\\u{$1}'), 'u');
// A run of 11 or more digits (phone, ID, or longer), whatever separates them, ending in an optional X.
const RUN_JS = new RegExp(`(\\d)${SEP_JS.source}*(\\d)${SEP_JS.source}*(\\d)(?:${SEP_JS.source}*\\d){8,}(?:${SEP_JS.source}*[Xx])?`, 'gu');

/** 530423199001013720 → 530423************ (fewer than 15 characters: all stars). */
export function maskId(s: string | null | undefined): string | null {
  if (s === null || s === undefined) return null;
  const t = [...normaliseDigits(String(s))];
  if (t.length >= 15) return t.slice(0, 6).join('') + '*'.repeat(t.length - 6);
  return '*'.repeat(t.length);
}

/** 13412344159 → 134******** (fewer than 7 characters: all stars). */
export function maskPhone(s: string | null | undefined): string | null {
  if (s === null || s === undefined) return null;
  const t = [...normaliseDigits(String(s))];
  if (t.length >= 7) return t.slice(0, 3).join('') + '*'.repeat(t.length - 3);
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
  const year = normaliseDigits(String(s)).replace(/[^0-9]/g, '').slice(0, 4);
  return `${year || '*'}-**-**`;
}

/** ID and mobile numbers inside free text: any run of ≥ 11 digits → its first 3 and 8 stars. */
export function maskText(s: string | null | undefined): string | null {
  if (s === null || s === undefined) return null;
  return normaliseDigits(String(s)).replace(RUN_JS, '$1$2$3********');
}

const CODE_SHAPED = /^(\d{15}|\d{17}[\dXx]|(\+?86)?1[3-9]\d{9})$/;
/** An identifier (member number …): masked whole when shaped like an ID or mobile number. */
export function maskCode(s: string | null | undefined): string | null {
  if (s === null || s === undefined) return null;
  const bare = normaliseDigits(String(s)).split('').filter((ch) => !SEP_JS.test(ch)).join('');
  return CODE_SHAPED.test(bare) ? maskText(s) : String(s);
}

/**
 * A whole source line or a cell that may hold anything (a raw column outside the contract): IDs
 * and phones as in text, and every run of Chinese characters cut to its first one — there may be a
 * name in it, and no way to tell which word. Over-masks org names in such cells; that is the safe side.
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
      // Outside the sandbox there is no pseudonym at hand: a clear key (ID or N:name) is hidden.
      return s && !s.startsWith('M:') ? 'P:' + '*'.repeat(8) : (s ?? null);
    case 'code':
      return maskCode(s);
    case 'row':
      return maskRow(s);
    case 'hidden':
      return s === null || s === undefined ? null : '*';
    default:
      return maskText(s);
  }
}

// Any family's mask of a column name, personal kinds first (for rows whose family is not given).
const ANY_FAMILY_MASK: Record<string, MaskKind> = (() => {
  const out: Record<string, MaskKind> = {};
  for (const cols of Object.values(FAMILY_MASKS)) for (const [c, k] of Object.entries(cols)) if (!out[c] || PERSONAL_COLUMNS[c]) out[c] = k;
  return { ...out, ...PERSONAL_COLUMNS };
})();

/** The mask of a quarantine column: by the family's column when known, else by any family's column of that name. */
function quarantineKind(family: string | null | undefined, columnName: string): MaskKind | undefined {
  return (family ? FAMILY_MASKS[family]?.[columnName] : undefined) ?? ANY_FAMILY_MASK[columnName];
}

/** A quarantine / reject-report value: masked by its column when known, else scanned as a whole row. */
export function maskCell(columnName: string | null | undefined, value: string | null | undefined, family?: string | null): string | null {
  if (!columnName) return maskRow(value);
  return maskValue(quarantineKind(family, columnName) ?? 'text', value);
}

const PERSONAL_KINDS = new Set<MaskKind>(['id', 'phone', 'name', 'birth', 'key']);

/**
 * A message about a personal cell, as a masked reader sees it: what the stored message says with
 * the value swapped for its masked form, and whatever the mask hides that an older message may
 * quote (the birth date in an ID, the check character it expects) blanked. New messages quote no
 * personal value at all (src/lib/ingest/apply.ts); this is for those already stored.
 */
function hideInMessage(m: string, value: string | null, masked: string | null, personal: boolean): string {
  // Only what filled a template's placeholders can be a personal value; the template's own words
  // (请写成 2024-03-05、2024/3/5 …) are never masked.
  for (const re of TEMPLATES) {
    const hit = re.exec(m);
    if (!hit?.indices) continue;
    let out = '';
    let at = 0;
    for (let g = 1; g < hit.length; g++) {
      const [s, e] = hit.indices[g]!;
      out += m.slice(at, s) + hideInText(m.slice(s, e), value, masked, personal);
      at = e;
    }
    return out + m.slice(at);
  }
  return hideInText(m, value, masked, personal);
}

/** Each reason's message as a pattern (also without the quoted value, as personal columns store it): its words literal, its placeholders groups. */
const TEMPLATES: RegExp[] = Object.values(REASONS)
  .flatMap((r) => [r.zh, r.en])
  .flatMap((t) => [t, t.replace('“{value}”', '').replace(' "{value}"', '')])
  .map((t) => new RegExp(`^${t.split(/\{(?:col|value|detail|rows)\}/).map((x) => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('([\\s\\S]*?)')}$`, 'd'));

function hideInText(m: string, value: string | null, masked: string | null, personal: boolean): string {
  let t = value ? m.split(value).join(masked ?? '') : m;
  if (personal) {
    t = t
      .replace(/(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?/g, '$1-**-**')
      .replace(/(校验位错误，应为|check character, expected )[0-9Xx]/g, '$1*')
      .replace(/(表示|says )(男|女|male|female)/g, '$1*');
  }
  // (Not cut like a whole row even when the value was one: the words are the message's own.)
  return maskText(t) ?? '';
}

/**
 * A quarantine problem as a person may see it: the value masked by its column, and the messages
 * with nothing the mask hides. For the ingest's console output, the upload page and the reject
 * report alike.
 */
export function maskProblem<T extends { column_name: string | null; value: string | null; message_zh: string; message_en: string; family?: string | null }>(p: T): T {
  const value = maskCell(p.column_name, p.value, p.family);
  const kind = p.column_name ? quarantineKind(p.family, p.column_name) : undefined;
  const personal = !p.column_name || (kind !== undefined && PERSONAL_KINDS.has(kind));
  const hide = (m: string) => hideInMessage(m, p.value, value, personal);
  return { ...p, value, message_zh: hide(p.message_zh), message_en: hide(p.message_en) };
}

// ---- the same rules in SQL (no secret in any of them: they are public functions of their input) ----

const SEP = SEP_CLASS;
const RUN_SQL = `(\\d)${SEP}*(\\d)${SEP}*(\\d)(?:${SEP}*\\d){8,}(?:${SEP}*[Xx])?`;
const sqlStr = (s: string) => `'${s.replace(/'/g, "''")}'`;

/**
 * The words of the reason templates that hold digits (请写成 2024-03-05、2024/3/5 …, 15位有效数字):
 * never a personal value, but a date or a digit run to the masks. ua_mask_message swaps them for
 * private-use characters (no digit, no date: untouched by the masks) and puts them back after
 * masking, so a masked message keeps its words. Longest first: a piece is swapped before a shorter
 * one inside it. Every piece is a phrase, so no personal value can hold one whole.
 */
const TEMPLATE_DIGIT_WORDS: string[] = [...new Set(
  Object.values(REASONS)
    .flatMap((r) => [r.zh, r.en])
    .flatMap((t) => [t, t.replace('“{value}”', '').replace(' "{value}"', '')])
    .flatMap((t) => t.split(/\{(?:col|value|detail|rows)\}/))
    .filter((piece) => /\d/.test(piece)),
)].sort((a, b) => b.length - a.length);
const token = (i: number) => sqlStr(String.fromCodePoint(0xe000 + i));

/** The DuckDB macros the sandbox creates; views.ts applies them to every column a masked session reads. */
export const MASK_MACROS_SQL = `
create macro ua_norm(s) as translate(s, ${sqlStr(FULL)}, ${sqlStr(HALF)});
create macro ua_mask_id(s) as case when s is null then null
  when length(s) >= 15 then left(ua_norm(s), 6) || repeat('*', length(s) - 6) else repeat('*', length(s)) end;
create macro ua_mask_phone(s) as case when s is null then null
  when length(s) >= 7 then left(ua_norm(s), 3) || repeat('*', length(s) - 3) else repeat('*', length(s)) end;
create macro ua_mask_name(s) as case when s is null then null
  when length(s) <= 1 then '*' else left(s, 1) || repeat('*', length(s) - 1) end;
create macro ua_mask_birth(s) as case when s is null then null
  else coalesce(nullif(left(regexp_replace(ua_norm(s), '[^0-9]', '', 'g'), 4), ''), '*') || '-**-**' end;
create macro ua_mask_text(s) as regexp_replace(ua_norm(s), ${sqlStr(RUN_SQL)}, '\\1\\2\\3********', 'g');
create macro ua_mask_code(s) as case
  when length(s) between 11 and 40 and regexp_full_match(regexp_replace(ua_norm(s), ${sqlStr(SEP)}, '', 'g'), '\\d{15}|\\d{17}[\\dXx]|(\\+?86)?1[3-9]\\d{9}')
  then ua_mask_text(s) else s end;
create macro ua_mask_row(s) as regexp_replace(ua_mask_text(s), '(\\p{Han})\\p{Han}+', '\\1**', 'g');
create macro ua_mask_hidden(s) as case when s is null then null else '*' end;
create macro ua_protect_words(s) as ${TEMPLATE_DIGIT_WORDS.reduce((e, w, i) => `replace(${e}, ${sqlStr(w)}, ${token(i)})`, 's')};
create macro ua_restore_words(s) as ${TEMPLATE_DIGIT_WORDS.reduce((e, w, i) => `replace(${e}, ${token(i)}, ${sqlStr(w)})`, 's')};
create macro ua_blank_personal(s, personal) as case when personal then regexp_replace(regexp_replace(regexp_replace(s,
  '(\\d{4})[-/.年](\\d{1,2})[-/.月](\\d{1,2})日?', '\\1-**-**', 'g'),
  '(校验位错误，应为|check character, expected )[0-9Xx]', '\\1*', 'g'),
  '(表示|says )(男|女|male|female)', '\\1*', 'g') else s end;
create macro ua_mask_message(m, personal) as ua_restore_words(ua_mask_text(ua_blank_personal(ua_protect_words(m), personal)));
`;

/** The SQL expression that masks `expr` (a varchar) by kind; 'key' is handled by views.ts (a join). */
export function maskSql(kind: Exclude<MaskKind, 'key'>, expr: string): string {
  return `ua_mask_${kind}(${expr})`;
}

/** For the quarantine view: SQL that masks a message about a personal cell (see hideInMessage). */
export function hideInMessageSql(m: string, personal: string): string {
  return `ua_mask_message(${m}, ${personal})`;
}
