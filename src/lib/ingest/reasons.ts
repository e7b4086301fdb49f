// Why a row was quarantined: a stable code, and a message in Chinese and English that tells the
// clerk what to fix. `{col}` is the column's Chinese (or English) header, `{value}` the cell, `{detail}`
// a reason-specific hint filled in by the check that found it.

export interface Reason {
  zh: string;
  en: string;
}

export const REASONS = {
  required: {
    zh: '「{col}」为必填项，不能为空。请补填后重新上传。',
    en: '"{col}" is required and is empty. Fill it in and upload again.',
  },
  bad_date: {
    zh: '「{col}」的值“{value}”不是可识别的日期。请写成 2024-03-05、2024/3/5 或 2024年3月5日。',
    en: '"{col}" value "{value}" is not a date. Write it as 2024-03-05, 2024/3/5 or 2024年3月5日.',
  },
  partial_date: {
    zh: '「{col}」的值“{value}”不是完整日期（缺少月或日）。请填写完整的年月日，如 2012-03-05。',
    en: '"{col}" value "{value}" is not a complete date (month or day missing). Write the full date, e.g. 2012-03-05.',
  },
  id_as_number: {
    zh: '「{col}」的值“{value}”：该列为数字格式，Excel 只保留15位有效数字，后几位已丢失。请将该列设为文本格式后重新录入。',
    en: '"{col}" value "{value}": the column is formatted as numbers and Excel keeps only 15 significant digits, so the last digits are lost. Format the column as text and type the values again.',
  },
  masked_value: {
    zh: '「{col}」的值“{value}”是问题清单中遮盖后的值（含 **）。请填写完整的原值后重新上传。',
    en: '"{col}" value "{value}" is the masked value from the reject report (contains **). Type the full value and upload again.',
  },
  cell_error: {
    zh: '「{col}」单元格显示错误值 {value}（公式出错）。请在 Excel 或 WPS 中更正公式或填写数值后重新上传。',
    en: '"{col}" shows the error value {value} (a broken formula). Fix the formula or type the value, then upload again.',
  },
  odd_encoding: {
    zh: '该行是 {detail} 编码，与文件其余各行不同，按文件的编码读出会是乱码，未导入。请在 Excel 或 WPS 中打开，把整个文件“另存为”同一种编码（CSV UTF-8，或 CSV（逗号分隔）即 GBK）后重新上传。',
    en: 'This line is in {detail}, unlike the rest of the file: read in the file\'s encoding it would be garbled, so it was not loaded. Save the whole file in one encoding (CSV UTF-8, or CSV/GBK) and upload again.',
  },
  bad_encoding: {
    zh: '该行有既不是 UTF-8 也不是 GBK 的字节，无法解码，未导入。请重新录入该行，把文件“另存为”CSV UTF-8 后重新上传。',
    en: 'This line has bytes that are neither UTF-8 nor GBK and cannot be decoded; not loaded. Type the line again and save the file as CSV UTF-8.',
  },
  bad_bool: {
    zh: '「{col}」的值“{value}”无法识别为是/否。请填写 是 或 否（或 Y/N、1/0）。',
    en: '"{col}" value "{value}" is not yes/no. Use 是/否, Y/N or 1/0.',
  },
  bad_int: {
    zh: '「{col}」的值“{value}”不是非负整数。请填写人数等整数，不带单位。',
    en: '"{col}" value "{value}" is not a whole number ≥ 0. Write the number without units.',
  },
  bad_decimal: {
    zh: '「{col}」的值“{value}”不是有效数字。',
    en: '"{col}" value "{value}" is not a valid number ≥ 0.',
  },
  bad_money: {
    zh: '「{col}」的值“{value}”不是有效金额。请填写以元为单位、大于0、最多两位小数的金额，如 1200.50。',
    en: '"{col}" value "{value}" is not an amount in yuan > 0 with at most two decimals, e.g. 1200.50.',
  },
  money_in_wan: {
    zh: '「{col}」的值“{value}”以“万”为单位。登记表须填写以元为单位的金额（如 32000），请换算后重新上传。',
    en: '"{col}" value "{value}" is in 万 (10,000 yuan). The register must carry yuan (e.g. 32000).',
  },
  bad_enum: {
    zh: '「{col}」的值“{value}”不在允许的取值中。允许：{detail}。',
    en: '"{col}" value "{value}" is not an allowed value. Allowed: {detail}.',
  },
  bad_id_number: {
    zh: '「{col}」“{value}”不是有效的18位身份证号（{detail}）。请核对证件后更正。',
    en: '"{col}" "{value}" is not a valid 18-character resident ID ({detail}). Check the ID card.',
  },
  bad_credit_code: {
    zh: '「{col}」“{value}”不是有效的18位统一社会信用代码（{detail}）。请核对营业执照后更正。',
    en: '"{col}" "{value}" is not a valid 18-character unified social credit code ({detail}).',
  },
  bad_gender: {
    zh: '「{col}」的值“{value}”应为 男 或 女。',
    en: '"{col}" value "{value}" must be 男 (male) or 女 (female).',
  },
  // (These two say nothing of what the ID holds: the masked ID hides its birth date and 17th digit.)
  gender_mismatch: {
    zh: '性别“{value}”与身份证号第17位不符。请核对性别或身份证号。',
    en: 'Gender "{value}" disagrees with the ID number\'s 17th digit. Check either.',
  },
  birth_mismatch: {
    zh: '出生日期与身份证号不符。请核对出生日期或身份证号。',
    en: 'The birth date disagrees with the one in the ID number. Check either.',
  },
  date_order: {
    zh: '「{col}」“{value}”早于{detail}。请核对两个日期。',
    en: '"{col}" "{value}" is before {detail}. Check both dates.',
  },
  out_of_range: {
    zh: '「{col}」的值“{value}”超出范围：{detail}。',
    en: '"{col}" value "{value}" is out of range: {detail}.',
  },
  unknown_org: {
    zh: '「{col}」“{value}”不是已登记的组织代码。请先上传该组织，或更正代码。',
    en: '"{col}" "{value}" is not a registered org code. Upload that org first or correct the code.',
  },
  unknown_unit: {
    zh: '「{col}」“{value}”不是已登记的单位。请先上传单位名册，或更正信用代码。',
    en: '"{col}" "{value}" is not a registered unit. Upload the unit register first or correct the code.',
  },
  unknown_member: {
    zh: '「{col}」“{value}”找不到对应会员。请核对会员编号/身份证号。',
    en: '"{col}" "{value}" matches no member. Check the member number or ID number.',
  },
  unknown_file: {
    zh: '「{col}」“{value}”不是已登记的困难职工档案编号。',
    en: '"{col}" "{value}" is not a registered hardship file number.',
  },
  unknown_activity: {
    zh: '「{col}」“{value}”不是已登记的活动编号。请先上传活动登记表。',
    en: '"{col}" "{value}" is not a registered activity. Upload the activity register first.',
  },
  unknown_contract: {
    zh: '「{col}」“{value}”不是已登记的合同编号。请先上传集体合同登记表，或更正合同编号。',
    en: '"{col}" "{value}" is not a registered contract. Upload the collective-contract register first or correct the number.',
  },
  period_overlap: {
    zh: '「{col}」“{value}”所在的所属期与同一单位另一期（{detail}）重叠。请核对两期的起止日期；更正某一期时请保持其所属期起不变。',
    en: '"{col}" "{value}": the period overlaps another period of the unit ({detail}). Check both; to correct a period keep its start date.',
  },
  not_training: {
    zh: '活动“{value}”不是培训类活动，不能登记培训学员。',
    en: 'Activity "{value}" is not of kind training; it cannot have trainees.',
  },
  missing_person: {
    zh: '缺少人员信息：{detail}至少填写一项。',
    en: 'No person given: fill in at least one of {detail}.',
  },
  person_mismatch: {
    zh: '身份证号“{value}”与会员编号 {detail} 登记的身份证号不是同一人。请核对。',
    en: 'ID number "{value}" is not the one registered for member {detail}. Check both.',
  },
  root_conflict: {
    zh: '组织“{value}”没有上级组织代码，但已有根组织 {detail}。只有县/区总工会可以不填上级。',
    en: 'Org "{value}" has no parent, but the root is already {detail}. Only the federation may have none.',
  },
  conflicting_rows: {
    zh: '同一文件中{detail}“{value}”出现多次且内容不同（第{rows}行）。请保留正确的一行后重新上传。',
    en: 'The same {detail} "{value}" appears several times with different content (rows {rows}). Keep one.',
  },
  // Write scope and org-tree integrity (src/lib/ingest/write-scope.ts)
  out_of_scope: {
    zh: '「{col}」“{value}”不在您的管辖范围（{detail} 及其下级组织）内。您的账户只能上传本组织及下级的记录；此行未导入，其余行照常导入。',
    en: '"{col}" "{value}" is outside your scope ({detail} and the orgs under it). Your account may only upload its own subtree\'s records; this row was not loaded, the others were.',
  },
  key_outside_scope: {
    zh: '编号“{value}”已由您管辖范围以外的组织登记，您的账户不能更正或覆盖它。请换用本组织的编号；如确需更正，请由该组织或全市账户上传。',
    en: 'Number "{value}" is already registered by an org outside your scope; your account cannot correct or replace it. Use a number of your own, or ask that org or a federation-wide account.',
  },
  org_cycle: {
    zh: '组织“{value}”的上级组织代码会使组织树形成循环（{detail}）。组织不能成为其下级组织的下级，请更正上级组织代码。',
    en: 'The parent of org "{value}" would make the org tree a loop ({detail}). An org cannot sit below its own descendant; correct the parent code.',
  },
  org_detached: {
    zh: '组织“{value}”的上级组织 {detail} 未能导入（本身被隔离或不在组织树中），因此无法连接到根组织。请先更正其上级组织后一并上传。',
    en: 'The parent {detail} of org "{value}" was not loaded (quarantined itself, or not in the org tree), so the org would not reach the root. Fix the parent and upload both.',
  },
  multiple_roots: {
    zh: '组织“{value}”没有上级组织代码，但组织树只能有一个根，现有多个没有上级的组织（{detail}）。请为除县/区总工会外的组织填写上级组织代码。',
    en: 'Org "{value}" has no parent, but the org tree can have only one root and there are several ({detail}). Give every org except the federation a parent.',
  },
  malformed_row: {
    zh: '该行列数与表头不符（{detail}），无法读取。请检查是否有多余的逗号或缺少的单元格。',
    en: 'The row does not match the header ({detail}). Look for stray commas or missing cells.',
  },
} satisfies Record<string, Reason>;

export type ReasonCode = keyof typeof REASONS;

export function message(code: ReasonCode, lang: 'zh' | 'en', vars: Record<string, string>): string {
  return REASONS[code][lang].replace(/\{(\w+)\}/g, (_, k: string) => vars[k] ?? '');
}
