// Upload templates: one .xlsx per record family with the Chinese headers the ingest recognises, and
// a second sheet explaining every column (required, type, allowed values) from the data contract.
import { FAMILIES, FAMILY_ORDER, type FamilyName } from '../ingest/families.ts';

export function isFamily(s: string): s is FamilyName {
  return (FAMILY_ORDER as readonly string[]).includes(s);
}

const TYPE_ZH: Record<string, string> = {
  text: '文本', date: '日期 (2024-03-05)', bool: '是/否', int: '整数 ≥ 0', decimal: '数字 ≥ 0', money: '金额(元)，最多两位小数',
  enum: '代码', id_number: '18位身份证号', credit_code: '18位统一社会信用代码', gender: '男/女',
};

/**
 * The family's Chinese name as a sheet or file name: Excel refuses * ? : \ / [ ] in sheet names
 * (职代会/厂务公开 → 职代会、厂务公开), and a slash would start a folder in a file name. The ingest
 * still recognises it (职代会 is one of the family's names).
 */
export function templateName(family: FamilyName): string {
  return FAMILIES[family].zh.replace(/[*?:\\/[\]]/g, '、');
}

export async function templateXlsx(family: FamilyName): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const f = FAMILIES[family];
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(templateName(family));
  const header = ws.addRow(f.columns.map((c) => c.zh));
  header.font = { bold: true };
  f.columns.forEach((c, i) => {
    const col = ws.getColumn(i + 1);
    col.width = Math.max(12, c.zh.length * 2 + 4);
    // Codes keep their leading zeros only as text.
    if (c.type !== 'int' && c.type !== 'decimal' && c.type !== 'money') col.numFmt = '@';
    if (c.required) header.getCell(i + 1).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFDE8E8' } };
  });
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  const notes = wb.addWorksheet('说明 Notes');
  notes.addRow([`${f.zh} / ${f.en}：每行一条记录，第一行为表头 (红色为必填)。 One record per row; header in row 1 (red = required).`]);
  notes.addRow(['表头 / header', '字段 / column', '必填 / required', '类型 / type', '可选值 / allowed values', '说明 / note']).font = { bold: true };
  for (const c of f.columns) {
    notes.addRow([
      c.zh, c.name, c.required ? '是 / yes' : '', TYPE_ZH[c.type] ?? c.type,
      c.values ? Object.entries(c.values).map(([k, v]) => `${v} (${k})`).join('、') : '',
      [c.personal ? '个人信息 / personal data' : '', c.note ?? ''].filter(Boolean).join('; '),
    ]);
  }
  notes.columns.forEach((c) => (c.width = 22));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
