// Table cells broken into lines once per process (reports/lines.ts): every line fits its column,
// nothing is lost, and the rules of Chinese line breaking hold.
import { describe, expect, it } from 'vitest';
import { breakLines } from '../../reports/lines.ts';
import { FONT_SETS, SERIF } from '../../reports/fonts.ts';

const SERIF_FILE = FONT_SETS[SERIF]!.normal;
// Noto Serif SC: a CJK character is 1 em, so at 10 pt ten characters need 100 pt
const at10 = (text: string, width: number) => breakLines(text, SERIF_FILE, 10, width);

describe('breakLines', () => {
  it('fills each line up to the width and keeps every character', () => {
    const text = '应建会年末前注册且未注销的单位数已建会单位计入覆盖它的工会';
    const lines = at10(text, 100);
    expect(lines.join('')).toBe(text);
    expect(lines.slice(0, -1).every((l) => [...l].length === 10)).toBe(true);
  });

  it('never starts a line with closing punctuation: the character before goes down with it', () => {
    // ten characters fill the line exactly; the 11th is "，", which may not start the next line
    const lines = at10('一二三四五六七八九十，之后', 100);
    expect(lines).toEqual(['一二三四五六七八九', '十，之后']);
  });

  it('never ends a line with opening punctuation, and keeps digits together', () => {
    expect(at10('一二三四五六七八九（年末）', 100)).toEqual(['一二三四五六七八九', '（年末）']);
    const lines = at10('一二三四五六七八九12月31日', 100);
    expect(lines).toEqual(['一二三四五六七八九', '12月31日']);
  });

  it('keeps the paragraphs of a cell', () => {
    expect(at10('甲乙\n丙丁', 100)).toEqual(['甲乙', '丙丁']);
  });
});
