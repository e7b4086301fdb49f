// Reasons of quarantined rows as the data-quality page states them: one sentence per reason and
// column, in words, without any cell value (the page groups rows and may not show personal data).
// The clerk's per-row messages (src/lib/ingest/reasons.ts) carry the value and the fix; these say
// what kind of problem a group of rows has. A code added later without a line here still reads as
// words: its per-row message with the value-bearing parts cut out.
import { REASONS } from '../ingest/reasons.ts';
import type { Lang } from '../i18n/index.ts';

const S = (zh: string, en: string) => ({ zh, en });
const SUMMARY: Record<string, { zh: string; en: string }> = {
  required: S('「{col}」为空（必填）', '"{col}" is empty (required)'),
  bad_date: S('「{col}」不是可识别的日期', '"{col}" is not a date'),
  bad_bool: S('「{col}」不是 是/否', '"{col}" is not yes/no'),
  bad_int: S('「{col}」不是非负整数', '"{col}" is not a whole number ≥ 0'),
  bad_decimal: S('「{col}」不是有效数字', '"{col}" is not a valid number'),
  bad_money: S('「{col}」不是有效金额（元，最多两位小数）', '"{col}" is not an amount in yuan with at most two decimals'),
  money_in_wan: S('「{col}」以“万”为单位，应填写元', '"{col}" is in 万 instead of yuan'),
  bad_enum: S('「{col}」不在允许的取值中', '"{col}" is not one of the allowed values'),
  bad_id_number: S('「{col}」不是有效的18位身份证号', '"{col}" is not a valid 18-character resident ID'),
  bad_credit_code: S('「{col}」不是有效的统一社会信用代码', '"{col}" is not a valid unified social credit code'),
  bad_gender: S('「{col}」不是 男 或 女', '"{col}" is not 男 or 女'),
  gender_mismatch: S('性别与身份证号不符', 'Gender disagrees with the ID number'),
  birth_mismatch: S('出生日期与身份证号不符', 'Birth date disagrees with the ID number'),
  date_order: S('「{col}」早于应在其前的日期', '"{col}" is before a date it must follow'),
  out_of_range: S('「{col}」超出允许范围', '"{col}" is out of range'),
  unknown_org: S('「{col}」不是已登记的组织', '"{col}" is not a registered org'),
  unknown_unit: S('「{col}」不是已登记的单位', '"{col}" is not a registered unit'),
  unknown_member: S('「{col}」找不到对应会员', '"{col}" matches no member'),
  unknown_file: S('「{col}」不是已登记的困难职工档案', '"{col}" is not a registered hardship file'),
  unknown_activity: S('「{col}」不是已登记的活动', '"{col}" is not a registered activity'),
  unknown_contract: S('「{col}」不是已登记的集体合同', '"{col}" is not a registered contract'),
  period_overlap: S('所属期与同一单位的另一期重叠', 'The period overlaps another period of the same unit'),
  not_training: S('活动不是培训类，不能登记学员', 'The activity is not a training; it cannot have trainees'),
  missing_person: S('缺少人员信息', 'No person given'),
  person_mismatch: S('身份证号与会员编号登记的不是同一人', 'The ID number is not the one registered for the member'),
  root_conflict: S('组织没有上级，但已有根组织', 'The org has no parent, but the root already exists'),
  conflicting_rows: S('同一文件中同一记录出现多次且内容不同', 'The same record appears several times in the file with different content'),
  malformed_row: S('该行列数与表头不符，无法读取', 'The row does not match the header and cannot be read'),
};

/** The per-row message with the parts that carry a value or a detail cut out. */
function generic(template: string): string {
  return template
    .replace(/的值“\{value\}”|“\{value\}”|"\{value\}"|\s?value\s|\{value\}/g, '')
    .replace(/（[^（）]*\{(detail|rows)\}[^（）]*）|\([^()]*\{(detail|rows)\}[^()]*\)|[：:]\s*\{detail\}|\{detail\}|\{rows\}/g, '')
    .replace(/\s+([.,。，])/g, '$1')
    .replace(/\s{2,}/g, ' ')
    .trim();
}

/** What a group of quarantined rows has wrong, in words: '「建会日期」不是可识别的日期'. */
export function reasonSummary(code: string, lang: Lang, column: string | null): string {
  const col = column ?? (lang === 'zh' ? '整行' : 'the row');
  const s = SUMMARY[code]?.[lang] ?? (code in REASONS ? generic(REASONS[code as keyof typeof REASONS][lang]) : null);
  if (!s) return lang === 'zh' ? '其他问题（见问题清单）' : 'Another problem (see the reject report)';
  return s.replaceAll('{col}', col);
}
