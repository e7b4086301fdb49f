// Error cells (#N/A, #DIV/0! …) carry SheetJS's code; its table of their texts is not exported. On its
// own (not in workbook.ts) so that the .xlsx reader's worker does not load SheetJS.
export const ERRORS: Record<number, string> = { 0x00: '#NULL!', 0x07: '#DIV/0!', 0x0f: '#VALUE!', 0x17: '#REF!', 0x1d: '#NAME?', 0x24: '#NUM!', 0x2a: '#N/A', 0x2b: '#GETTING_DATA' };
const CODES = new Map(Object.entries(ERRORS).map(([code, text]) => [text, Number(code)]));
/** The code SheetJS gives an error cell's text (#N/A → 0x2a); undefined for a text it does not know. */
export const errorCode = (text: string): number | undefined => CODES.get(text);
